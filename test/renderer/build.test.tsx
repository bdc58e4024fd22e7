// @vitest-environment jsdom
/**
 * The build dialog over a fake transport: bad fields are named next to them and nothing reaches
 * the engine; Berth's own folder check lands on its field; the desktop's "Choose…" fills the
 * folder; good input starts exactly one build.run. And the reducer that turns build events into
 * step states (cache marks, durations, the failing step, steps that never ran).
 */
import { cleanup, render, screen, waitFor } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { afterEach, describe, expect, it } from 'vitest'
import type { BuildRecord } from '../../shared/build-models'
import type { ClientFrame } from '../../shared/wire'
import { RpcClient } from '../../renderer/src/api/client'
import { BuildDialog } from '../../renderer/src/features/build/BuildDialog'
import { applyBuildEvent, newBuild } from '../../renderer/src/features/build/buildProgress'
import { StoresContext } from '../../renderer/src/stores/context'
import { createBerthStores } from '../../renderer/src/stores/index'
import { FakeTransport } from './fakeTransport'

afterEach(cleanup)

function setup(options: { nativeDialogs?: boolean } = {}) {
  const fake = new FakeTransport()
  const subs: ClientFrame[] = []
  const send = fake.send.bind(fake)
  fake.send = (frame) => {
    if (frame.t === 'sub') subs.push(frame)
    send(frame)
  }
  fake
    .handle('host.capabilities', () => ({ nativeDialogs: options.nativeDialogs ?? false, platform: 'linux' }))
    .handle('build.builders', () => ({ buildkit: true, reason: null }))
    .handle('build.inspectContext', (input) =>
      input.contextPath === '/nowhere' ? { ok: false as const, field: 'contextPath' as const, message: 'Berth can’t open /nowhere: it does not exist' } : { ok: true as const, stages: ['base', 'final'], args: ['VERSION'], steps: 3 }
    )
    .handle('host.pickFolder', () => ({ path: '/home/me/app' }))
  const stores = createBerthStores(new RpcClient(fake), fake, 'images')
  render(
    <StoresContext.Provider value={stores}>
      <BuildDialog dialog={{ kind: 'build' }} onClose={() => {}} />
    </StoresContext.Provider>
  )
  return { fake, subs, stores }
}

function messageOf(input: HTMLElement): string {
  return (input.getAttribute('aria-describedby') ?? '').split(' ').map((id) => document.getElementById(id)?.textContent ?? '').join(' ')
}

describe('BuildDialog', () => {
  it('names every bad field and sends nothing to build', async () => {
    const user = userEvent.setup()
    const { fake, subs } = setup()
    expect(screen.getByText(/A folder on the machine running Berth/)).toBeTruthy()
    expect(screen.queryByRole('button', { name: 'Choose…' })).toBeNull()
    await user.type(screen.getByLabelText('Tags'), 'ok:1 Bad:Tag')
    await user.click(screen.getByRole('button', { name: 'Add build arg' }))
    await user.type(screen.getByLabelText('Build arg name, row 1'), '1BAD')
    await user.type(screen.getByLabelText('Target stage'), '-x')
    await user.click(screen.getByRole('button', { name: 'Build' }))
    expect(messageOf(screen.getByLabelText('Context folder'))).toContain('choose the folder to build from')
    expect(messageOf(screen.getByLabelText('Tags'))).toContain('"Bad:Tag": repository names must be lowercase')
    expect(messageOf(screen.getByLabelText('Build arg name, row 1'))).toContain('not starting with a digit')
    expect(messageOf(screen.getByLabelText('Target stage'))).toContain('starts with a letter')
    expect(fake.callsTo('build.inspectContext')).toHaveLength(0)
    expect(subs.filter((frame) => frame.t === 'sub' && frame.method === 'build.run')).toHaveLength(0)
  })

  it('shows Berth’s folder check at the folder field', async () => {
    const user = userEvent.setup()
    const { subs } = setup()
    await user.type(screen.getByLabelText('Context folder'), '/nowhere')
    await user.click(screen.getByRole('button', { name: 'Build' }))
    await waitFor(() => expect(messageOf(screen.getByLabelText('Context folder'))).toContain('it does not exist'))
    expect(subs).toHaveLength(0)
  })

  it('fills the folder from the desktop folder dialog and starts one build with the options', async () => {
    const user = userEvent.setup()
    const { fake, subs } = setup({ nativeDialogs: true })
    await user.click(await screen.findByRole('button', { name: 'Choose…' }))
    await waitFor(() => expect((screen.getByLabelText('Context folder') as HTMLInputElement).value).toBe('/home/me/app'))
    expect(fake.callsTo('host.pickFolder')).toHaveLength(1)
    await user.type(screen.getByLabelText('Tags'), 'app:1, app:latest')
    await user.click(screen.getByRole('checkbox', { name: 'Don’t use the cache' }))
    await user.click(screen.getByRole('button', { name: 'Add label' }))
    await user.type(screen.getByLabelText('Label key, row 1'), 'team')
    await user.type(screen.getByLabelText('Value, label row 1'), 'blue')
    await user.click(screen.getByRole('button', { name: 'Build' }))
    await waitFor(() => expect(subs).toHaveLength(1))
    const frame = subs[0]
    expect(frame.t === 'sub' && frame.method).toBe('build.run')
    expect(frame.t === 'sub' && frame.input).toMatchObject({
      contextPath: '/home/me/app',
      dockerfile: 'Dockerfile',
      tags: ['app:1', 'app:latest'],
      noCache: true,
      labels: [{ name: 'team', value: 'blue' }],
      builder: 'classic'
    })
    expect(await screen.findByRole('dialog', { name: 'Build app:1 +1' })).toBeTruthy()
  })
})

