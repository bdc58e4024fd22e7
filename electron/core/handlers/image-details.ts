/** images.inspect and images.layerTree on the active engine: thin adapters over ImageDetailsApi. */
import type { imageDetailsMethods } from '../../../shared/methods/image-details'
import type { PartialHandlers } from '../rpc/handlers'
import type { CoreServices } from '../services'

export function imageDetailsHandlers({ engines }: CoreServices): PartialHandlers<keyof typeof imageDetailsMethods> {
  return {
    'images.inspect': async ({ id }, signal) => (await engines.whenActive(signal)).imageDetails.inspect(id, signal),
    'images.layerTree': async (_input, signal) => (await engines.whenActive(signal)).imageDetails.layerTree(signal)
  }
}
