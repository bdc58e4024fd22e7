/**
 * Coalesces progress: the engine sends a line per layer per few hundred kilobytes (thousands a
 * second from a nearby registry), but a person can't read more than a few updates a second and
 * every event costs a frame on the shared socket or IPC channel. The pacer emits at most once per
 * interval: at once when the last emit is old enough (so the first progress shows immediately),
 * otherwise once when the interval is up, carrying whatever changed meanwhile. Progress events
 * are snapshots, so skipping the ones in between loses nothing.
 */
export const PROGRESS_INTERVAL_MS = 100

export class ProgressPacer {
  private lastEmit = Number.NEGATIVE_INFINITY
  private timer: ReturnType<typeof setTimeout> | null = null
  private dirty = false

  constructor(
    private readonly emitNow: () => void,
    private readonly intervalMs = PROGRESS_INTERVAL_MS,
    private readonly now: () => number = Date.now
  ) {}

  /** Something changed: emit now or at the end of the interval. */
  poke(): void {
    this.dirty = true
    if (this.timer) return
    const wait = this.lastEmit + this.intervalMs - this.now()
    if (wait <= 0) this.emit()
    else this.timer = setTimeout(() => this.emit(), wait)
  }

  /** Emits what is pending now (the transfer ended) and stops the timer. */
  flush(): void {
    if (this.dirty) this.emit()
    this.stop()
  }

  /** Drops what is pending (the transfer was cancelled or failed). */
  stop(): void {
    if (this.timer) clearTimeout(this.timer)
    this.timer = null
    this.dirty = false
  }

  private emit(): void {
    if (this.timer) clearTimeout(this.timer)
    this.timer = null
    this.dirty = false
    this.lastEmit = this.now()
    this.emitNow()
  }
}
