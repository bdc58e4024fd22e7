/**
 * The Stats tab: live CPU, memory vs limit, network and block I/O charts with a few minutes of
 * history. Streams only while the tab is visible and the container runs; the history lives in a
 * per-client book, so switching tabs or reopening the container keeps it.
 */
import type { ReactElement } from 'react'
import type { DetailsTabProps } from '../details/tabProps'
import { formatBytes } from '../../lib/format'
import { StatsChart, type ChartSeries } from './StatsChart'
import { blockSummary, cpuSummary, formatPercent, formatRate, memorySummary, networkSummary } from './format'
import { SERIES, type SeriesName } from './history'
import { useContainerStats, type StatsStatus } from './useContainerStats'
import '../../styles/stats.css'

const column = (name: SeriesName): number => SERIES.indexOf(name) + 1

// Module-level so the charts see stable references and build their canvas once.
const CPU_SERIES: readonly ChartSeries[] = [{ label: 'CPU', column: column('cpu'), colorVar: '--chart-cpu' }]
const MEMORY_SERIES: readonly ChartSeries[] = [
  { label: 'Used', column: column('memUsed'), colorVar: '--chart-memory' },
  { label: 'Limit', column: column('memLimit'), colorVar: '--chart-limit', dashed: true }
]
const NETWORK_SERIES: readonly ChartSeries[] = [
  { label: 'In (rx)', column: column('rxRate'), colorVar: '--chart-rx' },
  { label: 'Out (tx)', column: column('txRate'), colorVar: '--chart-tx' }
]
const BLOCK_SERIES: readonly ChartSeries[] = [
  { label: 'Read', column: column('readRate'), colorVar: '--chart-read' },
  { label: 'Write', column: column('writeRate'), colorVar: '--chart-write' }
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
        <StatsChart
          title="CPU"
          summary={cpuSummary(sample)}
          columns={columns}
          version={version}
          series={CPU_SERIES}
          formatValue={formatPercent}
          minTop={5}
        />
        <StatsChart
          title="Memory"
          summary={memorySummary(sample)}
          columns={columns}
          version={version}
          series={MEMORY_SERIES}
          formatValue={formatBytes}
          minTop={1024 * 1024}
        />
        <StatsChart
          title="Network"
          summary={networkSummary(sample)}
          columns={columns}
          version={version}
          series={NETWORK_SERIES}
          formatValue={formatRate}
          minTop={1000}
        />
        <StatsChart
          title="Block I/O"
          summary={blockSummary(sample)}
          columns={columns}
          version={version}
          series={BLOCK_SERIES}
          formatValue={formatRate}
          minTop={1000}
        />
      </div>
    </section>
  )
}
