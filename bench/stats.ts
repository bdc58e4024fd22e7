/** Percentiles and the printed summary table. */

export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) return Number.NaN
  const sorted = [...samples].sort((a, b) => a - b)
  // Nearest-rank: the smallest sample with at least p% of the samples at or below it.
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length))
  return sorted[rank - 1]
}

export interface Summary {
  count: number
  p50: number
  p95: number
  min: number
  max: number
}

export function summarize(samples: readonly number[]): Summary {
  return {
    count: samples.length,
    p50: percentile(samples, 50),
    p95: percentile(samples, 95),
    min: Math.min(...samples),
    max: Math.max(...samples)
  }
}

const ms = (value: number): string => (Number.isFinite(value) ? `${value.toFixed(1)} ms` : 'n/a')

/** Prints rows as an aligned text table (first row = header). */
export function printTable(rows: string[][]): void {
  const widths = rows[0].map((_, column) => Math.max(...rows.map((row) => (row[column] ?? '').length)))
  const line = (row: string[]): string => row.map((cell, column) => cell.padEnd(widths[column])).join('  ')
  console.log(line(rows[0]))
  console.log(widths.map((width) => '-'.repeat(width)).join('  '))
  for (const row of rows.slice(1)) console.log(line(row))
}

export function formatSummary(name: string, summary: Summary): string {
  return `${name}: n=${summary.count} p50=${ms(summary.p50)} p95=${ms(summary.p95)} min=${ms(summary.min)} max=${ms(summary.max)}`
}

export { ms as formatMs }
