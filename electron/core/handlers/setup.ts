/** Handlers for shared/methods/setup.ts. Empty until that area lands. */
import type { setupMethods } from '../../../shared/methods/setup'
import type { PartialHandlers } from '../rpc/handlers'
import type { CoreServices } from '../services'

export function setupHandlers(_services: CoreServices): PartialHandlers<keyof typeof setupMethods> {
  return {}
}
