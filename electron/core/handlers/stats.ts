/**
 * containers.stats (one container, every sample) and containers.statsMany (the list's visible
 * rows: the latest sample per container, flushed together). Both stop their engine responses
 * when the subscription is cancelled — the signal is passed down to each follow().
 */
import type { ContainerStatsSample, StatsSample } from '../../../shared/stats-models'
import { engineStatus } from '../engine/failures'
import type { EngineRegistry } from '../engine/registry'
import type { PartialHandlers } from '../rpc/handlers'

type StatsMethods = 'containers.stats' | 'containers.statsMany'

/**
 * How often statsMany sends what arrived: the latest sample per container, the rest merged.
 * The engine samples each container once a second; a sparkline is a trend over a minute, so
 * every other second is plenty — and halves the repainting of 50 rows (measured: bench stats).
 */
export const STATS_MANY_FLUSH_MS = 2000

export function statsHandlers(engines: EngineRegistry): PartialHandlers<StatsMethods> {
  const engine = (signal: AbortSignal) => engines.whenActive(signal)
  return {
    'containers.stats': async ({ id }, emit, signal) => {
      await (await engine(signal)).stats.follow(id, emit, signal)
    },

    'containers.statsMany': async ({ ids }, emit, signal) => {
      const client = await engine(signal)
      const latest = new Map<string, StatsSample>()
      const flush = (): void => {
        for (const [id, sample] of latest) emit({ id, sample } satisfies ContainerStatsSample)
        latest.clear()
      }
      const timer = setInterval(flush, STATS_MANY_FLUSH_MS)
      const failures: unknown[] = []
      const unique = [...new Set(ids)]
      try {
        await Promise.all(
          unique.map((id) =>
            client.stats.follow(id, (sample) => latest.set(id, sample), signal).catch((err: unknown) => {
              // A row whose container was removed meanwhile just gets no sparkline; the list
              // learns about the removal from the events stream.
              if (engineStatus(err) !== 404) failures.push(err)
            })
          )
        )
      } finally {
        clearInterval(timer)
      }
      if (signal.aborted) return
      flush()
      // Every container stopped or vanished: a normal end. Only a broken engine is an error.
      if (failures.length > 0) throw failures[0]
    }
  }
}
