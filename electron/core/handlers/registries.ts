/** Handlers for shared/methods/registries.ts. Empty until that area lands. */
import type { registryMethods } from '../../../shared/methods/registries'
import type { PartialHandlers } from '../rpc/handlers'
import type { CoreServices } from '../services'

export function registryHandlers(_services: CoreServices): PartialHandlers<keyof typeof registryMethods> {
  return {}
}
