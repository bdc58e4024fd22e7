/**
 * The Stats tab: live CPU, memory vs limit, network and block I/O charts with a few minutes of
 * history. Streams only while the tab is visible and the container runs; the history lives in a
 * per-client book, so switching tabs or reopening the container keeps it.
 */
import type { ReactElement } from 'react'
import type { StatsSample } from '../../../../shared/stats-models'
import type { DetailsTabProps } from '../details/tabProps'
import { formatBytes } from '../../lib/format'
import { StatsChart, type ChartSeries } from './StatsChart'
import { blockSummary, cpuSummary, formatPercent, formatRate, memorySummary, networkSummary } from './format'
import { SERIES, type SeriesName } from './history'
import { useContainerStats, type StatsStatus } from './useContainerStats'
import '../../styles/stats.css'

const column = (name: SeriesName): number => SERIES.indexOf(name) + 1

interface ChartSpec {
  title: string
  summary: (sample: StatsSample | null) => string
  series: readonly ChartSeries[]
  formatValue: (value: number) => string
  minTop: number
}

// Module-level so the charts see stable series references and build their canvas once.
const CHARTS: readonly ChartSpec[] = [
  {
    title: 'CPU',
    summary: cpuSummary,
    series: [{ label: 'CPU', column: column('cpu'), colorVar: '--chart-cpu' }],
    formatValue: formatPercent,
    minTop: 5
  },
  {
    title: 'Memory',
    summary: memorySummary,
    series: [
      { label: 'Used', column: column('memUsed'), colorVar: '--chart-memory' },
      { label: 'Limit', column: column('memLimit'), colorVar: '--chart-limit', dashed: true }
    ],
    formatValue: formatBytes,
    minTop: 1024 * 1024
  },
  {
    title: 'Network',
    summary: networkSummary,
    series: [
      { label: 'In (rx)', column: column('rxRate'), colorVar: '--chart-rx' },
      { label: 'Out (tx)', column: column('txRate'), colorVar: '--chart-tx' }
    ],
    formatValue: formatRate,
    minTop: 1000
  },
  {
    title: 'Block I/O',
    summary: blockSummary,
    series: [
      { label: 'Read', column: column('readRate'), colorVar: '--chart-read' },
      { label: 'Write', column: column('writeRate'), colorVar: '--chart-write' }
    ],
    formatValue: formatRate,
    minTop: 1000
  }
]

function statusText(status: StatsStatus): string {
  switch (status.kind) {
    case 'waiting': return 'Connecting to the engine’s stats…'
    case 'live': return 'Live, one sample a second.'
    case 'paused-hidden': return 'Paused while hidden.'
    case 'not-running': return `The container is ${status.state === 'unknown' ? 'not running' : status.state}: no live stats. Start it to see them.`
    case 'error': return `Stats stopped: ${status.message} Retrying…`
  }
}

export function StatsTab({ containerId, visible }: DetailsTabProps): ReactElement {
  const { history, version, status } = useContainerStats(containerId, visible)
  // Cached inside the history: rebuilt once per new sample, not per render.
  const columns = history.columns()
  const sample = history.latest

  return (
    <section className="stats-tab" aria-label="Stats">
      <div className="stats-status" role="status">
        <span className={`stats-dot stats-dot-${status.kind}`} aria-hidden="true" />
        {statusText(status)}
        {sample?.pids !== null && sample?.pids !== undefined ? <span className="stats-pids">Processes: {sample.pids}</span> : null}
      </div>
      <div className="stats-grid">
        {CHARTS.map((chart) => (
          <StatsChart
            key={chart.title}
            title={chart.title}
            summary={chart.summary(sample)}
            columns={columns}
            version={version}
            series={chart.series}
            formatValue={chart.formatValue}
            minTop={chart.minTop}
          />
        ))}
      </div>
    </section>
  )
}
