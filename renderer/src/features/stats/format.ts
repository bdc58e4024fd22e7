/** Wording for stats numbers, shared by the tab's summaries and the list's sparklines. */
import { formatBytes } from '../../lib/format'
import type { StatsSample } from '../../../../shared/stats-models'

export function formatPercent(value: number): string {
  return `${value.toFixed(value < 10 ? 1 : 0)} %`
}

export function formatRate(bytesPerSecond: number | null): string {
  return bytesPerSecond === null ? '—' : `${formatBytes(bytesPerSecond)}/s`
}

export function memoryPercent(sample: StatsSample): number | null {
  return sample.memoryLimitBytes > 0 ? (sample.memoryUsedBytes / sample.memoryLimitBytes) * 100 : null
}

export function cpuSummary(sample: StatsSample | null): string {
  if (!sample) return 'No sample yet.'
  const cpus = `${sample.onlineCpus} CPU${sample.onlineCpus === 1 ? '' : 's'}`
  if (sample.cpuPercent === null) return `Measuring… (${cpus})`
  return `${formatPercent(sample.cpuPercent)} of one core (${cpus})`
}

export function memorySummary(sample: StatsSample | null): string {
  if (!sample) return 'No sample yet.'
  const share = memoryPercent(sample)
  const percent = share === null ? '' : ` (${formatPercent(share)})`
  return `${formatBytes(sample.memoryUsedBytes)} of ${formatBytes(sample.memoryLimitBytes)} limit${percent}`
}

export function networkSummary(sample: StatsSample | null): string {
  if (!sample) return 'No sample yet.'
  return `In ${formatRate(sample.networkRxBytesPerSecond)}, out ${formatRate(sample.networkTxBytesPerSecond)} · total ${formatBytes(sample.networkRxBytes)} in, ${formatBytes(sample.networkTxBytes)} out`
}

export function blockSummary(sample: StatsSample | null): string {
  if (!sample) return 'No sample yet.'
  return `Read ${formatRate(sample.blockReadBytesPerSecond)}, write ${formatRate(sample.blockWriteBytesPerSecond)} · total ${formatBytes(sample.blockReadBytes)} read, ${formatBytes(sample.blockWriteBytes)} written`
}

/** One line for the list: "CPU 1.2 %, memory 3.4 MB of 64 MB". */
export function sparklineLabel(sample: StatsSample | null): string {
  if (!sample) return 'Waiting for stats'
  const cpu = sample.cpuPercent === null ? 'CPU measuring' : `CPU ${formatPercent(sample.cpuPercent)}`
  return `${cpu}, memory ${formatBytes(sample.memoryUsedBytes)} of ${formatBytes(sample.memoryLimitBytes)}`
}