describe('applyBuildEvent', () => {
  const plan = (index: number, instruction: string, line: number | null) => ({ index, instruction, line, endLine: line, stage: 'stage-0' })

  it('marks cache hits, times steps, and on failure marks the failing step and the ones that never ran', () => {
    let build = newBuild('b-123456789', { contextPath: '/app' }, 0)
    build = applyBuildEvent(build, { kind: 'plan', buildId: 'b-123456789', builder: 'classic', dockerfile: 'Dockerfile', steps: [plan(1, 'FROM x', 1), plan(2, 'RUN a', 2), plan(3, 'RUN b', 3), plan(4, 'RUN c', 4)], contextFiles: 2, contextBytes: 10 }, 0)
    build = applyBuildEvent(build, { kind: 'step', index: 1, total: 4, instruction: 'FROM x' }, 0)
    build = applyBuildEvent(build, { kind: 'stepDone', step: 1, durationMs: 3, cached: false, droppedLines: 0 }, 3)
    build = applyBuildEvent(build, { kind: 'step', index: 2, total: 4, instruction: 'RUN a' }, 3)
    build = applyBuildEvent(build, { kind: 'cached', step: 2 }, 4)
    build = applyBuildEvent(build, { kind: 'stepDone', step: 2, durationMs: 1, cached: true, droppedLines: 0 }, 4)
    build = applyBuildEvent(build, { kind: 'step', index: 3, total: 4, instruction: 'RUN b' }, 4)
    build = applyBuildEvent(build, { kind: 'output', step: 3, lines: ['one', 'two'] }, 5)
    build = applyBuildEvent(build, { kind: 'output', step: 3, lines: ['three'] }, 6)
    expect(build.output.get(3)).toEqual(['one', 'two', 'three'])
    const record: BuildRecord = {
      id: 'b-123456789', options: { contextPath: '/app', dockerfile: 'Dockerfile', tags: [], buildArgs: [], noCache: false, pull: false, labels: [], builder: 'classic' },
      engineId: 'e', startedAt: 0, durationMs: 50, status: 'failed', imageId: null, tags: [], steps: 3, cachedSteps: 1, contextBytes: 10,
      failure: { step: 3, instruction: 'RUN b', line: 3, source: [{ number: 3, text: 'RUN b' }], message: 'boom' }
    }
    build = applyBuildEvent(build, { kind: 'result', record }, 54)
    expect(build.steps.map((step) => [step.state, step.durationMs, step.outputCount])).toEqual([
      ['done', 3, 0],
      ['cached', 1, 0],
      ['failed', 50, 3],
      ['skipped', null, 0]
    ])
    expect(build.phase).toBe('failed')
  })
})
