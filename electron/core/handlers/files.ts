/** files handlers (issue 3). */
import type { EngineRegistry } from '../engine/registry'
import type { PartialHandlers } from '../rpc/handlers'

export function filesHandlers(_engines: EngineRegistry): PartialHandlers<never> {
  return {}
}
