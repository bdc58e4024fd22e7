/**
 * Framing for the engine's streaming responses. Our own, because docker-modem's JSON-lines
 * splitter copies the buffer per line (quadratic on big chunks). This one scans each chunk once,
 * decodes lines that sit wholly inside a chunk straight from it, and copies only the bytes of a
 * line that straddles chunk boundaries. It works on bytes, so a UTF-8 character split across
 * chunks is decoded only once it is whole.
 */
import type { Readable } from 'node:stream'

const NEWLINE = 0x0a
const CARRIAGE_RETURN = 0x0d
/** A line longer than this is a broken stream, not data; refusing it bounds memory. */
export const DEFAULT_MAX_LINE_BYTES = 16 * 1024 * 1024

export class LineTooLongError extends Error {
  constructor(limit: number) {
    super(`A line in the engine's stream is longer than ${limit} bytes; the stream looks broken.`)
    this.name = 'LineTooLongError'
  }
}

/** Splits bytes into text lines ("\n" or "\r\n"), skipping blank ones. */
export class LineFramer {
  private pending: Buffer[] = []
  private pendingBytes = 0

  constructor(
    private readonly onLine: (line: string) => void,
    private readonly maxLineBytes: number = DEFAULT_MAX_LINE_BYTES
  ) {}

  push(chunk: Buffer | string): void {
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk
    let start = 0
    let newline = bytes.indexOf(NEWLINE, start)
    while (newline !== -1) {
      if (this.pendingBytes > 0) {
        // The only copy: the tail carried from earlier chunks joined with this chunk's head.
        this.pending.push(bytes.subarray(start, newline))
        const joined = Buffer.concat(this.pending, this.pendingBytes + newline - start)
        this.pending = []
        this.pendingBytes = 0
        this.emit(joined, 0, joined.length)
      } else {
        this.emit(bytes, start, newline)
      }
      start = newline + 1
      newline = bytes.indexOf(NEWLINE, start)
    }
    if (start < bytes.length) {
      this.pendingBytes += bytes.length - start
      if (this.pendingBytes > this.maxLineBytes) {
        this.pending = []
        this.pendingBytes = 0
        throw new LineTooLongError(this.maxLineBytes)
      }
      this.pending.push(bytes.subarray(start))
    }
  }

  /** The stream ended: a last line without a trailing newline still counts. */
  end(): void {
    if (this.pendingBytes === 0) return
    const joined = Buffer.concat(this.pending, this.pendingBytes)
    this.pending = []
    this.pendingBytes = 0
    this.emit(joined, 0, joined.length)
  }

  private emit(bytes: Buffer, start: number, end: number): void {
    let stop = end
    if (stop > start && bytes[stop - 1] === CARRIAGE_RETURN) stop -= 1
    // Skip blank lines without decoding them (the engine sends keep-alive newlines).
    let first = start
    while (first < stop && (bytes[first] === 0x20 || bytes[first] === 0x09)) first += 1
    if (first === stop) return
    this.onLine(bytes.toString('utf8', first, stop))
  }
}

/** JSON lines: one JSON value per line. A line that isn't JSON goes to `onInvalid`, not a throw. */
export class JsonLinesFramer {
  private readonly lines: LineFramer

  constructor(
    onValue: (value: unknown) => void,
    onInvalid: (line: string, err: Error) => void = () => {},
    maxLineBytes?: number
  ) {
    this.lines = new LineFramer((line) => {
      let value: unknown
      try {
        value = JSON.parse(line)
      } catch (err) {
        onInvalid(line, err as Error)
        return
      }
      onValue(value)
    }, maxLineBytes)
  }

  push(chunk: Buffer | string): void {
    this.lines.push(chunk)
  }

  end(): void {
    this.lines.end()
  }
}

/** What consumeBody feeds: a push parser plus how the body's own end is to be judged. */
export interface BodyConsumer {
  /** Parses one chunk; return 'stop' to end the read early (resolves), throw to fail it. */
  push(chunk: Buffer): 'stop' | void
  /** The body ended by itself: return nothing to resolve, or the Error to reject with. */
  end(): Error | undefined
  /** Words for a connection that closed without an end (the engine went away mid-response). */
  closedWithoutEnd: string
}

function connectionLost(why: string): Error {
  return Object.assign(new Error(why), { code: 'ECONNRESET' })
}

/**
 * Reads an engine HTTP body to its end through `consumer`. Settles once, and always leaves the
 * response destroyed: destroying it closes the socket, which is how dockerd learns to stop
 * following. Aborting `signal` resolves (the caller asked to stop); errors and closes that follow
 * an abort are not failures.
 */
export function consumeBody(body: Readable, consumer: BodyConsumer, signal: AbortSignal): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    let settled = false
    const finish = (err?: Error): void => {
      if (settled) return
      settled = true
      signal.removeEventListener('abort', onAbort)
      body.off('data', onData)
      body.off('end', onEnd)
      body.off('error', onError)
      body.off('close', onClose)
      body.destroy()
      if (err && !signal.aborted) reject(err)
      else resolve()
    }
    const onAbort = (): void => finish()
    const onData = (chunk: Buffer): void => {
      try {
        if (consumer.push(chunk) === 'stop') finish()
      } catch (err) {
        finish(err as Error)
      }
    }
    const onEnd = (): void => {
      try {
        finish(consumer.end())
      } catch (err) {
        finish(err as Error)
      }
    }
    const onError = (err: Error): void => finish(Object.assign(err, { code: (err as NodeJS.ErrnoException).code ?? 'ECONNRESET' }))
    const onClose = (): void => finish(connectionLost(consumer.closedWithoutEnd))
    if (signal.aborted) return finish()
    signal.addEventListener('abort', onAbort, { once: true })
    body.on('data', onData)
    body.on('end', onEnd)
    body.on('error', onError)
    body.on('close', onClose)
  })
}

/**
 * Reads a JSON-lines HTTP body until it ends. Resolves when `signal` aborts (the caller asked
 * to stop) and rejects when the body ends or breaks on its own (the engine went away).
 */
export function followJsonLines(
  body: Readable,
  onValue: (value: unknown) => void,
  signal: AbortSignal,
  onInvalid?: (line: string, err: Error) => void
): Promise<void> {
  const framer = new JsonLinesFramer(onValue, onInvalid)
  return consumeBody(
    body,
    {
      push: (chunk) => framer.push(chunk),
      end: () => {
        framer.end()
        return connectionLost('The engine closed its event stream.')
      },
      closedWithoutEnd: 'The connection to the engine closed.'
    },
    signal
  )
}
