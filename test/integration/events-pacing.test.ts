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
  // create + start + 16 renames = 18 events a container, 180 in all: beyond the 128-event
  // window, and cheap (a rename starts or stops nothing).
  const count = 10
  const renames = 16
  const paced: WatchEvent[] = []
  const unpaced: WatchEvent[] = []
  const controller = new AbortController()
  const paceId = `pacing-${process.pid}-test`
  const pacedDone = t.core.handlers['events.watch']({ paceId }, (e) => paced.push(WatchEventSchema.parse(e)), controller.signal)
  const unpacedDone = t.core.handlers['events.watch']({}, (e) => unpaced.push(WatchEventSchema.parse(e)), controller.signal)
  try {
    await until(() => paced.length > 0 && unpaced.length > 0, 'both watchers to say how the engine is')
    const ids: string[] = []
    await runPool(Array.from({ length: count }, (_, i) => i), 5, async () => {
      const id = await createLabelledContainer(t, { start: true })
      ids.push(id)
      const container = t.docker.getContainer(id)
      for (let round = 0; round < renames; round++) await container.rename({ name: `berth-pacing-${id.slice(0, 12)}-${round}` })
    })
    const mine = (events: WatchEvent[]): ContainerEvent[] => events.filter((e): e is ContainerEvent => e.type === 'container' && ids.includes(e.id))
    await until(() => mine(unpaced).filter((e) => e.action === 'rename').length === count * renames, 'the unpaced watcher to see every rename')
    await new Promise((resolve) => setTimeout(resolve, 300))
    expect(paced.length).toBeLessThanOrEqual(EVENT_WINDOW_HIGH_EVENTS)
    expect(mine(paced).length).toBeLessThan(mine(unpaced).length)

    // Acknowledge what arrived, as the page does, until every container's latest word is its
    // last name, running (the engine's own answer).
    const finalName = (id: string): string => `berth-pacing-${id.slice(0, 12)}-${renames - 1}`
    const latest = (): Map<string, ContainerEvent> => new Map(mine(paced).map((e) => [e.id, e]))
    await until(() => {
      void t.core.handlers['events.ack']({ paceId, events: paced.length }, new AbortController().signal)
      const last = latest()
      return ids.every((id) => last.get(id)?.container?.name === finalName(id) && last.get(id)?.container?.state === 'running')
    }, 'the merged events to bring every container to its last name')
    for (const id of ids) {
      const inspected = await t.docker.getContainer(id).inspect()
      expect(`${inspected.Name.replace(/^\//, '')} ${inspected.State.Status}`).toBe(`${finalName(id)} running`)
    }
    // Merged: fewer events than the engine sent for these containers.
    expect(mine(paced).length).toBeLessThan(mine(unpaced).length)
  } finally {
    controller.abort()
    await Promise.all([pacedDone, unpacedDone])
  }
})
