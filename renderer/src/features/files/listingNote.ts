import type { DirListing } from '../../../../shared/files-models'
import { formatBytes } from '../../lib/format'

/**
 * What a listing through the archive API cost, in words: the engine sends everything below the
 * folder, so a stopped container's big folder is read only up to a cap (a running one is listed
 * by exec, one level, and needs no note).
 */
export function listingCostNote(listing: DirListing): string | null {
  if (listing.partial) {
    return `Berth stopped reading after ${formatBytes(listing.scannedBytes)}, so some items may be missing: for a stopped container the engine sends everything below this folder. Start the container to list it in full. `
  }
  if (listing.readBy !== 'exec' && listing.scannedBytes > 50_000_000) {
    return `Reading this folder meant reading ${formatBytes(listing.scannedBytes)}: the engine sends everything below it. `
  }
  return null
}
