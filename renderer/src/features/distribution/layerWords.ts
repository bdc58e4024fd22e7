/** Words for layer states and transfer figures, shared by the pull and push dialogs. */
import type { LayerState } from '../../../../shared/distribution-models'
import { formatBytes } from '../../lib/format'

export const LAYER_WORDS: Record<LayerState, string> = {
  waiting: 'Waiting',
  downloading: 'Downloading',
  verifying: 'Verifying',
  downloaded: 'Downloaded, waiting to extract',
  extracting: 'Extracting',
  exists: 'Already exists',
  done: 'Done',
  preparing: 'Preparing',
  pushing: 'Pushing',
  pushed: 'Pushed',
  mounted: 'Already there (mounted)'
}

/** "12 MB/s" from bytes over milliseconds; nothing while there is too little to tell. */
export function formatSpeed(bytesPerSecond: number | null): string | null {
  if (bytesPerSecond === null || !Number.isFinite(bytesPerSecond)) return null
  return `${formatBytes(bytesPerSecond)}/s`
}

export function formatDuration(ms: number): string {
  const seconds = ms / 1000
  if (seconds < 10) return `${seconds.toFixed(1)} s`
  if (seconds < 90) return `${Math.round(seconds)} s`
  return `${Math.floor(seconds / 60)} min ${Math.round(seconds % 60)} s`
}
