/**
 * Reads started for a client before it asked (see shared/prefetch.ts), kept for one call of the
 * same method. A prefetched answer is used only while its guard says nothing it could have missed
 * happened since the read began: the client's event stream starts after the read, so a change in
 * between would reach neither the answer nor the stream. Otherwise, or when the read failed or
 * grew old, the call runs as usual.
 *
 * With a `push` (browser mode), a read that ends while still fresh is handed over at once, before
 * the call: the page's first render can then show it. The call, if the answer is still fresh by
 * then, is told so (`pushed`) and need not send it again.
 */
import type { PrefetchableList } from '../../../shared/prefetch'

/** A prefetched read not asked for within this long is dropped (the client went elsewhere). */
export const PREFETCH_TTL_MS = 3_000

export interface PrefetchGuard {
  /** False once anything happened that the prefetched read may not show. */
  stillFresh(): boolean
  dispose(): void
}

interface Entry {
  answer: Promise<unknown>
  guard: PrefetchGuard
  controller: AbortController
  timer: ReturnType<typeof setTimeout>
  /** True once the answer went to the client ahead of its call. */
  pushed: boolean
}

export interface TakenPrefetch {
  answer: Promise<unknown>
  /** The answer already reached the client (see `push` in start()). */
  pushed: boolean
}

export class Prefetches {
  private readonly entries = new Map<PrefetchableList, Entry>()

  /**
   * Starts `read` now; its answer waits for the client's call (or PREFETCH_TTL_MS). With `push`,
   * an answer that is still fresh when it arrives is handed over at once as well.
   */
  start(
    method: PrefetchableList,
    read: (signal: AbortSignal) => Promise<unknown>,
    guard: PrefetchGuard,
    push?: (output: unknown) => void
  ): void {
    this.drop(method)
    const controller = new AbortController()
    const answer = read(controller.signal)
    const timer = setTimeout(() => this.drop(method), PREFETCH_TTL_MS)
    timer.unref?.()
    const entry: Entry = { answer, guard, controller, timer, pushed: false }
    this.entries.set(method, entry)
    answer.then(
      (output) => {
        // Taken by a call meanwhile (it gets the answer itself), dropped, or already stale: no push.
        if (!push || this.entries.get(method) !== entry) return
        if (!guard.stillFresh()) return this.drop(method)
        entry.pushed = true
        push(output)
      },
      // Unused or failed reads are nobody's error: the call, if it comes, runs on its own.
      () => undefined
    )
  }

  /**
   * The prefetched answer for this call, or null when there is none worth using. Taken once:
   * a second call of the method reads afresh.
   */
  take(method: string): TakenPrefetch | null {
    const entry = this.entries.get(method as PrefetchableList)
    if (!entry) return null
    const fresh = entry.guard.stillFresh()
    this.forget(method as PrefetchableList, entry, !fresh)
    return fresh ? { answer: entry.answer, pushed: entry.pushed } : null
  }

  close(): void {
    for (const method of [...this.entries.keys()]) this.drop(method)
  }

  private drop(method: PrefetchableList): void {
    const entry = this.entries.get(method)
    if (entry) this.forget(method, entry, true)
  }

  private forget(method: PrefetchableList, entry: Entry, abort: boolean): void {
    this.entries.delete(method)
    clearTimeout(entry.timer)
    entry.guard.dispose()
    if (abort) entry.controller.abort()
  }
}

/** A read handed from the page request to the socket that page opens (see PageLoadRead). */
export interface ClaimedRead {
  method: PrefetchableList
  guard: PrefetchGuard
  /** The read already under way; aborting `signal` aborts it. */
  read: (signal: AbortSignal) => Promise<unknown>
}

interface PendingPageRead {
  method: PrefetchableList
  answer: Promise<unknown>
  guard: PrefetchGuard
  controller: AbortController
  timer: ReturnType<typeof setTimeout>
}

/**
 * A list read started when the page itself is requested, for the socket that page opens next.
 * The page's script takes ~250 ms to arrive and run before the socket opens; the read uses that
 * time instead of starting only then. The first socket to open claims it (as one of its own
 * prefetches, so the guard, TTL and push all apply from there); unclaimed, it is dropped after
 * PREFETCH_TTL_MS. Another page request replaces it: one read in flight at most.
 */
export class PageLoadRead {
  private pending: PendingPageRead | null = null

  start(method: PrefetchableList, read: (signal: AbortSignal) => Promise<unknown>, guard: PrefetchGuard): void {
    this.drop()
    const controller = new AbortController()
    const answer = read(controller.signal)
    // Nobody's error while unclaimed; the claiming socket sees the failure and reads afresh.
    answer.catch(() => undefined)
    const timer = setTimeout(() => this.drop(), PREFETCH_TTL_MS)
    timer.unref?.()
    this.pending = { method, answer, guard, controller, timer }
  }

  /** The pending read, handed over once; null when there is none or it is already stale. */
  claim(): ClaimedRead | null {
    const pending = this.pending
    if (!pending) return null
    this.pending = null
    clearTimeout(pending.timer)
    if (!pending.guard.stillFresh()) {
      pending.guard.dispose()
      pending.controller.abort()
      return null
    }
    return {
      method: pending.method,
      guard: pending.guard,
      read: (signal) => {
        signal.addEventListener('abort', () => pending.controller.abort(), { once: true })
        return pending.answer
      }
    }
  }

  close(): void {
    this.drop()
  }

  private drop(): void {
    const pending = this.pending
    if (!pending) return
    this.pending = null
    clearTimeout(pending.timer)
    pending.guard.dispose()
    pending.controller.abort()
  }
}
