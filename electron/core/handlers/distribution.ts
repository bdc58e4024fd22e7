/** Handlers for shared/methods/distribution.ts. Empty until that area lands. */
import type { distributionMethods } from '../../../shared/methods/distribution'
import type { PartialHandlers } from '../rpc/handlers'
import type { CoreServices } from '../services'

export function distributionHandlers(_services: CoreServices): PartialHandlers<keyof typeof distributionMethods> {
  return {}
}
