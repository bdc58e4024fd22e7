/** engines.*: which engines exist, which one is active, and what it is. */
import type { EngineRegistry } from '../engine/registry'
import type { PartialHandlers } from '../rpc/handlers'

export function engineHandlers(engines: EngineRegistry): PartialHandlers<'engines.list' | 'engines.use' | 'engines.info'> {
  return {
    'engines.list': async () => engines.list(),
    'engines.use': async ({ id }) => engines.use(id),
    'engines.info': async (_input, signal) => (await engines.whenActive(signal)).info(signal)
  }
}
