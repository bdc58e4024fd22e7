/** exec handlers (issue 3). */
import type { EngineRegistry } from '../engine/registry'
import type { PartialHandlers } from '../rpc/handlers'

export function execHandlers(_engines: EngineRegistry): PartialHandlers<never> {
  return {}
}
