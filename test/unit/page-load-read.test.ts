/** PageLoadRead: a list read begun with the page request, handed once to the socket the page opens. */
import { afterEach, describe, expect, it, vi } from 'vitest'
import { PREFETCH_TTL_MS, PageLoadRead, type PrefetchGuard } from '../../electron/core/rpc/prefetch'

function guard(): PrefetchGuard & { disposed: number; fresh: boolean } {
  const g = {
    fresh: true,
    disposed: 0,
    stillFresh: () => g.fresh,
    dispose: () => {
      g.disposed += 1
    }
  }
  return g
}

interface Started {
  signal: AbortSignal
  resolve(rows: unknown[]): void
}

function reader(): { read: (signal: AbortSignal) => Promise<unknown[]>; started: Started[] } {
  const started: Started[] = []
  const read = (signal: AbortSignal): Promise<unknown[]> => new Promise((resolve) => started.push({ signal, resolve }))
  return { read, started }
}

afterEach(() => {
  vi.useRealTimers()
})

describe('PageLoadRead', () => {
  it('starts the read with the page request and hands the same read to the first claim only', async () => {
    const pageRead = new PageLoadRead()
    const { read, started } = reader()
    const g = guard()
    pageRead.start('containers.list', read, g)
    expect(started).toHaveLength(1)
    const claimed = pageRead.claim()
    expect(claimed?.method).toBe('containers.list')
    expect(claimed?.guard).toBe(g)
    expect(pageRead.claim()).toBeNull()
    const answer = claimed?.read(new AbortController().signal)
    started[0].resolve(['row'])
    await expect(answer).resolves.toEqual(['row'])
    // Still one engine read: the claim did not start another.
    expect(started).toHaveLength(1)
    expect(g.disposed).toBe(0)
  })

  it('aborts the engine read when the claimer aborts', () => {
    const pageRead = new PageLoadRead()
    const { read, started } = reader()
    pageRead.start('containers.list', read, guard())
    const claimer = new AbortController()
    void pageRead.claim()?.read(claimer.signal)
    expect(started[0].signal.aborted).toBe(false)
    claimer.abort()
    expect(started[0].signal.aborted).toBe(true)
  })

  it('hands nothing over once the guard says the read may miss a change, and aborts it', () => {
    const pageRead = new PageLoadRead()
    const { read, started } = reader()
    const g = guard()
    pageRead.start('containers.list', read, g)
    g.fresh = false
    expect(pageRead.claim()).toBeNull()
    expect(started[0].signal.aborted).toBe(true)
    expect(g.disposed).toBe(1)
  })

  it('drops an unclaimed read after the TTL, and a second page request replaces the first', () => {
    vi.useFakeTimers()
    const pageRead = new PageLoadRead()
    const { read, started } = reader()
    const first = guard()
    pageRead.start('containers.list', read, first)
    const second = guard()
    pageRead.start('containers.list', read, second)
    expect(started[0].signal.aborted).toBe(true)
    expect(first.disposed).toBe(1)
    vi.advanceTimersByTime(PREFETCH_TTL_MS + 1)
    expect(started[1].signal.aborted).toBe(true)
    expect(second.disposed).toBe(1)
    expect(pageRead.claim()).toBeNull()
  })

  it('a failed read is nobody’s error until claimed; the claimer sees the failure', async () => {
    const pageRead = new PageLoadRead()
    pageRead.start('containers.list', () => Promise.reject(new Error('engine gone')), guard())
    await Promise.resolve()
    await expect(pageRead.claim()?.read(new AbortController().signal)).rejects.toThrow('engine gone')
  })
})
