/**
 * containers.logs: a container's log as BATCHES of lines. A flood of 1 M lines becomes a few
 * hundred `ev` frames instead of a million: lines are gathered for BATCH_INTERVAL_MS, or until a
 * batch reaches BATCH_MAX_LINES / BATCH_MAX_CHARS (which keeps every frame far below the 4 MiB
 * frame cap even when JSON escaping blows text up six-fold), then sent as one event.
 */
import type { Readable } from 'node:stream'
import { LOG_WINDOW_HIGH_BATCHES, LOG_WINDOW_LOW_BATCHES, TimesEncoder, type LogBatch, type LogLine, type LogStream } from '../../../shared/logs-models'
import { parseEngineTime } from '../../../shared/engine-time'
import { RpcError } from '../../../shared/errors'
import { isConnectionLoss, LogResumePoint } from '../engine/log-resume'
import type { EngineRegistry } from '../engine/registry'
import type { PartialHandlers } from '../rpc/handlers'
import { StreamWindow, StreamWindows } from '../stream-window'

/**
 * A paced stream moves LOG_WINDOW_HIGH_BATCHES batches per round trip to the page, so the batch
 * size sets a flood's speed: 1 M lines reached the page in 10.7 s at 25 ms, 9.2 s at 50 ms and
 * 8.2 s at 100 ms (raw read ~6 s). 50 ms keeps a quiet log's new line prompt.
 */
export const BATCH_INTERVAL_MS = 50
export const BATCH_MAX_LINES = 8192
export const BATCH_MAX_CHARS = 512 * 1024
/** How long a followed log waits for its engine to come back after the connection dropped. */
const RESUME_WITHIN_MS = 60_000

/** The engine's prefix is RFC 3339 with nanoseconds ("2024-05-01T12:00:00.123456789Z "): ≤ 40 chars. */
const MAX_TIMESTAMP_CHARS = 40

/** Splits the engine's "<RFC 3339 time> <text>" into its parts; text without one is left whole. */
export function splitTimestamp(stream: LogStream, raw: string): LogLine {
  const space = raw.indexOf(' ')
  if (space < 10 || space > MAX_TIMESTAMP_CHARS || raw.charCodeAt(4) !== 0x2d /* - */) return { stream, text: raw }
  return { stream, text: raw.slice(space + 1), ts: raw.slice(0, space) }
}

/** Gathers lines (in columns, as they go on the wire) and emits them as batches, on a timer or when full. */
export class LineBatcher {
  private text: string[] = []
  private stderr: number[] = []
  /** Delta-coded ms (LogBatch.times), from the first line that had a time. */
  private times: Array<number | null> | undefined
  private timesEncoder = new TimesEncoder()
  private chars = 0
  private timer: NodeJS.Timeout | undefined
  private tty: boolean | undefined

  constructor(
    private readonly emit: (batch: LogBatch) => void,
    private readonly intervalMs = BATCH_INTERVAL_MS
  ) {}

  /** Announced with the first batch (sent at once, even empty, so the UI knows the log opened). */
  start(tty: boolean): void {
    this.tty = tty
    this.flush()
  }

  add(line: LogLine): void {
    this.addLine(line.stream, line.text, line.ts)
  }

  /** The hot path: one call per line, no object per line. */
  addLine(stream: LogStream, text: string, ts?: string): void {
    const index = this.text.push(text) - 1
    if (stream === 'stderr') this.stderr.push(index)
    if (ts !== undefined) {
      this.times ??= new Array<number | null>(index).fill(null)
      this.times.push(this.timesEncoder.next(parseEngineTime(ts)))
    } else if (this.times) this.times.push(null)
    this.chars += text.length
    if (this.text.length >= BATCH_MAX_LINES || this.chars >= BATCH_MAX_CHARS) this.flush()
    else this.timer ??= setTimeout(() => this.flush(), this.intervalMs)
  }

  flush(): void {
    clearTimeout(this.timer)
    this.timer = undefined
    if (this.text.length === 0 && this.tty === undefined) return
    const batch: LogBatch = { count: this.text.length, text: this.text.join('\n') }
    if (this.stderr.length > 0) batch.stderr = this.stderr
    if (this.times) batch.times = this.times
    if (this.tty !== undefined) batch.tty = this.tty
    this.tty = undefined
    this.reset()
    this.emit(batch)
  }

  /** Drops what is gathered without sending it (the client went away). */
  discard(): void {
    clearTimeout(this.timer)
    this.timer = undefined
    this.reset()
  }

  private reset(): void {
    this.text = []
    this.stderr = []
    this.times = undefined
    this.timesEncoder = new TimesEncoder()
    this.chars = 0
  }
}

export function logsHandlers(engines: EngineRegistry): PartialHandlers<'containers.logs' | 'containers.logsAck'> {
  const windows = new StreamWindows()
  return {
    'containers.logsAck': async ({ paceId, batches }) => {
      windows.ack(paceId, batches)
      return { ok: true }
    },
    'containers.logs': async (query, emit, signal) => {
      const engineId = engines.activeSummary().id
      let engine = await engines.whenActive(signal)
      // Paced: the engine's body is paused while the receiver is LOG_WINDOW_HIGH_BATCHES behind.
      let body: Readable | undefined
      const window = query.paceId
        ? new StreamWindow(LOG_WINDOW_HIGH_BATCHES, LOG_WINDOW_LOW_BATCHES, () => body?.pause(), () => body?.resume())
        : undefined
      const closeWindow = query.paceId && window ? windows.add(query.paceId, window) : () => {}
      const batcher = new LineBatcher((batch) => {
        emit(batch)
        window?.sentBatch()
      })
      const { id, paceId: _paceId, ...options } = query
      // A followed log with timestamps survives its engine connection dropping (see log-resume.ts).
      const resume = query.follow && query.timestamps ? new LogResumePoint() : undefined
      let started = false
      const reader = {
        onStart: ({ tty }: { tty: boolean }) => {
          if (!started) batcher.start(tty)
          started = true
        },
        onBody: (engineBody: Readable) => {
          body = engineBody
          if (window?.paused) body.pause()
        },
        onLine: resume
          ? (stream: LogStream, text: string) => {
              const line = splitTimestamp(stream, text)
              if (resume.repeated(line.ts)) return
              resume.seen(line.ts)
              batcher.add(line)
            }
          : query.timestamps
            ? (stream: LogStream, text: string) => batcher.add(splitTimestamp(stream, text))
            : (stream: LogStream, text: string) => batcher.addLine(stream, text)
      }
      let readOptions = options
      const giveUpAt = Date.now() + RESUME_WITHIN_MS
      try {
        for (;;) {
          try {
            await engine.logs.read(id, readOptions, reader, signal)
            break
          } catch (err) {
            const again = resume && isConnectionLoss(err) && Date.now() < giveUpAt ? await engines.reconnected(engineId, signal, giveUpAt) : undefined
            if (!again) {
              batcher.discard()
              if (resume && isConnectionLoss(err) && engines.activeSummary().id !== engineId) {
                throw new RpcError('ENGINE_UNAVAILABLE', `Berth switched to ${engines.activeSummary().name}; this log was followed on another engine and has ended.`)
              }
              throw err
            }
            batcher.flush()
            engine = again
            const since = resume?.resume()
            readOptions = since === undefined ? options : { ...options, tail: 'all', since }
          }
        }
        if (signal.aborted) batcher.discard()
        else batcher.flush()
      } finally {
        closeWindow()
      }
    }
  }
}
