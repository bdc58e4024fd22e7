/**
 * The HTTP transfers of one core, shared by the handlers that start transfers and the
 * browser-mode server that serves them (keyed by the core's engine registry, as handlers/transfers.ts
 * keys uploads, so separate cores — tests make many — never see each other's tickets).
 */
import type { EngineRegistry } from '../engine/registry'
import { HttpTransfers } from './http-transfers'

const byRegistry = new WeakMap<EngineRegistry, HttpTransfers>()

export function httpTransfersFor(engines: EngineRegistry): HttpTransfers {
  let transfers = byRegistry.get(engines)
  if (!transfers) {
    transfers = new HttpTransfers()
    byRegistry.set(engines, transfers)
  }
  return transfers
}

export { HttpTransfers, TRANSFER_PATH_PREFIX } from './http-transfers'
