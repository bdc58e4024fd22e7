/**
 * The Logs tab's own fields, checked in the UI before any engine call (the RPC boundary checks
 * them again with the contract's zod schema).
 */
import { MAX_TAIL_LINES } from '../../../../shared/logs-models'

export const DEFAULT_TAIL = 1000

export type Parsed<T> = { ok: true; value: T } | { ok: false; error: string }

/** "1000", " 50 ", "all" → a tail; anything else → why not. */
export function parseTail(text: string): Parsed<number | 'all'> {
  const trimmed = text.trim().toLowerCase()
  if (trimmed === 'all') return { ok: true, value: 'all' }
  if (trimmed === '') return { ok: false, error: 'Enter a number of lines, or "all".' }
  if (!/^\d+$/.test(trimmed)) return { ok: false, error: 'Use a whole number of lines (like 1000), or "all".' }
  const value = Number(trimmed)
  if (value > MAX_TAIL_LINES) return { ok: false, error: `At most ${MAX_TAIL_LINES.toLocaleString('en-US')} lines; use "all" for the whole log.` }
  return { ok: true, value }
}

/**
 * A datetime-local value ("2024-05-01T12:30" or with seconds) in the user's time zone → Unix
 * seconds; empty → no "since".
 */
export function parseSince(text: string, now: number = Date.now()): Parsed<number | undefined> {
  if (text.trim() === '') return { ok: true, value: undefined }
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?$/.test(text)) return { ok: false, error: 'Pick a date and time.' }
  const ms = new Date(text).getTime()
  if (!Number.isFinite(ms)) return { ok: false, error: 'That date does not exist.' }
  if (ms < 0) return { ok: false, error: 'Pick a time after 1970.' }
  if (ms > now + 60_000) return { ok: false, error: 'That time is in the future: no line can be that new.' }
  return { ok: true, value: ms / 1000 }
}

/** "2024-05-01 12:30:05.123" in the user's time zone, for the timestamps column. */
export function formatLogTime(ms: number): string {
  if (!Number.isFinite(ms)) return ''
  const date = new Date(ms)
  const pad = (value: number, width = 2): string => String(value).padStart(width, '0')
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())} ${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}.${pad(date.getMilliseconds(), 3)}`
}
