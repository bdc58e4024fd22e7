/**
 * One live chart (uPlot on a canvas) with a text title and summary for screen readers and for
 * anyone who wants the number rather than the line. Colors come from CSS variables (stats.css),
 * read when the chart is built and again when the OS theme flips. uPlot styles its elements via
 * CSSOM (element.style), which the strict CSP (`style-src 'self'`) allows.
 */
import { useEffect, useId, useRef, type ReactElement } from 'react'
import uPlot from 'uplot'
import 'uplot/dist/uPlot.min.css'
import type { HistoryColumns } from './history'
import { useDarkMode } from './useDarkMode'

export interface ChartSeries {
  label: string
  /** Index into HistoryColumns (1 = the first series after time). */
  column: number
  /** A CSS custom property holding the line color, e.g. --chart-cpu. */
  colorVar: string
  dashed?: boolean
}

export interface StatsChartProps {
  title: string
  summary: string
  columns: HistoryColumns
  /** Changes whenever columns have new data (avoids comparing arrays). */
  version: number
  series: readonly ChartSeries[]
  formatValue: (value: number) => string
  /** The y axis reaches at least this high, so a quiet container doesn't look busy. */
  minTop: number
}

const PLOT_HEIGHT = 150
const MIN_WINDOW_SECONDS = 60

function cssColor(element: Element, variable: string, fallback: string): string {
  return getComputedStyle(element).getPropertyValue(variable).trim() || fallback
}

function pick(columns: HistoryColumns, series: readonly ChartSeries[]): uPlot.AlignedData {
  return [columns[0], ...series.map((entry) => columns[entry.column])] as uPlot.AlignedData
}

export function StatsChart({ title, summary, columns, version, series, formatValue, minTop }: StatsChartProps): ReactElement {
  const titleId = useId()
  const summaryId = useId()
  const plotRef = useRef<HTMLDivElement>(null)
  const chartRef = useRef<uPlot | null>(null)
  const dark = useDarkMode()
  // The latest inputs, read by the chart's callbacks without rebuilding it.
  const latest = useRef({ columns, formatValue, minTop })
  latest.current = { columns, formatValue, minTop }

  useEffect(() => {
    const target = plotRef.current
    if (!target) return
    const axisColor = cssColor(target, '--chart-axis', '#8a93a3')
    const gridColor = cssColor(target, '--chart-grid', '#dfe2e8')
    const axis = (values: uPlot.Axis['values']): uPlot.Axis => ({
      stroke: axisColor,
      grid: { stroke: gridColor, width: 1 },
      ticks: { stroke: gridColor, width: 1 },
      font: '11px system-ui, sans-serif',
      values
    })
    const options: uPlot.Options = {
      width: Math.max(target.clientWidth, 200),
      height: PLOT_HEIGHT,
      legend: { show: false },
      cursor: { show: false },
      scales: {
        // At least a minute wide, so a fresh chart doesn't stretch two samples across the axis.
        x: { time: true, range: (_chart, min, max) => [Math.min(min, max - MIN_WINDOW_SECONDS), max] },
        y: { range: (_chart, _min, max) => [0, Math.max(max, latest.current.minTop) * 1.1] }
      },
      axes: [axis(undefined), { ...axis((_chart, splits) => splits.map((value) => latest.current.formatValue(value))), size: 64 }],
      series: [
        {},
        ...series.map((entry) => ({
          label: entry.label,
          stroke: cssColor(target, entry.colorVar, '#2563eb'),
          width: 1.5,
          dash: entry.dashed ? [6, 4] : undefined,
          spanGaps: false,
          points: { show: false }
        }))
      ]
    }
    const chart = new uPlot(options, pick(latest.current.columns, series), target)
    chartRef.current = chart
    // Hidden tabs are display:none (width 0): resize only to a real width once shown again.
    const observer = new ResizeObserver(() => {
      if (target.clientWidth > 0) chart.setSize({ width: target.clientWidth, height: PLOT_HEIGHT })
    })
    observer.observe(target)
    return () => {
      observer.disconnect()
      chart.destroy()
      chartRef.current = null
    }
  }, [dark, series])

  useEffect(() => {
    chartRef.current?.setData(pick(columns, series))
  }, [version, columns, series])

  return (
    <figure className="stats-chart" role="group" aria-labelledby={titleId} aria-describedby={summaryId}>
      <figcaption className="stats-chart-head">
        <span id={titleId} className="stats-chart-title">
          {title}
        </span>
        <span id={summaryId} className="stats-chart-summary" aria-live="off">
          {summary}
        </span>
      </figcaption>
      <div ref={plotRef} className="stats-chart-plot" aria-hidden="true" />
      <ul className="stats-legend" aria-hidden="true">
        {series.map((entry) => (
          <li key={entry.label} className={`stats-legend-item stats-legend-${entry.colorVar.replace(/^--chart-/, '')}${entry.dashed ? ' is-dashed' : ''}`}>
            {entry.label}
          </li>
        ))}
      </ul>
    </figure>
  )
}
