/**
 * events.watch paced by acknowledgements on the real engine: a receiver that stops acknowledging
 * gets no more than the window, the engine's feed is still read (an unpaced watcher beside it
 * sees everything), and once the receiver acknowledges, the held events arrive merged — fewer
 * of them, with every container's latest state.
 */
import { afterAll, beforeAll, expect, it } from 'vitest'
import { EVENT_WINDOW_HIGH_EVENTS } from '../../shared/events-models'
import { WatchEvent as WatchEventSchema, type WatchEvent } from '../../shared/models'
import { runPool } from '../e2e/support/engine-api'
import { createLabelledContainer, createTestCore, removeLabelledContainers, type TestCore } from './handlers-kit'

let t: TestCore

beforeAll(async () => {
  t = await createTestCore()
})

afterAll(async () => {
  await removeLabelledContainers(t)
  await t.dispose()
})

async function until(predicate: () => boolean, what: string, ms = 30_000): Promise<void> {
  const deadline = Date.now() + ms
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`)
    await new Promise((resolve) => setTimeout(resolve, 20))
  }
}

type ContainerEvent = Extract<WatchEvent, { type: 'container' }>

it('a receiver that stops acknowledging gets at most the window; its acks bring the merged rest, ending in each container\'s state', async () => {
  const count = 80 // create + start = 160 events, beyond the 128-event window
  const paced: WatchEvent[] = []
  const unpaced: WatchEvent[] = []
  const controller = new AbortController()
  const paceId = `pacing-${process.pid}-test`
  const pacedDone = t.core.handlers['events.watch']({ paceId }, (e) => paced.push(WatchEventSchema.parse(e)), controller.signal)
  const unpacedDone = t.core.handlers['events.watch']({}, (e) => unpaced.push(WatchEventSchema.parse(e)), controller.signal)
  try {
    await until(() => paced.length > 0 && unpaced.length > 0, 'both watchers to say how the engine is')
    const ids: string[] = []
    await runPool(Array.from({ length: count }, (_, i) => i), 8, async () => {
      ids.push(await createLabelledContainer(t, { start: true }))
    })
    const mine = (events: WatchEvent[]): ContainerEvent[] => events.filter((e): e is ContainerEvent => e.type === 'container' && ids.includes(e.id))
    await until(() => mine(unpaced).filter((e) => e.action === 'start').length === count, 'the unpaced watcher to see every start')
    await new Promise((resolve) => setTimeout(resolve, 300))
    expect(paced.length).toBeLessThanOrEqual(EVENT_WINDOW_HIGH_EVENTS)
    expect(mine(paced).length).toBeLessThan(mine(unpaced).length)

    // Acknowledge what arrived, as the page does, until every container's latest word is "running".
    const latest = (): Map<string, ContainerEvent> => new Map(mine(paced).map((e) => [e.id, e]))
    await until(() => {
      void t.core.handlers['events.ack']({ paceId, events: paced.length }, new AbortController().signal)
      const last = latest()
      return ids.every((id) => last.get(id)?.container?.state === 'running')
    }, 'the merged events to bring every container to running')
    const inspected = await Promise.all(ids.map(async (id) => (await t.docker.getContainer(id).inspect()).State.Status))
    expect(inspected.every((state) => state === 'running')).toBe(true)
    // Merged: fewer events than the engine sent for these containers.
    expect(mine(paced).length).toBeLessThan(mine(unpaced).length)
  } finally {
    controller.abort()
    await Promise.all([pacedDone, unpacedDone])
  }
})
