/**
 * DTOs of the logs area (issue 3 §3). Lines travel in BATCHES: one `ev` frame per ~25 ms or per
 * size cap, never one frame per line, so a flood of 1 M lines costs a few hundred frames/s.
 */
import { z } from 'zod'
import { parseEngineTime } from './engine-time'
import { ObjectRef } from './models'
import { TransferId } from './files-models'

/** How many lines the engine may be asked to replay; "all" replays the whole log. */
export const MAX_TAIL_LINES = 10_000_000

/** Unix seconds (fractions allowed), as the engine's `since` / `until` take them. */
const UnixSeconds = z
  .number({ error: 'a time in Unix seconds' })
  .finite('a finite time in Unix seconds')
  .min(0, 'a time after 1970-01-01')
  .max(32_503_680_000, 'a time before the year 3000')

export const LogsQuery = z
  .object({
    id: ObjectRef,
    tail: z.union([
      z.literal('all'),
      z
        .number({ error: 'a number of lines or "all"' })
        .int('a whole number of lines')
        .min(0, 'zero or more lines')
        .max(MAX_TAIL_LINES, `at most ${MAX_TAIL_LINES.toLocaleString('en-US')} lines (or "all")`)
    ], { error: 'a number of lines or "all"' }),
    since: UnixSeconds.optional(),
    until: UnixSeconds.optional(),
    /** Ask the engine to prefix each line with its RFC 3339 time; it arrives split off in `ts`. */
    timestamps: z.boolean(),
    /** Keep the stream open for new lines after the replay. */
    follow: z.boolean(),
    /**
     * Flow control: the receiver names the stream and acknowledges the batches it has taken in
     * (containers.logsAck); the sender stops reading the engine while LOG_WINDOW_HIGH_BATCHES are
     * unacknowledged and reads on at LOG_WINDOW_LOW_BATCHES. Without it the stream is unpaced.
     */
    paceId: TransferId.optional()
  })
  .strict()
  .refine((q) => q.since === undefined || q.until === undefined || q.until >= q.since, {
    message: '"until" must not be before "since"',
    path: ['until']
  })
export type LogsQuery = z.infer<typeof LogsQuery>

/**
 * Unacknowledged batches at which a paced log stops reading the engine (≤ 4 × 512 K chars of
 * text ahead of the page). Measured with a 2-million-line flood beside a terminal on the same
 * socket: at 16/8 the terminal answered in up to 1.5 s, at 4/2 in ≤ 0.45 s (0.2–0.44 s with no
 * log open at all); the page took in a million lines in 16–18 s either way (15.5 s unpaced).
 */
export const LOG_WINDOW_HIGH_BATCHES = 4
/** Unacknowledged batches at which it reads on. */
export const LOG_WINDOW_LOW_BATCHES = 2

export const LogsAckInput = z
  .object({
    paceId: TransferId,
    /** Batches received so far on that stream (a running total, so a lost ack is caught up). */
    batches: z.number().int().min(0)
  })
  .strict()

export const LogStream = z.enum(['stdout', 'stderr'])
export type LogStream = z.infer<typeof LogStream>

export const LogLine = z.object({
  stream: LogStream,
  text: z.string(),
  /** The engine's RFC 3339 (nanosecond) time, present when the query asked for timestamps. */
  ts: z.string().optional()
})
export type LogLine = z.infer<typeof LogLine>

/**
 * One batch on the wire, in columns rather than one object per line, and the texts joined by
 * "\n" into one string (a log line never contains "\n": lines are split on it). A million
 * `{stream, text}` objects cost ~4x the bytes of this, and a million small JSON strings cost the
 * receiver a million allocations where one long string and one native split() do.
 */
export const LogBatch = z.object({
  /** How many lines: `text` alone can't tell zero lines from one empty line. */
  count: z.number().int().nonnegative(),
  /** The line texts joined by "\n". */
  text: z.string(),
  /** Indices of the lines that came from stderr; absent when none did. */
  stderr: z.array(z.number().int().nonnegative()).optional(),
  /**
   * The engine's time of each line in ms since the epoch, delta-coded (see encodeTimes): mostly
   * 0s and 1s on the wire where RFC 3339 strings took ~31 bytes a line (twice the text of a
   * typical log) and a parse each in the page. Present when timestamps were asked for.
   */
  times: z.array(z.number().int().nullable()).optional(),
  /** Sent once, on the first batch: TTY containers have no stderr (the engine merges it). */
  tty: z.boolean().optional()
})
export type LogBatch = z.infer<typeof LogBatch>

/** The line texts of a batch. */
export function batchTexts(batch: LogBatch): string[] {
  return batch.count === 0 ? [] : batch.text.split('\n')
}

/**
 * Delta-codes a batch's line times (ms since the epoch, NaN where a line had none): the first
 * time as it is, each later one as the difference from the line before that had a time; null
 * for a line without. TimesEncoder does the same one line at a time.
 */
export function encodeTimes(times: readonly number[]): Array<number | null> {
  const encoder = new TimesEncoder()
  return times.map((ms) => encoder.next(ms))
}

export class TimesEncoder {
  private last = 0
  next(ms: number): number | null {
    if (!Number.isFinite(ms)) return null
    const whole = Math.floor(ms)
    const delta = whole - this.last
    this.last = whole
    return delta
  }
}

/** encodeTimes undone: ms since the epoch, NaN where a line had none. */
export function decodeTimes(times: ReadonlyArray<number | null>): number[] {
  let last = 0
  return times.map((delta) => (delta === null ? NaN : (last += delta)))
}

/** A batch's lines as objects, for code that wants them one by one (tests, small views); times to the ms. */
export function batchLines(batch: LogBatch): LogLine[] {
  const stderr = new Set(batch.stderr ?? [])
  const times = batch.times ? decodeTimes(batch.times) : undefined
  return batchTexts(batch).map((text, index) => {
    const line: LogLine = { stream: stderr.has(index) ? 'stderr' : 'stdout', text }
    const ms = times?.[index]
    if (ms !== undefined && !Number.isNaN(ms)) line.ts = new Date(ms).toISOString()
    return line
  })
}

/** Lines as one batch (the inverse of batchLines, to the ms). */
export function linesBatch(lines: readonly LogLine[]): LogBatch {
  const batch: LogBatch = { count: lines.length, text: lines.map((line) => line.text).join('\n') }
  const stderr = lines.flatMap((line, index) => (line.stream === 'stderr' ? [index] : []))
  if (stderr.length > 0) batch.stderr = stderr
  if (lines.some((line) => line.ts !== undefined)) batch.times = encodeTimes(lines.map((line) => (line.ts ? parseEngineTime(line.ts) : NaN)))
  return batch
}
