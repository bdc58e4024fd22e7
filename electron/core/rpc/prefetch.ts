/**
 * Reads started for a client before it asked (see shared/prefetch.ts), kept for one call of the
 * same method. A prefetched answer is used only while its guard says nothing it could have missed
 * happened since the read began: the client's event stream starts after the read, so a change in
 * between would reach neither the answer nor the stream. Otherwise, or when the read failed or
 * grew old, the call runs as usual.
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
}

export class Prefetches {
  private readonly entries = new Map<PrefetchableList, Entry>()

  /** Starts `read` now; its answer waits for the client's call (or PREFETCH_TTL_MS). */
  start(method: PrefetchableList, read: (signal: AbortSignal) => Promise<unknown>, guard: PrefetchGuard): void {
    this.drop(method)
    const controller = new AbortController()
    const answer = read(controller.signal)
    // Unused or failed reads are nobody's error: the call, if it comes, runs on its own.
    answer.catch(() => undefined)
    const timer = setTimeout(() => this.drop(method), PREFETCH_TTL_MS)
    timer.unref?.()
    this.entries.set(method, { answer, guard, controller, timer })
  }

  /**
   * The prefetched answer for this call, or null when there is none worth using. Taken once:
   * a second call of the method reads afresh.
   */
  take(method: string): Promise<unknown> | null {
    const entry = this.entries.get(method as PrefetchableList)
    if (!entry) return null
    const fresh = entry.guard.stillFresh()
    this.forget(method as PrefetchableList, entry, !fresh)
    return fresh ? entry.answer : null
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
