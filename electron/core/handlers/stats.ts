/** stats handlers (issue 3). */
import type { EngineRegistry } from '../engine/registry'
import type { PartialHandlers } from '../rpc/handlers'

export function statsHandlers(_engines: EngineRegistry): PartialHandlers<never> {
  return {}
}
