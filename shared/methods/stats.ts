/** Stats streams: one container (the Stats tab) and many (sparklines for the list's visible rows). */
import { z } from 'zod'
import { ObjectRef } from '../models'
import { ContainerStatsSample, StatsSample } from '../stats-models'
import { stream } from '../spec'
import { MAX_STATS_MANY_IDS } from '../stats-limits'

export { MAX_STATS_MANY_IDS }

export const statsMethods = {
  /** Samples as the engine sends them (~1/s) until cancelled or the container stops. */
  'containers.stats': stream(z.object({ id: ObjectRef }).strict(), StatsSample),
  /** The latest sample per container, flushed together every 2 s (see STATS_MANY_FLUSH_MS). */
  'containers.statsMany': stream(
    z
      .object({
        ids: z
          .array(ObjectRef)
          .min(1, 'ask for at least one container')
          .max(MAX_STATS_MANY_IDS, `at most ${MAX_STATS_MANY_IDS} containers at once`)
      })
      .strict(),
    ContainerStatsSample
  )
} as const
