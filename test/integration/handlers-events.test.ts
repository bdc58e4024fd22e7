/** events.watch on the real engine: engine state first, then container events with fresh summaries. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { WatchEvent } from '../../shared/models'
import { WatchEvent as WatchEventSchema } from '../../shared/models'
import { startFaultProxy, type FaultProxy } from '../support/faultProxy'
import { createLabelledContainer, createTestCore, removeLabelledContainers, type TestCore } from './handlers-kit'

let t: TestCore

beforeAll(async () => {
  t = await createTestCore()
})

afterAll(async () => {
  await removeLabelledContainers(t)
  await t.dispose()
})

/** Starts events.watch and collects what it emits, validating each event against the contract. */
function watch(): { events: WatchEvent[]; stop: () => void; done: Promise<void>; until: (p: (e: WatchEvent[]) => boolean, ms?: number) => Promise<void> } {
  const events: WatchEvent[] = []
  const controller = new AbortController()
  const done = t.core.handlers['events.watch']({}, (e) => events.push(WatchEventSchema.parse(e)), controller.signal)
  const until = async (predicate: (e: WatchEvent[]) => boolean, ms = 10_000): Promise<void> => {
    const deadline = Date.now() + ms
    while (!predicate(events)) {
      if (Date.now() > deadline) throw new Error(`timed out; got ${JSON.stringify(events.map((e) => ('action' in e ? e.action : e.type === 'engine' ? e.engine.state : e.type)))}`)
      await new Promise((r) => setTimeout(r, 10))
    }
  }
  return { events, stop: () => controller.abort(), done, until }
}

const containerEvents = (events: WatchEvent[], id: string) =>
  events.filter((e): e is Extract<WatchEvent, { type: 'container' }> => e.type === 'container' && e.id === id)

describe('events.watch', () => {
  it('first emits the active engine, connected', async () => {
    const w = watch()
    await w.until((e) => e.some((x) => x.type === 'engine' && x.engine.state === 'connected'))
    const first = w.events[0]
    expect(first.type).toBe('engine')
    if (first.type === 'engine') {
      expect(first.engine.id).toBe('env')
      expect(first.engine.active).toBe(true)
    }
    w.stop()
    await w.done
  })

  it('delivers create, start, die, destroy in order with fresh summaries (null once gone)', async () => {
    const w = watch()
    await w.until((e) => e.some((x) => x.type === 'engine' && x.engine.state === 'connected'))
    const id = await createLabelledContainer(t, { start: true })
    await t.docker.getContainer(id).remove({ force: true })
    await w.until((e) => containerEvents(e, id).some((x) => x.action === 'destroy'))
    const mine = containerEvents(w.events, id)
    const actions = mine.map((e) => e.action)
    for (const action of ['create', 'start', 'die', 'destroy']) expect(actions).toContain(action)
    expect(actions.indexOf('create')).toBeLessThan(actions.indexOf('start'))
    expect(actions.indexOf('start')).toBeLessThan(actions.indexOf('die'))
    expect(actions.indexOf('die')).toBeLessThan(actions.indexOf('destroy'))
    expect(mine.find((e) => e.action === 'destroy')?.container).toBeNull()
    w.stop()
    await w.done
  })

  it('a start seen on its own carries the running summary', async () => {
    const id = await createLabelledContainer(t)
    const w = watch()
    await w.until((e) => e.some((x) => x.type === 'engine' && x.engine.state === 'connected'))
    await t.docker.getContainer(id).start()
    await w.until((e) => containerEvents(e, id).some((x) => x.action === 'start'))
    const start = containerEvents(w.events, id).find((e) => e.action === 'start')
    expect(start?.container?.id).toBe(id)
    expect(start?.container?.state).toBe('running')
    expect(start?.container?.labels['berth.test']).toBe('1')
    w.stop()
    await w.done
  })

  it('a burst of 8 containers: every one arrives, each in its own order', async () => {
    const w = watch()
    await w.until((e) => e.some((x) => x.type === 'engine' && x.engine.state === 'connected'))
    const ids = await Promise.all(Array.from({ length: 8 }, () => createLabelledContainer(t)))
    await Promise.all(ids.map((id) => t.docker.getContainer(id).remove({ force: true })))
    await w.until((e) => ids.every((id) => containerEvents(e, id).some((x) => x.action === 'destroy')))
    for (const id of ids) {
      const actions = containerEvents(w.events, id).map((e) => e.action)
      expect(actions.indexOf('create')).toBeLessThan(actions.indexOf('destroy'))
      const created = containerEvents(w.events, id).find((e) => e.action === 'create')
      // Either the fresh summary, or null when it was already destroyed by the time we asked.
      if (created?.container) expect(created.container.id).toBe(id)
    }
    w.stop()
    await w.done
  })

  it('stops cleanly when the signal aborts, and emits nothing after', async () => {
    const w = watch()
    await w.until((e) => e.length > 0)
    w.stop()
    await w.done
    const count = w.events.length
    const id = await createLabelledContainer(t)
    await t.docker.getContainer(id).remove({ force: true })
    await new Promise((r) => setTimeout(r, 100))
    expect(w.events.length).toBe(count)
  })
})

