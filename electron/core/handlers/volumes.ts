/** volumes.*: read-only in this slice. */
import type { EngineRegistry } from '../engine/registry'
import type { volumeMethods } from '../../../shared/methods/volumes'
import type { PartialHandlers } from '../rpc/handlers'

export function volumeHandlers(engines: EngineRegistry): PartialHandlers<keyof typeof volumeMethods> {
  return {
    'volumes.list': async (_input, signal) => (await engines.whenActive(signal)).listVolumes(signal)
  }
}
