/**
 * The engine's raw stats JSON (GET /containers/{id}/stats) → StatsSample. Pure functions so the
 * arithmetic is tested on real samples from cgroup v1 and v2 engines. The formulas are the ones
 * `docker stats` uses, so Berth and the CLI show the same numbers.
 */
import type { StatsSample } from '../../../shared/stats-models'

/** The parts of the engine's stats JSON we read. Every field is optional: v1, v2 and stopped containers differ. */
export interface EngineStatsJson {
  read?: string
  preread?: string
  pids_stats?: { current?: number }
  blkio_stats?: { io_service_bytes_recursive?: Array<{ op?: string; value?: number }> | null }
  cpu_stats?: EngineCpuStats
  precpu_stats?: EngineCpuStats
  memory_stats?: { usage?: number; limit?: number; stats?: Record<string, number> }
  networks?: Record<string, { rx_bytes?: number; tx_bytes?: number }>
}

interface EngineCpuStats {
  cpu_usage?: { total_usage?: number; percpu_usage?: number[] | null }
  system_cpu_usage?: number
  online_cpus?: number
}

/** Counters of the previous sample of the same stream, for rates. */
export interface StatsCounters {
  timestampMs: number
  networkRxBytes: number
  networkTxBytes: number
  blockReadBytes: number
  blockWriteBytes: number
}

/** The engine's "zero time": what it sends for a container that is not running. */
const ZERO_TIME_PREFIX = '0001-01-01'

/**
 * CPU % of one core over the interval between precpu_stats and cpu_stats. Null when there is no
 * previous reading (the first sample of a stream has an empty precpu_stats).
 */
export function cpuPercent(json: EngineStatsJson): number | null {
  const now = json.cpu_stats
  const before = json.precpu_stats
  const beforeSystem = before?.system_cpu_usage ?? 0
  if (!now || beforeSystem === 0) return null
  const cpuDelta = (now.cpu_usage?.total_usage ?? 0) - (before?.cpu_usage?.total_usage ?? 0)
  const systemDelta = (now.system_cpu_usage ?? 0) - beforeSystem
  if (systemDelta <= 0) return null
  if (cpuDelta <= 0) return 0
  return (cpuDelta / systemDelta) * onlineCpus(json) * 100
}

/** cgroup v2 and newer v1 engines say online_cpus; older v1 ones only list per-CPU usage. */
export function onlineCpus(json: EngineStatsJson): number {
  const reported = json.cpu_stats?.online_cpus ?? 0
  if (reported > 0) return reported
  return json.cpu_stats?.cpu_usage?.percpu_usage?.length ?? 0
}

/**
 * Memory in use without reclaimable page cache: v1 subtracts total_inactive_file, v2
 * inactive_file (what `docker stats` does since 20.10), never going below zero.
 */
export function memoryUsedBytes(json: EngineStatsJson): number {
  const usage = json.memory_stats?.usage ?? 0
  const stats = json.memory_stats?.stats ?? {}
  const v1Inactive = stats.total_inactive_file
  if (v1Inactive !== undefined && v1Inactive < usage) return usage - v1Inactive
  const v2Inactive = stats.inactive_file
  if (v2Inactive !== undefined && v2Inactive < usage) return usage - v2Inactive
  return usage
}

export function networkTotals(json: EngineStatsJson): { rx: number; tx: number } {
  let rx = 0
  let tx = 0
  for (const iface of Object.values(json.networks ?? {})) {
    rx += iface.rx_bytes ?? 0
    tx += iface.tx_bytes ?? 0
  }
  return { rx, tx }
}

/** v1 writes ops as "Read"/"Write", v2 as "read"/"write"; other ops (Sync, Total…) are skipped. */
export function blockTotals(json: EngineStatsJson): { read: number; write: number } {
  let read = 0
  let write = 0
  for (const entry of json.blkio_stats?.io_service_bytes_recursive ?? []) {
    const op = entry.op?.toLowerCase()
    if (op === 'read') read += entry.value ?? 0
    else if (op === 'write') write += entry.value ?? 0
  }
  return { read, write }
}

/** Bytes per second between two counter readings; null without a usable earlier reading. */
function rate(now: number, before: number | undefined, seconds: number | undefined): number | null {
  if (before === undefined || seconds === undefined || seconds <= 0) return null
  // A counter that went backwards (interface recreated, container restarted) has no rate.
  if (now < before) return null
  return (now - before) / seconds
}

/**
 * One sample, or undefined when the engine sent its "not running" placeholder (zero read time).
 * `previous` is the last sample of the same stream; the result's counters become the next one.
 */
export function toStatsSample(json: EngineStatsJson, previous?: StatsCounters): StatsSample | undefined {
  if (!json.read || json.read.startsWith(ZERO_TIME_PREFIX)) return undefined
  const timestampMs = Date.parse(json.read)
  if (Number.isNaN(timestampMs)) return undefined
  const network = networkTotals(json)
  const block = blockTotals(json)
  const seconds = previous ? (timestampMs - previous.timestampMs) / 1000 : undefined
  const pids = json.pids_stats?.current
  return {
    timestampMs,
    cpuPercent: cpuPercent(json),
    onlineCpus: onlineCpus(json),
    memoryUsedBytes: memoryUsedBytes(json),
    memoryLimitBytes: json.memory_stats?.limit ?? 0,
    networkRxBytes: network.rx,
    networkTxBytes: network.tx,
    networkRxBytesPerSecond: rate(network.rx, previous?.networkRxBytes, seconds),
    networkTxBytesPerSecond: rate(network.tx, previous?.networkTxBytes, seconds),
    blockReadBytes: block.read,
    blockWriteBytes: block.write,
    blockReadBytesPerSecond: rate(block.read, previous?.blockReadBytes, seconds),
    blockWriteBytesPerSecond: rate(block.write, previous?.blockWriteBytes, seconds),
    pids: typeof pids === 'number' ? pids : null
  }
}