describe('events.watch when one inspect fails', () => {
  let proxy: FaultProxy
  let flaky: TestCore

  beforeAll(async () => {
    proxy = await startFaultProxy(t.socket)
    flaky = await createTestCore({ DOCKER_HOST: proxy.dockerHost })
  })

  afterAll(async () => {
    await flaky?.dispose()
    await proxy?.close()
  })

  function watchOn(core: TestCore): { events: WatchEvent[]; stop: () => void; done: Promise<void> } {
    const events: WatchEvent[] = []
    const controller = new AbortController()
    const done = core.core.handlers['events.watch']({}, (e) => events.push(WatchEventSchema.parse(e)), controller.signal)
    return { events, stop: () => controller.abort(), done }
  }

  async function waitUntil(what: string, predicate: () => boolean, ms = 10_000): Promise<void> {
    const deadline = Date.now() + ms
    while (!predicate()) {
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`)
      await new Promise((r) => setTimeout(r, 10))
    }
  }

  /** Creates `count` labelled containers and waits until the feed has seen each one's create. */
  async function createSeen(w: { events: WatchEvent[] }, count: number): Promise<string[]> {
    const ids = await Promise.all(Array.from({ length: count }, () => createLabelledContainer(t)))
    await waitUntil('creates', () => ids.every((id) => containerEvents(w.events, id).some((e) => e.action === 'create')))
    return ids
  }

  const inspectOf = (id: string): RegExp => new RegExp(`^GET \\S*/containers/${id}/json`)
  const startedIn = (events: WatchEvent[], id: string) => containerEvents(events, id).find((e) => e.action === 'start')

  it('a dropped inspect is retried: the event still arrives, and so do its batch neighbours', async () => {
    const w = watchOn(flaky)
    await waitUntil('connected', () => w.events.some((e) => e.type === 'engine' && e.engine.state === 'connected'))
    const [victim, ...others] = await createSeen(w, 8)
    proxy.failNext(inspectOf(victim), 1)
    // Eight starts at once: several share a batch window with the victim's.
    await Promise.all([victim, ...others].map((id) => t.docker.getContainer(id).start()))
    await waitUntil('every start', () => [victim, ...others].every((id) => startedIn(w.events, id)))
    expect(proxy.dropped()).toBe(1)
    for (const id of [victim, ...others]) expect(startedIn(w.events, id)?.container?.state).toBe('running')
    w.stop()
    await w.done
  })

  it('asks for a re-read of the list when a container cannot be looked up at all, and loses no neighbour', async () => {
    const w = watchOn(flaky)
    await waitUntil('connected', () => w.events.some((e) => e.type === 'engine' && e.engine.state === 'connected'))
    const [victim, ...others] = await createSeen(w, 8)
    proxy.failNext(inspectOf(victim), 100)
    await Promise.all([victim, ...others].map((id) => t.docker.getContainer(id).start()))
    await waitUntil('resync and every other start', () => w.events.some((e) => e.type === 'resync') && others.every((id) => startedIn(w.events, id)))
    expect(startedIn(w.events, victim)).toBeUndefined()
    expect(w.events.find((e) => e.type === 'resync')).toMatchObject({ type: 'resync', list: 'containers' })
    w.stop()
    await w.done
  })
})
