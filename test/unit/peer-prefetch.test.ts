/** Peer.prefetch: a list read started at connect answers the client's first call of it, once, while fresh. */
import { afterEach, describe, expect, it, vi } from 'vitest'
import { Peer } from '../../electron/core/rpc/peer'
import type { HandlerTable } from '../../electron/core/rpc/handlers'
import { PREFETCH_TTL_MS, type PrefetchGuard } from '../../electron/core/rpc/prefetch'
import { isPrefetchableList, type PrefetchFrame } from '../../shared/prefetch'
import type { ServerFrame } from '../../shared/wire'

interface Read {
  signal: AbortSignal
  resolve(rows: unknown[]): void
  reject(err: unknown): void
}

function setUp(): { peer: Peer; sent: ServerFrame[]; reads: Read[]; settle(): Promise<void> } {
  const sent: ServerFrame[] = []
  const reads: Read[] = []
  const table = {
    'containers.list': (_input: unknown, signal: AbortSignal) =>
      new Promise<unknown[]>((resolve, reject) => reads.push({ signal, resolve, reject }))
  } as unknown as HandlerTable
  const peer = new Peer(table, (frame) => sent.push(frame))
  const settle = async (): Promise<void> => {
    for (let i = 0; i < 10; i++) await Promise.resolve()
  }
  return { peer, sent, reads, settle }
}

function guard(fresh = true): PrefetchGuard & { disposed: number; fresh: boolean } {
  const g = {
    fresh,
    disposed: 0,
    stillFresh: () => g.fresh,
    dispose: () => {
      g.disposed += 1
    }
  }
  return g
}

const call = (id: number): unknown => ({ t: 'call', id, method: 'containers.list', input: {} })

afterEach(() => {
  vi.useRealTimers()
})

describe('Peer.prefetch', () => {
  it('is offered for the four lists only (a socket address cannot start anything else)', () => {
    for (const method of ['containers.list', 'images.list', 'volumes.list', 'networks.list']) expect(isPrefetchableList(method)).toBe(true)
    for (const method of ['containers.remove', 'engines.list', 'images.prune', '', 'containers.list ', null]) expect(isPrefetchableList(method)).toBe(false)
  })

  it('starts the read at once and answers the first call from it; a second call reads again', async () => {
    const { peer, sent, reads, settle } = setUp()
    const g = guard()
    peer.prefetch('containers.list', g)
    expect(reads).toHaveLength(1)
    peer.receive(call(1))
    await settle()
    expect(reads).toHaveLength(1)
    reads[0].resolve([{ id: 'a' }])
    await settle()
    expect(sent).toEqual([{ t: 'ok', id: 1, output: [{ id: 'a' }] }])
    expect(g.disposed).toBe(1)
    peer.receive(call(2))
    await settle()
    expect(reads).toHaveLength(2)
  })

  it('reads afresh when something changed since the prefetch began, and aborts the prefetch', async () => {
    const { peer, sent, reads, settle } = setUp()
    const g = guard()
    peer.prefetch('containers.list', g)
    g.fresh = false
    peer.receive(call(1))
    await settle()
    expect(reads).toHaveLength(2)
    expect(reads[0].signal.aborted).toBe(true)
    reads[0].resolve([{ id: 'old' }])
    reads[1].resolve([{ id: 'new' }])
    await settle()
    expect(sent).toEqual([{ t: 'ok', id: 1, output: [{ id: 'new' }] }])
  })

  it('answers from a read of its own when the prefetched one failed', async () => {
    const { peer, sent, reads, settle } = setUp()
    peer.prefetch('containers.list', guard())
    peer.receive(call(1))
    await settle()
    reads[0].reject(new Error('engine hiccup'))
    await settle()
    expect(reads).toHaveLength(2)
    reads[1].resolve([{ id: 'b' }])
    await settle()
    expect(sent).toEqual([{ t: 'ok', id: 1, output: [{ id: 'b' }] }])
  })

  it('drops a prefetch nobody asked for within the time limit', async () => {
    vi.useFakeTimers()
    const { peer, reads, settle } = setUp()
    const g = guard()
    peer.prefetch('containers.list', g)
    vi.advanceTimersByTime(PREFETCH_TTL_MS + 1)
    expect(reads[0].signal.aborted).toBe(true)
    expect(g.disposed).toBe(1)
    peer.receive(call(1))
    await settle()
    expect(reads).toHaveLength(2)
  })

  it('aborts the prefetch and lets its guard go when the client leaves', () => {
    const { peer, reads } = setUp()
    const g = guard()
    peer.prefetch('containers.list', g)
    peer.close()
    expect(reads[0].signal.aborted).toBe(true)
    expect(g.disposed).toBe(1)
    const late = guard()
    peer.prefetch('containers.list', late)
    expect(reads).toHaveLength(1)
    expect(late.disposed).toBe(1)
  })

  describe('with a sink (browser mode): the answer is pushed as soon as it is read', () => {
    it('pushes a fresh answer before the call, and answers the call by naming it', async () => {
      const { peer, sent, reads, settle } = setUp()
      const pushed: PrefetchFrame[] = []
      peer.prefetch('containers.list', guard(), (frame) => pushed.push(frame))
      reads[0].resolve([{ id: 'a' }])
      await settle()
      expect(pushed).toEqual([{ t: 'pre', method: 'containers.list', output: [{ id: 'a' }] }])
      peer.receive(call(1))
      await settle()
      expect(pushed[1]).toEqual({ t: 'okpre', id: 1, method: 'containers.list' })
      expect(sent).toEqual([])
      expect(reads).toHaveLength(1)
    })

    it('does not push an answer that went stale while it was read; the call then reads afresh', async () => {
      const { peer, sent, reads, settle } = setUp()
      const pushed: PrefetchFrame[] = []
      const g = guard()
      peer.prefetch('containers.list', g, (frame) => pushed.push(frame))
      g.fresh = false
      reads[0].resolve([{ id: 'old' }])
      await settle()
      expect(pushed).toEqual([])
      peer.receive(call(1))
      await settle()
      reads[1].resolve([{ id: 'new' }])
      await settle()
      expect(sent).toEqual([{ t: 'ok', id: 1, output: [{ id: 'new' }] }])
    })

    it('answers in full when the push went out but something changed before the call', async () => {
      const { peer, sent, reads, settle } = setUp()
      const pushed: PrefetchFrame[] = []
      const g = guard()
      peer.prefetch('containers.list', g, (frame) => pushed.push(frame))
      reads[0].resolve([{ id: 'old' }])
      await settle()
      g.fresh = false
      peer.receive(call(1))
      await settle()
      reads[1].resolve([{ id: 'new' }])
      await settle()
      expect(pushed).toHaveLength(1)
      expect(sent).toEqual([{ t: 'ok', id: 1, output: [{ id: 'new' }] }])
    })

    it('does not push when the call came first: the call gets the answer itself', async () => {
      const { peer, sent, reads, settle } = setUp()
      const pushed: PrefetchFrame[] = []
      peer.prefetch('containers.list', guard(), (frame) => pushed.push(frame))
      peer.receive(call(1))
      await settle()
      reads[0].resolve([{ id: 'a' }])
      await settle()
      expect(pushed).toEqual([])
      expect(sent).toEqual([{ t: 'ok', id: 1, output: [{ id: 'a' }] }])
    })
  })
})
