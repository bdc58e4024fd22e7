/** images.*: list and remove, on the active engine. */
import type { EngineRegistry } from '../engine/registry'
import type { imageMethods } from '../../../shared/methods/images'
import type { PartialHandlers } from '../rpc/handlers'

export function imageHandlers(engines: EngineRegistry): PartialHandlers<keyof typeof imageMethods> {
  return {
    'images.list': async (_input, signal) => (await engines.whenActive(signal)).listImages(signal),
    'images.remove': async ({ id, force }, signal) => {
      await (await engines.whenActive(signal)).removeImage(id, { force })
      return { ok: true }
    }
  }
}
