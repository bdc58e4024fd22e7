/**
 * What the Logs tab shows, over the LogBuffer: an optional stdout/stderr filter (the rows) and a
 * case-insensitive search (the matching rows), both kept up to date incrementally as lines
 * arrive and as the cap drops old ones. Plain TypeScript, so it is unit-tested without React.
 *
 * Search cost: one `indexOf` per line over a lower-cased copy of the line, built on first search
 * and cached in the buffer; for 1 M short lines this is tens of milliseconds (goal ≤ 200 ms).
 */
import { linesBatch, type LogBatch, type LogLine } from '../../../../shared/logs-models'
import { LogBuffer, SeqList, STDERR, STDOUT } from './logBuffer'

export type StreamFilter = 'all' | 'stdout' | 'stderr'

export class LogModel {
  readonly buffer: LogBuffer
  private filter: StreamFilter = 'all'
  /** Seqs of the rows when a filter is on (unused for 'all': row = seq − firstSeq). */
  private readonly rows = new SeqList()
  private rowsUpTo = 0
  private needle = ''
  private readonly matchList = new SeqList()
  private matchedUpTo = 0
  /** Lines received since the last clear (kept or not). */
  private receivedCount = 0

  constructor(buffer: LogBuffer = new LogBuffer()) {
    this.buffer = buffer
    this.rowsUpTo = buffer.endSeq
    this.matchedUpTo = buffer.endSeq
  }

  get streamFilter(): StreamFilter {
    return this.filter
  }
  get query(): string {
    return this.needle
  }
  get received(): number {
    return this.receivedCount
  }

  get rowCount(): number {
    return this.filter === 'all' ? this.buffer.count : this.rows.length
  }
  seqAtRow(row: number): number {
    return this.filter === 'all' ? this.buffer.firstSeq + row : this.rows.at(row)
  }
  /** The row showing `seq`, or the row of the next line after it when it is filtered out. */
  rowOfSeq(seq: number): number {
    return this.filter === 'all' ? Math.max(0, seq - this.buffer.firstSeq) : this.rows.lowerBound(seq)
  }

  get matchCount(): number {
    return this.matchList.length
  }
  matchSeq(index: number): number {
    return this.matchList.at(index)
  }
  /** Index of the first match at or after `seq` (matchCount when none). */
  matchIndexFrom(seq: number): number {
    return this.matchList.lowerBound(seq)
  }
  isMatch(seq: number): boolean {
    const index = this.matchList.lowerBound(seq)
    return index < this.matchList.length && this.matchList.at(index) === seq
  }

  /** Lines as objects (tests, small callers): the same way in as the wire's batches. */
  append(lines: readonly LogLine[]): void {
    this.appendBatch(linesBatch(lines))
  }

  /** The stream's way in: a wire batch, taken column by column. */
  appendBatch(batch: LogBatch): void {
    this.buffer.appendBatch(batch)
    this.receivedCount += batch.count
    this.catchUp()
  }

  clear(): void {
    this.buffer.clear()
    this.receivedCount = 0
    this.rows.clear()
    this.matchList.clear()
    this.rowsUpTo = this.buffer.endSeq
    this.matchedUpTo = this.buffer.endSeq
  }

  setFilter(filter: StreamFilter): void {
    if (filter === this.filter) return
    this.filter = filter
    this.rows.clear()
    this.rowsUpTo = this.buffer.firstSeq
    this.matchList.clear()
    this.matchedUpTo = this.buffer.firstSeq
    this.catchUp()
  }

  /** Sets the search (case-insensitive); returns how long the full scan took, in ms. */
  setQuery(query: string): number {
    const started = performance.now()
    this.needle = query.toLowerCase()
    this.matchList.clear()
    this.matchedUpTo = this.buffer.firstSeq
    this.catchUp()
    return performance.now() - started
  }

  private passes(seq: number): boolean {
    if (this.filter === 'all') return true
    return this.buffer.stream(seq) === (this.filter === 'stderr' ? STDERR : STDOUT)
  }

  /** Brings rows and matches up to the buffer: forget dropped lines, scan new ones. */
  private catchUp(): void {
    const first = this.buffer.firstSeq
    const end = this.buffer.endSeq
    if (this.filter !== 'all') {
      this.rows.trimBelow(first)
      for (let seq = Math.max(this.rowsUpTo, first); seq < end; seq++) if (this.passes(seq)) this.rows.push(seq)
    }
    this.rowsUpTo = end
    this.matchList.trimBelow(first)
    if (this.needle !== '') {
      const needle = this.needle
      const buffer = this.buffer
      for (let seq = Math.max(this.matchedUpTo, first); seq < end; seq++) {
        if (this.passes(seq) && buffer.lowerText(seq).includes(needle)) this.matchList.push(seq)
      }
    }
    this.matchedUpTo = end
  }
}

/** Splits `text` into plain and matching parts for highlighting (case-insensitive). */
export function splitMatches(text: string, lowerNeedle: string): Array<{ text: string; match: boolean }> {
  if (lowerNeedle === '') return [{ text, match: false }]
  const lower = text.toLowerCase()
  // Lower-casing can change a string's length (rare, e.g. "İ"); then highlight the whole line.
  if (lower.length !== text.length) return lower.includes(lowerNeedle) ? [{ text, match: true }] : [{ text, match: false }]
  const parts: Array<{ text: string; match: boolean }> = []
  let at = 0
  let found = lower.indexOf(lowerNeedle, at)
  while (found !== -1) {
    if (found > at) parts.push({ text: text.slice(at, found), match: false })
    parts.push({ text: text.slice(found, found + lowerNeedle.length), match: true })
    at = found + lowerNeedle.length
    found = lower.indexOf(lowerNeedle, at)
  }
  if (at < text.length) parts.push({ text: text.slice(at), match: false })
  return parts
}
