/**
 * The upload store and download pacer shared by the files and snapshots handlers. One pair per
 * handler table (keyed by its engine registry), so separate cores — tests make many — never
 * see each other's uploads.
 */
import { DownloadPacer } from '../downloads'
import type { EngineRegistry } from '../engine/registry'
import { UploadStore } from '../uploads'

export interface Transfers {
  uploads: UploadStore
  downloads: DownloadPacer
}

const byRegistry = new WeakMap<EngineRegistry, Transfers>()

export function transfersFor(engines: EngineRegistry): Transfers {
  let transfers = byRegistry.get(engines)
  if (!transfers) {
    transfers = { uploads: new UploadStore(), downloads: new DownloadPacer() }
    byRegistry.set(engines, transfers)
  }
  return transfers
}
