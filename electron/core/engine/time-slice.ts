/**
 * For loops of short synchronous system calls (stat, a small file's read): they cost microseconds
 * each where their fs/promises forms cost a thread-pool round trip, but a long run of them must
 * not hold the event loop (other streams, the UI's calls). maybeYield() lets the loop breathe
 * every SLICE_MS of work.
 */
import { setImmediate as nextTurn } from 'node:timers/promises'

const SLICE_MS = 4

export class TimeSlice {
  private started = performance.now()

  async maybeYield(): Promise<void> {
    if (performance.now() - this.started < SLICE_MS) return
    await nextTurn()
    this.started = performance.now()
  }
}
