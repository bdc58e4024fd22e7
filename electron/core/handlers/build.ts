/** Handlers for shared/methods/build.ts. Empty until that area lands. */
import type { buildMethods } from '../../../shared/methods/build'
import type { PartialHandlers } from '../rpc/handlers'
import type { CoreServices } from '../services'

export function buildHandlers(_services: CoreServices): PartialHandlers<keyof typeof buildMethods> {
  return {}
}
