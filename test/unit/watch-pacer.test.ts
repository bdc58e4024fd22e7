import { describe, expect, it } from 'vitest'
import type { ContainerSummary, WatchEvent } from '../../shared/models'
import { WatchPacer } from '../../electron/core/watch-pacer'
import { EventsAckInput } from '../../shared/methods/events'

function container(id: string, action: string, state: string | null): WatchEvent {
  const summary = state === null ? null : ({ id, name: id, state } as unknown as ContainerSummary)
  return { type: 'container', action, id, container: summary }
}

const engine = (state: 'connected' | 'unavailable'): WatchEvent =>
  ({ type: 'engine', engine: { id: 'local', state } }) as unknown as WatchEvent

function pacer(high = 2, low = 1): { sent: WatchEvent[]; pacer: WatchPacer } {
  const sent: WatchEvent[] = []
  return { sent, pacer: new WatchPacer((event) => sent.push(event), high, low) }
}

describe('WatchPacer', () => {
  it('sends at once while the window has room', () => {
    const { sent, pacer: p } = pacer(3, 1)
    p.send(container('a', 'start', 'running'))
    p.send(container('b', 'start', 'running'))
    expect(sent).toHaveLength(2)
  })

  it('holds once the window is full and merges per container, keeping the latest summary', () => {
    const { sent, pacer: p } = pacer(2, 1)
    p.send(container('a', 'create', 'created'))
    p.send(container('b', 'create', 'created'))
    expect(sent).toHaveLength(2)
    p.send(container('a', 'start', 'running'))
    p.send(container('c', 'create', 'created'))
    p.send(container('a', 'die', 'exited'))
    expect(sent).toHaveLength(2)
    expect(p.merged).toBe(1)
    p.ack(1) // 1 unacknowledged ≤ low: the merged set goes out, in first-held order
    expect(sent.slice(2).map((e) => (e.type === 'container' ? `${e.id}:${e.action}` : e.type))).toEqual(['a:die', 'c:create'])
  })

  it('keeps every engine event, in order (a reconnect must follow its disconnect)', () => {
    const { sent, pacer: p } = pacer(1, 0)
    p.send(container('a', 'start', 'running'))
    p.send(engine('unavailable'))
    p.send(engine('connected'))
    p.ack(1)
    expect(sent.slice(1).map((e) => (e.type === 'engine' ? e.engine.state : e.type))).toEqual(['unavailable', 'connected'])
  })

  it('merges image, volume and network events to one per kind', () => {
    const { sent, pacer: p } = pacer(1, 0)
    p.send({ type: 'image', action: 'tag', id: 'x' })
    for (const id of ['1', '2', '3']) p.send({ type: 'image', action: 'delete', id })
    p.send({ type: 'volume', action: 'create', id: 'v' })
    p.send({ type: 'volume', action: 'destroy', id: 'v' })
    p.ack(1)
    expect(sent.slice(1).map((e) => e.type)).toEqual(['image', 'volume'])
  })

  it('says the images list changed when a merged-away container action changed it', () => {
    const { sent, pacer: p } = pacer(1, 0)
    p.send(container('z', 'start', 'running'))
    p.send(container('a', 'commit', 'running'))
    p.send(container('a', 'stop', 'exited'))
    p.ack(1)
    expect(sent.slice(1)).toEqual([container('a', 'stop', 'exited'), { type: 'image', action: 'changed', id: '' }])
  })

  it('holds again when the released set fills the window, and nothing is lost across rounds', () => {
    const { sent, pacer: p } = pacer(2, 0)
    p.send(container('x', 'start', 'running'))
    p.send(container('y', 'start', 'running'))
    for (const id of ['a', 'b', 'c']) p.send(container(id, 'create', 'created'))
    p.ack(2)
    expect(sent).toHaveLength(5)
    p.send(container('d', 'create', 'created'))
    expect(sent).toHaveLength(5) // the window is full again after the release
    p.ack(5)
    expect(sent.map((e) => (e.type === 'container' ? e.id : e.type))).toEqual(['x', 'y', 'a', 'b', 'c', 'd'])
  })
})

describe('events.ack input', () => {
  it('refuses a bad count or id in words before any handler runs', () => {
    const problems = (input: unknown): string[] => {
      const result = EventsAckInput.safeParse(input)
      return result.success ? [] : result.error.issues.map((issue) => issue.message)
    }
    expect(problems({ paceId: 'events-0123456789ab', events: 3 })).toEqual([])
    expect(problems({ paceId: 'events-0123456789ab', events: -1 })).toEqual(["The events applied can't be negative."])
    expect(problems({ paceId: 'events-0123456789ab', events: 1.5 })).toEqual(['The events applied are a whole number.'])
    expect(problems({ paceId: 'x', events: 1 })).toEqual(['a transfer id is 8–64 letters, digits, _ or -'])
  })
})
