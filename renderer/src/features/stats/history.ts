/**
 * Stats history: a fixed-size ring of samples per container (300 ≈ five minutes at the engine's
 * one sample a second), kept outside React so switching tabs or closing the details view keeps
 * what was seen. Memory is bounded: 300 rows × 9 numbers per container, and at most
 * MAX_CONTAINERS containers (the least recently used one is forgotten first).
 */
import type { StatsSample } from '../../../../shared/stats-models'

const HISTORY_CAPACITY = 300
const MAX_CONTAINERS = 20
/** A pause longer than this (tab hidden, container restarted) is drawn as a gap, not a slope. */
const GAP_MS = 3000

/** The plotted series, in uPlot's column order after the time column. */
export const SERIES = ['cpu', 'memUsed', 'memLimit', 'rxRate', 'txRate', 'readRate', 'writeRate'] as const
export type SeriesName = (typeof SERIES)[number]

const valueOf = (sample: StatsSample, series: SeriesName): number | null => {
  switch (series) {
    case 'cpu': return sample.cpuPercent
    case 'memUsed': return sample.memoryUsedBytes
    case 'memLimit': return sample.memoryLimitBytes
    case 'rxRate': return sample.networkRxBytesPerSecond
    case 'txRate': return sample.networkTxBytesPerSecond
    case 'readRate': return sample.blockReadBytesPerSecond
    case 'writeRate': return sample.blockWriteBytesPerSecond
  }
}

/** Columns as uPlot wants them: seconds since the epoch, then one array per series (null = gap). */
export type HistoryColumns = [number[], ...Array<Array<number | null>>]

export class StatsHistory {
  private readonly times = new Float64Array(HISTORY_CAPACITY)
  /** NaN stands for "no value" (first sample's CPU, a gap row). */
  private readonly values = SERIES.map(() => new Float64Array(HISTORY_CAPACITY))
  private start = 0
  private size = 0
  latest: StatsSample | null = null
  /** Bumped on every change, so views can tell whether to redraw. */
  version = 0
  private cached: { version: number; columns: HistoryColumns } | undefined

  push(sample: StatsSample): void {
    const lastTime = this.size > 0 ? this.times[(this.start + this.size - 1) % HISTORY_CAPACITY] : undefined
    if (lastTime !== undefined && sample.timestampMs - lastTime * 1000 > GAP_MS) {
      this.append(lastTime + 1, () => NaN)
    }
    this.append(sample.timestampMs / 1000, (series) => valueOf(sample, series) ?? NaN)
    this.latest = sample
    this.version++
  }

  get length(): number {
    return this.size
  }

  /** Built once per version: several charts and re-renders share one copy. */
  columns(): HistoryColumns {
    if (this.cached?.version === this.version) return this.cached.columns
    const times: number[] = new Array<number>(this.size)
    const series = SERIES.map(() => new Array<number | null>(this.size))
    for (let row = 0; row < this.size; row++) {
      const at = (this.start + row) % HISTORY_CAPACITY
      times[row] = this.times[at]
      for (let column = 0; column < SERIES.length; column++) {
        const value = this.values[column][at]
        series[column][row] = Number.isNaN(value) ? null : value
      }
    }
    const columns: HistoryColumns = [times, ...series]
    this.cached = { version: this.version, columns }
    return columns
  }

  private append(timeSeconds: number, value: (series: SeriesName) => number): void {
    const at = (this.start + this.size) % HISTORY_CAPACITY
    this.times[at] = timeSeconds
    SERIES.forEach((series, column) => {
      this.values[column][at] = value(series)
    })
    if (this.size < HISTORY_CAPACITY) this.size++
    else this.start = (this.start + 1) % HISTORY_CAPACITY
  }
}

/** Histories by container id, most recently used last (a Map keeps insertion order). */
export class StatsHistoryBook {
  private readonly byId = new Map<string, StatsHistory>()

  get(id: string): StatsHistory {
    let history = this.byId.get(id)
    if (history) {
      this.byId.delete(id)
    } else {
      history = new StatsHistory()
      if (this.byId.size >= MAX_CONTAINERS) {
        const oldest = this.byId.keys().next().value
        if (oldest !== undefined) this.byId.delete(oldest)
      }
    }
    this.byId.set(id, history)
    return history
  }
}

/** One book per client (per app instance / per test), without touching the app's store set. */
const books = new WeakMap<object, StatsHistoryBook>()
export function historyBookFor(owner: object): StatsHistoryBook {
  let book = books.get(owner)
  if (!book) {
    book = new StatsHistoryBook()
    books.set(owner, book)
  }
  return book
}
