/**
 * The live feed builds rows from inspect (engine/inspect-summary.ts). These tests hold that
 * mapping to the list endpoint's own answer for the same containers on the real engine, and check
 * the reason it exists: as soon as the engine reports `pause`, the row says paused.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ContainerSummary } from '../../shared/models'
import { summaryFromInspect, type EngineInspectJson } from '../../electron/core/engine/inspect-summary'
import { toContainerSummary, type EngineContainerJson } from '../../electron/core/engine/mapping'
import { createTestCore, removeLabelledContainers, TRAPPING_COMMAND, uniqueName, type TestCore } from './handlers-kit'

let t: TestCore

beforeAll(async () => {
  t = await createTestCore()
})
afterAll(async () => {
  await removeLabelledContainers(t)
  await t.dispose()
})

async function bothViews(id: string) {
  const inspect = (await t.docker.getContainer(id).inspect()) as unknown as EngineInspectJson
  const listed = (await t.docker.listContainers({ all: true, filters: JSON.stringify({ id: [id] }) })) as unknown as EngineContainerJson[]
  return { fromInspect: summaryFromInspect(inspect), fromList: toContainerSummary(listed[0]) }
}

describe('summaryFromInspect against the engine list', () => {
  it('agrees with the list on every field but the status sentence, for created, running (with ports) and exited', async () => {
    const labels = { ...t.labels, 'com.docker.compose.project': 'inspect-demo', 'com.docker.compose.service': 'web' }
    const created = await t.docker.createContainer({ Image: t.host.testImage, Cmd: TRAPPING_COMMAND, name: uniqueName('insp-created'), Labels: labels })
    const running = await t.docker.createContainer({
      Image: t.host.testImage,
      Cmd: ['httpd', '-f', '-p', '80'],
      name: uniqueName('insp-running'),
      Labels: labels,
      ExposedPorts: { '80/tcp': {}, '81/udp': {} },
      HostConfig: { PortBindings: { '80/tcp': [{ HostIp: '127.0.0.1', HostPort: '' }] } }
    })
    await running.start()
    const exited = await t.docker.createContainer({ Image: t.host.testImage, Cmd: ['sh', '-c', 'exit 3'], name: uniqueName('insp-exited'), Labels: labels })
    await exited.start()
    await exited.wait()

    // The engine lists ports in Go map order (it varies from call to call): compare them as sets.
    const comparable = (summary: ContainerSummary) => ({
      ...summary,
      status: '',
      ports: [...summary.ports].sort((a, b) => a.privatePort - b.privatePort || a.protocol.localeCompare(b.protocol))
    })
    for (const id of [created.id, running.id, exited.id]) {
      const { fromInspect, fromList } = await bothViews(id)
      expect(comparable(fromInspect)).toEqual(comparable(fromList))
    }
    const exitedViews = await bothViews(exited.id)
    expect(exitedViews.fromInspect.status).toMatch(/^Exited \(3\) /)
    expect((await bothViews(created.id)).fromInspect.status).toBe('Created')
    const runningViews = await bothViews(running.id)
    expect(runningViews.fromInspect.status).toMatch(/^Up /)
    expect(runningViews.fromInspect.ports.some((p) => p.privatePort === 80 && p.publicPort !== undefined && p.hostIp === '127.0.0.1')).toBe(true)
  })

  // Berth reads a row from inspect when the engine's event arrives, so that is when inspect must
  // be right. Not when the API call returns: dockerd 20.10 answers pause/unpause before it records
  // the new state (it is set when containerd's event comes back, just before the engine's own
  // event), so a machine under load sees the old state for a moment after the call.
  it('reads the new state as soon as the engine reports pause and unpause', async () => {
    const id = (await t.docker.createContainer({ Image: t.host.testImage, Cmd: TRAPPING_COMMAND, name: uniqueName('insp-pause'), Labels: t.labels })).id
    const container = t.docker.getContainer(id)
    const events = await engineEventsOf(id)
    try {
      await container.start()
      for (let round = 0; round < 10; round++) {
        await container.pause()
        await events.next('pause')
        const paused = summaryFromInspect((await container.inspect()) as unknown as EngineInspectJson)
        expect(paused.state).toBe('paused')
        expect(paused.status).toMatch(/\(Paused\)$/)
        await container.unpause()
        await events.next('unpause')
        expect(summaryFromInspect((await container.inspect()) as unknown as EngineInspectJson).state).toBe('running')
      }
    } finally {
      events.close()
    }
  })

  it('containerSummary answers null for a container that is gone', async () => {
    const engine = await t.core.engines.whenActive(new AbortController().signal)
    expect(await engine.containerSummary('0123456789ab0123456789ab')).toBeNull()
  })
})

/** The engine's own events for one container, taken in order: next(action) waits for the next one of that action. */
async function engineEventsOf(id: string): Promise<{ next(action: string): Promise<void>; close(): void }> {
  const stream = (await t.docker.getEvents({ filters: { container: [id] } })) as NodeJS.ReadableStream & { destroy(): void }
  const actions: string[] = []
  let waiter: (() => void) | undefined
  let rest = ''
  stream.on('data', (chunk: Buffer) => {
    const lines = (rest + chunk.toString()).split('\n')
    rest = lines.pop() ?? ''
    for (const line of lines) if (line.trim()) actions.push((JSON.parse(line) as { Action: string }).Action)
    waiter?.()
  })
  return {
    async next(action) {
      const deadline = Date.now() + 10_000
      for (;;) {
        const at = actions.indexOf(action)
        if (at >= 0) {
          actions.splice(0, at + 1)
          return
        }
        if (Date.now() > deadline) throw new Error(`no ${action} event within 10 s (seen: ${actions.join(', ')})`)
        await new Promise<void>((resolve) => {
          waiter = resolve
          setTimeout(resolve, 250)
        })
      }
    },
    close: () => stream.destroy()
  }
}
