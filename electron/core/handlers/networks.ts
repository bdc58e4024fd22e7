/** networks.*: read-only in this slice. */
import type { EngineRegistry } from '../engine/registry'
import type { networkMethods } from '../../../shared/methods/networks'
import type { PartialHandlers } from '../rpc/handlers'

export function networkHandlers(engines: EngineRegistry): PartialHandlers<keyof typeof networkMethods> {
  return {
    'networks.list': async (_input, signal) => (await engines.whenActive(signal)).listNetworks(signal)
  }
}
