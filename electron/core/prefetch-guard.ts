/**
 * When a prefetched list read (rpc/prefetch.ts) may be used: the active engine is still the one
 * it read, its connection state is unchanged, and the engine reported nothing that changes a list
 * (exec, top and resize floods don't) since the read began.
 */
import type { EngineRegistry } from './engine/registry'
import { isNoisyAction } from './handlers/events'
import type { PrefetchGuard } from './rpc/prefetch'

export function prefetchGuardFor(engines: EngineRegistry): () => PrefetchGuard {
  return () => {
    const atStart = engines.activeSummary()
    let changed = false
    const offEvents = engines.onEngineEvent((engineId, event) => {
      if (engineId === atStart.id && !isNoisyAction(event.action)) changed = true
    })
    const offChange = engines.onChange((engine) => {
      if (engine.active !== (engine.id === atStart.id) || (engine.active && engine.state !== atStart.state)) changed = true
    })
    return {
      stillFresh: () => !changed && engines.activeSummary().id === atStart.id,
      dispose: () => {
        offEvents()
        offChange()
      }
    }
  }
}
