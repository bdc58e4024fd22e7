/**
 * The log lines the Logs tab holds: a ring buffer with a DOCUMENTED cap, kept compactly.
 *
 * Cap: the last MAX_LOG_LINES lines or MAX_LOG_CHARS characters of text, whichever is reached
 * first; older lines are dropped (and counted, so the UI can say so). With the search cache that
 * is at most ~2 × 32 M characters of strings — one-byte strings for ASCII logs — so the tab
 * stays well inside the renderer-heap goal (≤ 150 MB with 1 M short lines loaded).
 *
 * Layout: one array of strings (the text), a parallel Uint8Array of stream flags and a parallel
 * Float64Array of times (ms since the epoch, NaN when the engine sent none). No object per line.
 * Lines are addressed by `seq`, a number that only grows (the n-th line ever appended), so
 * search matches and scroll positions survive lines being dropped at the front.
 */
import { batchTexts, linesBatch, type LogBatch, type LogLine } from '../../../../shared/logs-models'

const MAX_LOG_LINES = 1_000_000
const MAX_LOG_CHARS = 32 * 1024 * 1024
/** The cap in words, for the status line and the downloaded file's note. */
export const LOG_CAP_TEXT = `the last ${MAX_LOG_LINES.toLocaleString('en-US')} lines or ${MAX_LOG_CHARS / 1024 / 1024} M characters`
const INITIAL_CAPACITY = 4096

export const STDOUT = 0
export const STDERR = 1

export class LogBuffer {
  private texts: string[] = new Array<string>(INITIAL_CAPACITY)
  private streams = new Uint8Array(INITIAL_CAPACITY)
  private times = new Float64Array(INITIAL_CAPACITY)
  /** Lower-cased texts for search, built lazily (undefined until first asked for). */
  private lower: Array<string | undefined> | undefined
  private head = 0
  private size = 0
  private chars = 0
  /** seq of the oldest line kept. */
  private first = 0
  /** Lines dropped at the front because of the cap since the last clear(). */
  private droppedCount = 0

  constructor(
    readonly maxLines: number = MAX_LOG_LINES,
    readonly maxChars: number = MAX_LOG_CHARS
  ) {}

  get count(): number {
    return this.size
  }
  /** seq of the oldest line kept. */
  get firstSeq(): number {
    return this.first
  }
  /** seq the next appended line will get. */
  get endSeq(): number {
    return this.first + this.size
  }
  get dropped(): number {
    return this.droppedCount
  }
  get characters(): number {
    return this.chars
  }

  /** Lines as objects (tests, small callers): the same way in as the wire's batches. */
  append(lines: readonly LogLine[]): void {
    this.appendBatch(linesBatch(lines))
  }

  /** A wire batch straight from its columns: no object per line on the way (see LogBatch). */
  appendBatch(batch: LogBatch): void {
    const texts = batchTexts(batch)
    const { stderr, times } = batch
    let nextStderr = 0
    let lastTime = 0
    for (let index = 0; index < texts.length; index++) {
      let stream = STDOUT
      // stderr indices come in ascending order (the server adds them as lines arrive).
      if (stderr && stderr[nextStderr] === index) {
        stream = STDERR
        nextStderr++
      }
      // Delta-coded (LogBatch.times): null for a line that had no time.
      const delta = times?.[index]
      let time = NaN
      if (delta !== undefined && delta !== null) time = lastTime += delta
      this.push(texts[index], stream, time)
    }
  }

  push(text: string, stream: number, time: number): void {
    if (this.size === this.texts.length && this.size < this.maxLines) this.grow()
    if (this.size === this.maxLines) this.dropOldest()
    const slot = (this.head + this.size) % this.texts.length
    this.texts[slot] = text
    this.streams[slot] = stream
    this.times[slot] = time
    if (this.lower) this.lower[slot] = undefined
    this.size++
    this.chars += text.length
    while (this.chars > this.maxChars && this.size > 1) this.dropOldest()
  }

  /** The line `seq` (which must be in [firstSeq, endSeq)). */
  text(seq: number): string {
    return this.texts[this.slot(seq)]
  }
  stream(seq: number): number {
    return this.streams[this.slot(seq)]
  }
  time(seq: number): number {
    return this.times[this.slot(seq)]
  }
  has(seq: number): boolean {
    return seq >= this.first && seq < this.first + this.size
  }

  /** Lower-cased text for case-insensitive search; computed once per line, then cached. */
  lowerText(seq: number): string {
    const slot = this.slot(seq)
    this.lower ??= new Array<string | undefined>(this.texts.length)
    let value = this.lower[slot]
    if (value === undefined) {
      value = this.texts[slot].toLowerCase()
      this.lower[slot] = value
    }
    return value
  }

  clear(): void {
    this.texts = new Array<string>(INITIAL_CAPACITY)
    this.streams = new Uint8Array(INITIAL_CAPACITY)
    this.times = new Float64Array(INITIAL_CAPACITY)
    this.lower = undefined
    this.first += this.size
    this.head = 0
    this.size = 0
    this.chars = 0
    this.droppedCount = 0
  }

  private slot(seq: number): number {
    return (this.head + (seq - this.first)) % this.texts.length
  }

  private dropOldest(): void {
    this.chars -= this.texts[this.head].length
    // Release the string now; the slot is overwritten later, maybe much later.
    this.texts[this.head] = ''
    if (this.lower) this.lower[this.head] = undefined
    this.head = (this.head + 1) % this.texts.length
    this.size--
    this.first++
    this.droppedCount++
  }

  /** Doubles the ring (up to maxLines), unrolling it so the oldest line is at slot 0. */
  private grow(): void {
    const capacity = Math.min(this.texts.length * 2, this.maxLines)
    const texts = new Array<string>(capacity)
    const streams = new Uint8Array(capacity)
    const times = new Float64Array(capacity)
    const lower = this.lower ? new Array<string | undefined>(capacity) : undefined
    for (let i = 0; i < this.size; i++) {
      const from = (this.head + i) % this.texts.length
      texts[i] = this.texts[from]
      streams[i] = this.streams[from]
      times[i] = this.times[from]
      if (lower && this.lower) lower[i] = this.lower[from]
    }
    this.texts = texts
    this.streams = streams
    this.times = times
    this.lower = lower
    this.head = 0
  }
}

/** A growing list of seqs (ascending) that can forget its front cheaply: matches, filtered views. */
export class SeqList {
  private items = new Float64Array(1024)
  private start = 0
  private end = 0

  get length(): number {
    return this.end - this.start
  }
  at(index: number): number {
    return this.items[this.start + index]
  }
  push(seq: number): void {
    if (this.end === this.items.length) {
      const live = this.end - this.start
      const next = new Float64Array(live * 2 > this.items.length ? this.items.length * 2 : this.items.length)
      next.set(this.items.subarray(this.start, this.end))
      this.items = next
      this.start = 0
      this.end = live
    }
    this.items[this.end++] = seq
  }
  /** Forgets every seq below `seq` (lines dropped by the buffer's cap). */
  trimBelow(seq: number): void {
    while (this.start < this.end && this.items[this.start] < seq) this.start++
  }
  /** Index of the first seq ≥ `seq` (length when none). */
  lowerBound(seq: number): number {
    let low = this.start
    let high = this.end
    while (low < high) {
      const mid = (low + high) >>> 1
      if (this.items[mid] < seq) low = mid + 1
      else high = mid
    }
    return low - this.start
  }
  clear(): void {
    this.start = 0
    this.end = 0
  }
}
