/** Formatting shared by the pages: sizes, times, ids. Pure functions, easy to test. */

export function shortId(id: string): string {
  const bare = id.startsWith('sha256:') ? id.slice('sha256:'.length) : id
  return bare.slice(0, 12)
}

const SIZE_UNITS = ['B', 'kB', 'MB', 'GB', 'TB']

/** Decimal units, as Docker prints them: 1.2 MB, 734 kB. */
export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes) || bytes < 0) return '—'
  let value = bytes
  let unit = 0
  while (value >= 1000 && unit < SIZE_UNITS.length - 1) {
    value /= 1000
    unit++
  }
  const digits = unit === 0 || value >= 100 ? 0 : 1
  return `${value.toFixed(digits)} ${SIZE_UNITS[unit]}`
}

const RELATIVE_STEPS: Array<[limitSeconds: number, unitSeconds: number, unit: string]> = [
  [60, 1, 'second'],
  [3600, 60, 'minute'],
  [86400, 3600, 'hour'],
  [86400 * 30, 86400, 'day'],
  [86400 * 365, 86400 * 30, 'month'],
  [Infinity, 86400 * 365, 'year']
]

/** "just now", "3 minutes ago", "2 days ago"; `nowMs` is passed in so callers and tests agree. */
export function formatRelative(unixSeconds: number, nowMs: number = Date.now()): string {
  const elapsed = Math.max(0, Math.round(nowMs / 1000 - unixSeconds))
  if (elapsed < 10) return 'just now'
  for (const [limit, size, unit] of RELATIVE_STEPS) {
    if (elapsed < limit) {
      const count = Math.floor(elapsed / size)
      return `${count} ${unit}${count === 1 ? '' : 's'} ago`
    }
  }
  return 'long ago'
}

/**
 * One formatter, made on first use: toLocaleString with options builds a new Intl.DateTimeFormat
 * on every call (~0.5 ms each here; a first paint of the containers list called it for every
 * visible row, twice in StrictMode: 52 ms of a cold start).
 */
let fullDateFormat: Intl.DateTimeFormat | undefined

export function formatFullDate(unixSeconds: number): string {
  fullDateFormat ??= new Intl.DateTimeFormat(undefined, { dateStyle: 'full', timeStyle: 'medium' })
  return fullDateFormat.format(new Date(unixSeconds * 1000))
}

export function plural(count: number, one: string, many = `${one}s`): string {
  return `${count} ${count === 1 ? one : many}`
}

/** What a list page says before its first successful read: why the read failed, or that it is loading. */
export function notLoadedText(noun: string, loadError: string | null): string {
  return loadError ? `Couldn't read the ${noun}: ${loadError}` : `Loading ${noun}…`
}
