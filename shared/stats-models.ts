/**
 * Stats DTOs: one sample of a container's resource use, computed in the main process from the
 * engine's raw cgroup numbers (so the renderer never sees cgroup v1/v2 differences).
 */
import { z } from 'zod'

const Bytes = z.number().nonnegative()
/** A rate needs two samples; the first one of a stream has none (null). */
const BytesPerSecond = z.number().nonnegative().nullable()

export const StatsSample = z.object({
  /** When the engine read the numbers (ms since the epoch). */
  timestampMs: z.number(),
  /** Percent of ONE core (200 % = two cores busy), as `docker stats` shows it; null on the first sample. */
  cpuPercent: z.number().nonnegative().nullable(),
  /** CPUs the container may run on (the host's online CPUs). */
  onlineCpus: z.number().int().nonnegative(),
  /** Usage minus reclaimable page cache (inactive_file), like `docker stats`. */
  memoryUsedBytes: Bytes,
  /** The container's memory limit; the host's memory when it has none. Follows `docker update`. */
  memoryLimitBytes: Bytes,
  networkRxBytes: Bytes,
  networkTxBytes: Bytes,
  networkRxBytesPerSecond: BytesPerSecond,
  networkTxBytesPerSecond: BytesPerSecond,
  blockReadBytes: Bytes,
  blockWriteBytes: Bytes,
  blockReadBytesPerSecond: BytesPerSecond,
  blockWriteBytesPerSecond: BytesPerSecond,
  /** Processes and threads; null when the engine doesn't report it. */
  pids: z.number().int().nonnegative().nullable()
})
export type StatsSample = z.infer<typeof StatsSample>

export const ContainerStatsSample = z.object({ id: z.string(), sample: StatsSample })
export type ContainerStatsSample = z.infer<typeof ContainerStatsSample>
