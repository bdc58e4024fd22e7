/** volumes.*: read-only in this slice. */
import type { EngineRegistry } from '../engine/registry'
import type { PartialHandlers } from '../rpc/handlers'

export function volumeHandlers(engines: EngineRegistry): PartialHandlers<'volumes.list'> {
  return {
    'volumes.list': async (_input, signal) => (await engines.whenActive(signal)).listVolumes(signal)
  }
}
