/** Handlers for shared/methods/disk.ts. Empty until that area lands. */
import type { diskMethods } from '../../../shared/methods/disk'
import type { PartialHandlers } from '../rpc/handlers'
import type { CoreServices } from '../services'

export function diskHandlers(_services: CoreServices): PartialHandlers<keyof typeof diskMethods> {
  return {}
}
