/**
 * The list's usage cell: a tiny SVG of CPU % (solid) and memory share of the limit (dashed) over
 * the last ~30 s, with the current numbers as text. Only running containers on screen get one.
 */
import { memo, type ReactElement } from 'react'
import { formatBytes } from '../../lib/format'
import { formatPercent, sparklineLabel } from './format'
import { TRAIL_LENGTH } from './sparklineHub'
import { useSparkline } from './useSparkline'
import '../../styles/stats.css'

const WIDTH = 48
const HEIGHT = 24

/** Points for an SVG polyline, right-aligned so the newest value is at the right edge. */
export function sparklinePoints(values: readonly number[], top: number): string {
  const step = WIDTH / (TRAIL_LENGTH - 1)
  const offset = TRAIL_LENGTH - values.length
  return values
    .map((value, index) => {
      const x = (offset + index) * step
      const y = HEIGHT - (Math.min(Math.max(value, 0), top) / top) * HEIGHT
      return `${x.toFixed(1)},${y.toFixed(1)}`
    })
    .join(' ')
}

export interface ContainerSparklineProps {
  containerId: string
  running: boolean
}

function ContainerSparklineView({ containerId, running }: ContainerSparklineProps): ReactElement {
  const { ref, trail } = useSparkline(containerId, running)
  if (!running) {
    return <div ref={ref} className="sparkline sparkline-idle">—</div>
  }
  const sample = trail?.latest ?? null
  // Scaled to the busiest point shown (CPU can exceed 100 % with several cores), but never
  // below 10 %, so an idle container's noise stays a flat line near the bottom.
  const cpuTop = Math.max(10, ...(trail?.cpu ?? [0]))
  return (
    <div ref={ref} className="sparkline" role="img" aria-label={sparklineLabel(sample)} title={sparklineLabel(sample)}>
      <svg className="sparkline-svg" viewBox={`0 0 ${WIDTH} ${HEIGHT}`} preserveAspectRatio="none" aria-hidden="true">
        <line className="sparkline-baseline" x1="0" y1={HEIGHT} x2={WIDTH} y2={HEIGHT} />
        {trail && trail.memory.length > 0 ? <polyline className="sparkline-memory" points={sparklinePoints(trail.memory, 100)} /> : null}
        {trail && trail.cpu.length > 0 ? <polyline className="sparkline-cpu" points={sparklinePoints(trail.cpu, cpuTop)} /> : null}
      </svg>
      <span className="sparkline-text" aria-hidden="true">
        <span>{sample?.cpuPercent !== null && sample?.cpuPercent !== undefined ? formatPercent(sample.cpuPercent) : '…'}</span>
        <span>{sample ? formatBytes(sample.memoryUsedBytes) : ''}</span>
      </span>
    </div>
  )
}

export const ContainerSparkline = memo(ContainerSparklineView)
