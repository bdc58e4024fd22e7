// @vitest-environment jsdom
/**
 * Live limits in the Overview keep what the person typed: an engine "update" event for the
 * container (another client, or Berth's own apply of another group) re-reads inspect, and only the
 * fields nobody touched follow the engine. A draft ends when it is applied or cancelled.
 */
import { act, cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { afterEach, describe, expect, it } from 'vitest'
import type { ContainerSummary } from '../../shared/models'
import type { ContainerDetails, Limits } from '../../shared/run-models'
import type { EngineSummary } from '../../shared/models'
import { PODMAN_4_3_CAPABILITIES, PODMAN_IDENTITY, makeContainer, makeEngine, makeEngineInfo } from './fixtures'
import { renderBerth, type World } from './renderBerth'

let world: World | undefined
afterEach(() => {
  world?.stop()
  cleanup()
  world = undefined
})

const MIB = 1024 ** 2
const GIB = 1024 ** 3

function detailsFor(container: ContainerSummary, limits: Limits): ContainerDetails {
  return {
    id: container.id, name: container.name, image: 'busybox:latest', imageId: 'sha256:' + 'b'.repeat(64), created: '2024-01-01T00:00:00Z',
    state: { status: 'running', running: true, paused: false, exitCode: 0, startedAt: '2024-01-01T00:00:01Z', finishedAt: '', oomKilled: false, error: '' },
    command: ['sleep', '1000'], entrypoint: [], workingDir: '', user: '', tty: false, openStdin: false,
    ports: [], mounts: [], env: [], labels: {},
    restartPolicy: { name: 'no', maximumRetryCount: 0 },
    limits,
    networks: [],
    raw: { Id: container.id }
  }
}

/** A fake engine whose limits change with containers.update, like the real one. */
function setup(activeEngine?: EngineSummary) {
  const web = makeContainer({ name: 'web' })
  world = renderBerth({ containers: [web], ...(activeEngine ? { engine: activeEngine } : {}) })
  const engine = { limits: { nanoCpus: 1e9, cpuQuota: 0, cpuPeriod: 0, memory: 256 * MIB, memorySwap: 512 * MIB, pidsLimit: 100 } as Limits }
  const fake = world.fake
  fake
    .handle('engines.info', () => makeEngineInfo({ cpus: 4, memoryBytes: 4 * GIB }))
    .handle('containers.inspect', () => detailsFor(web, { ...engine.limits }))
    .handle('containers.update', ({ resources = {} }) => {
      engine.limits = {
        ...engine.limits,
        ...(resources.nanoCpus !== undefined ? { nanoCpus: resources.nanoCpus } : {}),
        ...(resources.memory !== undefined ? { memory: resources.memory } : {}),
        ...(resources.memorySwap !== undefined ? { memorySwap: resources.memorySwap } : {}),
        ...(resources.pidsLimit !== undefined ? { pidsLimit: resources.pidsLimit } : {})
      }
      return { warnings: [] }
    })
  /** The engine reports a change to the container (what `docker update` elsewhere looks like). */
  const engineUpdate = (limits: Partial<Limits>): void => {
    engine.limits = { ...engine.limits, ...limits }
    act(() => fake.emit({ type: 'container', action: 'update', id: web.id, container: { ...web, status: `Up ${Math.random()}` } }))
  }
  return { web, fake, engine, engineUpdate }
}

const box = (name: string): HTMLInputElement => screen.getByRole('spinbutton', { name }) as HTMLInputElement
const textBox = (name: string): HTMLInputElement => screen.getByRole('textbox', { name }) as HTMLInputElement

async function openOverview(): Promise<ReturnType<typeof userEvent.setup>> {
  const user = userEvent.setup()
  await user.click(await screen.findByRole('button', { name: 'web' }))
  await screen.findByRole('heading', { name: 'Resource limits' })
  await waitFor(() => expect(box('CPUs (number)').value).toBe('1'))
  return user
}

describe('live limits', () => {
  it('keeps a typed, not yet applied value when the engine reports an update; untouched fields follow', async () => {
    const { fake, engineUpdate } = setup()
    const user = await openOverview()
    await user.clear(textBox('Process limit'))
    await user.type(textBox('Process limit'), '300')
    const cpus = box('CPUs (number)') // typed and still focused: leaving the box would apply it
    await user.clear(cpus)
    await user.type(cpus, '2.5')
    const inspectsBefore = fake.callsTo('containers.inspect').length

    engineUpdate({ memory: 300 * MIB, memorySwap: 600 * MIB, nanoCpus: 1.5e9, pidsLimit: 50 })
    await waitFor(() => expect(fake.callsTo('containers.inspect').length).toBeGreaterThan(inspectsBefore))
    await waitFor(() => expect(screen.getByText('now: 1.5 CPUs')).toBeTruthy())

    expect(Number(box('CPUs (number)').value)).toBe(2.5)
    expect(textBox('Process limit').value).toBe('300')
    expect(box('Memory (number, MiB)').value).toBe('300')
    expect(fake.callsTo('containers.update')).toEqual([])
  })

  it('keeps CPUs typed while Berth applies memory, then applies them; cancel returns a field to the engine', async () => {
    const { web, fake, engineUpdate } = setup()
    const user = await openOverview()
    const memory = box('Memory (number, MiB)')
    await user.clear(memory)
    await user.type(memory, '400')
    const cpus = box('CPUs (number)')
    await user.clear(cpus) // leaving the memory box applies it; the re-read comes while CPUs are typed
    await user.type(cpus, '3')
    await waitFor(() => expect(screen.getByText('now: 400 MiB')).toBeTruthy())
    expect(fake.callsTo('containers.update').map((c) => c.input)).toEqual([{ id: web.id, resources: { memory: 400 * MIB, memorySwap: 512 * MIB } }])
    expect(Number(box('CPUs (number)').value)).toBe(3)

    await user.keyboard('{Enter}')
    await waitFor(() => expect(screen.getByText('now: 3 CPUs')).toBeTruthy())
    expect(fake.callsTo('containers.update').at(-1)?.input).toEqual({ id: web.id, resources: { nanoCpus: 3e9 } })

    // Applied: the field follows the engine again.
    engineUpdate({ nanoCpus: 2e9 })
    await waitFor(() => expect(box('CPUs (number)').value).toBe('2'))

    // Cancelled with Escape: the draft goes and the engine's value shows.
    await user.clear(textBox('Process limit'))
    await user.type(textBox('Process limit'), '77')
    await user.click(screen.getByRole('button', { name: 'Cancel process limit change' }))
    expect(textBox('Process limit').value).toBe('100')
    await user.clear(box('CPUs (number)'))
    await user.type(box('CPUs (number)'), '1.2{Escape}')
    expect(box('CPUs (number)').value).toBe('2')
    engineUpdate({ pidsLimit: 60 })
    await waitFor(() => expect(textBox('Process limit').value).toBe('60'))
  })
})

describe('memory slider', () => {
  it('is a log scale: 64 MiB sits inside the range, a step goes to the next round size, words in MiB', async () => {
    const { web, fake, engineUpdate } = setup()
    engineUpdate({ memory: 64 * MIB, memorySwap: 128 * MIB })
    await openOverview()
    const range = screen.getByRole('slider', { name: 'Memory' }) as HTMLInputElement
    await waitFor(() => expect(range.getAttribute('aria-valuetext')).toBe('64 MiB'))
    const position = (Number(range.value) - Number(range.min)) / (Number(range.max) - Number(range.min))
    expect(position).toBeGreaterThan(0.3)

    fireEvent.change(range, { target: { value: String(Number(range.value) + 1) } })
    fireEvent.keyUp(range, { key: 'ArrowRight' })
    await waitFor(() => expect(fake.callsTo('containers.update').at(-1)?.input).toEqual({ id: web.id, resources: { memory: 80 * MIB, memorySwap: 128 * MIB } }))
    await waitFor(() => expect(range.getAttribute('aria-valuetext')).toBe('80 MiB'))

    fireEvent.change(range, { target: { value: range.min } })
    expect(range.getAttribute('aria-valuetext')).toBe('6 MiB')
    fireEvent.change(range, { target: { value: range.max } })
    expect(range.getAttribute('aria-valuetext')).toBe('4096 MiB')
  })

  it('on Podman 4.3 the limits are listed without controls, the restart policy is disabled, each with the reason in words', async () => {
    const podman = makeEngine({ name: 'Podman (test)', version: '4.3.1', identity: PODMAN_IDENTITY, capabilities: PODMAN_4_3_CAPABILITIES })
    const { fake } = setup(podman)
    await userEvent.setup().click(await screen.findByRole('button', { name: 'web' }))
    const reason = PODMAN_4_3_CAPABILITIES.liveLimits.available ? '' : PODMAN_4_3_CAPABILITIES.liveLimits.reason
    expect(reason).toMatch(/^Podman 4\.3 can't change the limits of a running container; recreate it with new limits\.$/)
    const group = await screen.findByRole('group', { name: 'Live resource limits' })
    await waitFor(() => expect(within(group).getByText('1 CPU')).toBeTruthy())
    expect(group.getAttribute('aria-describedby')).toBe('live-limits-unavailable')
    expect(document.getElementById('live-limits-unavailable')?.textContent).toBe(reason)

    // What the container has, in words: no control whose starting point could pass for a limit.
    expect(within(group).queryAllByRole('slider')).toEqual([])
    expect(within(group).queryAllByRole('spinbutton')).toEqual([])
    expect(within(group).queryAllByRole('textbox')).toEqual([])
    expect(within(group).queryAllByRole('button')).toEqual([])
    const listed = [...group.querySelectorAll('dt')].map((term) => `${term.textContent}: ${term.nextElementSibling?.textContent}`)
    expect(listed).toEqual(['CPUs: 1 CPU', 'Memory: 256 MiB', 'Memory + swap: 512 MiB', 'Process limit: 100'])

    const restart = screen.getByRole('combobox', { name: 'Restart policy' }) as HTMLSelectElement
    expect(restart.disabled).toBe(true)
    expect(document.getElementById(restart.getAttribute('aria-describedby') ?? '')?.textContent).toMatch(/^Podman 4\.3 can't change a container's restart policy/)
    expect(fake.callsTo('containers.update')).toEqual([])
  })

  it('on Docker the same controls are enabled and no reason is shown', async () => {
    setup()
    await openOverview()
    expect(box('CPUs (number)').disabled).toBe(false)
    expect((screen.getByRole('combobox', { name: 'Restart policy' }) as HTMLSelectElement).disabled).toBe(false)
    expect(document.getElementById('live-limits-unavailable')).toBeNull()
  })
})
