/**
 * Following a log again after the connection to its engine dropped (an SSH connection killed,
 * a socket reset), from exactly where it stopped: the engine is asked for lines since the last
 * timestamp seen (whole seconds: the API's `since` is coarser than the nanosecond timestamps),
 * and the lines it sends again — older than that timestamp, or the ones at that very
 * timestamp already passed on — are dropped. Works only when lines carry timestamps, which is
 * how the renderer always asks.
 */

/** RFC 3339 with up to 9 fractional digits → nanoseconds since the epoch (undefined if not one). */
export function timestampNanos(ts: string): bigint | undefined {
  const match = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})(?:\.(\d{1,9}))?(Z|[+-]\d{2}:\d{2})$/.exec(ts)
  if (!match) return undefined
  const seconds = Date.parse(`${match[1]}${match[3]}`)
  if (Number.isNaN(seconds)) return undefined
  return BigInt(seconds) * 1_000_000n + BigInt((match[2] ?? '').padEnd(9, '0'))
}

/** A connection that broke, rather than an engine that answered with an error. */
export function isConnectionLoss(err: unknown): boolean {
  const e = err as { code?: unknown; statusCode?: unknown; name?: unknown } | null | undefined
  if (!e || typeof e !== 'object' || typeof e.statusCode === 'number') return false
  return e.code === 'ECONNRESET' || e.code === 'EPIPE' || e.code === 'ENGINE_UNAVAILABLE' || e.code === 'ECONNREFUSED'
}

/**
 * Where a followed log stands. `seen` is on the hot path (a million lines a second): it only
 * keeps the last timestamp string and how many lines carried it; parsing waits for a resume.
 */
export class LogResumePoint {
  private lastTs?: string
  /** Lines passed on that carry exactly `lastTs`. */
  private atLast = 0
  private last?: bigint
  /** While replaying after a reconnect: lines still to skip at `last`. */
  private skipAtLast = 0
  private replaying = false

  /** Records a line passed on (lines of one container's log come in time order). */
  seen(ts: string | undefined): void {
    if (ts === undefined) return
    if (ts === this.lastTs) this.atLast += 1
    else {
      this.lastTs = ts
      this.atLast = 1
    }
  }

  /** `since` (Unix seconds) for the next read, or undefined when no line had a timestamp yet. */
  resume(): number | undefined {
    this.last = this.lastTs === undefined ? undefined : timestampNanos(this.lastTs)
    if (this.last === undefined) return undefined
    this.replaying = true
    this.skipAtLast = this.atLast
    return Number(this.last / 1_000_000_000n)
  }

  /** Should this line of a resumed read be dropped (it was passed on before the drop)? */
  repeated(ts: string | undefined): boolean {
    if (!this.replaying || this.last === undefined) return false
    const nanos = ts === undefined ? undefined : timestampNanos(ts)
    if (nanos === undefined) return false
    if (nanos < this.last) return true
    if (nanos === this.last && this.skipAtLast > 0) {
      this.skipAtLast -= 1
      return true
    }
    this.replaying = false
    return false
  }
}
