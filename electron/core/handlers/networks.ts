/** networks.*: read-only in this slice. */
import type { EngineRegistry } from '../engine/registry'
import type { PartialHandlers } from '../rpc/handlers'

export function networkHandlers(engines: EngineRegistry): PartialHandlers<'networks.list'> {
  return {
    'networks.list': async (_input, signal) => (await engines.whenActive(signal)).listNetworks(signal)
  }
}
