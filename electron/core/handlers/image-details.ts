/** Handlers for shared/methods/image-details.ts. Empty until that area lands. */
import type { imageDetailsMethods } from '../../../shared/methods/image-details'
import type { PartialHandlers } from '../rpc/handlers'
import type { CoreServices } from '../services'

export function imageDetailsHandlers(_services: CoreServices): PartialHandlers<keyof typeof imageDetailsMethods> {
  return {}
}
