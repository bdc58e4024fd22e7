/** networks.*: thin adapters over the engine's NetworksApi. */
import type { networkMethods } from '../../../shared/methods/networks'
import type { EngineRegistry } from '../engine/registry'
import type { PartialHandlers } from '../rpc/handlers'

export function networkHandlers(engines: EngineRegistry): PartialHandlers<keyof typeof networkMethods> {
  const engine = (signal: AbortSignal) => engines.whenActive(signal)
  const done = { ok: true } as const
  return {
    'networks.list': async (_input, signal) => (await engine(signal)).networks.list(signal),
    'networks.usage': async (_input, signal) => (await engine(signal)).networks.usage(signal),
    'networks.drivers': async (_input, signal) => (await engine(signal)).networks.drivers(signal),
    'networks.create': async (input, signal) => (await engine(signal)).networks.create(input, signal),
    'networks.inspect': async ({ id }, signal) => (await engine(signal)).networks.inspect(id, signal),
    'networks.connect': async (input, signal) => {
      await (await engine(signal)).networks.connect(input, signal)
      return done
    },
    'networks.disconnect': async ({ network, container, force }, signal) => {
      await (await engine(signal)).networks.disconnect(network, container, force ?? false, signal)
      return done
    },
    'networks.remove': async ({ id }, signal) => {
      await (await engine(signal)).networks.remove(id, signal)
      return done
    },
    'networks.prunePreview': async ({ label }, signal) => (await engine(signal)).networks.prunePreview(label, signal),
    'networks.prune': async ({ ids }, signal) => (await engine(signal)).networks.prune([...new Set(ids)], signal)
  }
}
