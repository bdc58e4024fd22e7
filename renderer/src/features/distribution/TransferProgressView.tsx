/**
 * A pull's or push's progress: the overall bar (how far, bytes, speed, layers done) and one row
 * per layer with its state in words and a bar for the phase it is in (download, extraction or
 * upload). Speed is worked out here from the byte counts of successive snapshots.
 */
import type { ReactElement } from 'react'
import { FINISHED_LAYER_STATES, type LayerProgress, type TransferProgress } from '../../../../shared/distribution-models'
import { formatBytes } from '../../lib/format'
import { LAYER_WORDS, formatSpeed } from './layerWords'
import { ProgressBar } from './ProgressBar'
import { useSpeed } from './useSpeed'

const PHASE_STATES = new Set(['downloading', 'extracting', 'pushing'])
const COMPLETE_DOWNLOAD_STATES = new Set(['verifying', 'downloaded'])

function LayerRow({ layer }: { layer: LayerProgress }): ReactElement {
  const finished = FINISHED_LAYER_STATES.has(layer.state)
  const inPhase = PHASE_STATES.has(layer.state) && layer.totalBytes !== null
  const full = finished || COMPLETE_DOWNLOAD_STATES.has(layer.state)
  const value = full ? 1 : inPhase ? layer.currentBytes : 0
  const max = full ? 1 : inPhase ? (layer.totalBytes ?? 1) : 1
  const bytes = inPhase ? `${formatBytes(layer.currentBytes)} of ${formatBytes(layer.totalBytes ?? 0)}` : layer.totalBytes ? formatBytes(layer.totalBytes) : ''
  const words = LAYER_WORDS[layer.state]
  return (
    <li className={`dist-layer${finished ? ' is-finished' : ''}`}>
      <span className="dist-layer-id mono">{layer.id.slice(0, 12)}</span>
      <span className="dist-layer-state">{words}</span>
      <ProgressBar label={`Layer ${layer.id.slice(0, 12)}`} value={value} max={max} valueText={bytes ? `${words}, ${bytes}` : words} tone={finished ? 'ok' : 'accent'} />
      <span className="dist-layer-bytes">{bytes}</span>
    </li>
  )
}

export interface TransferProgressViewProps {
  progress: TransferProgress | null
  verb: 'pull' | 'push'
  /** Set once the transfer is done: the speed shown is then the average over the whole of it. */
  elapsedMs?: number
}

export function TransferProgressView({ progress, verb, elapsedMs }: TransferProgressViewProps): ReactElement {
  const totals = progress?.totals ?? null
  const recent = useSpeed(totals ? totals.bytesDone : null, progress)
  const average = totals && elapsedMs ? (totals.bytesDone * 1000) / elapsedMs : null
  const percent = totals ? Math.floor(totals.fraction * 100) : 0
  const unsized = progress ? progress.layers.filter((layer) => layer.totalBytes === null && !FINISHED_LAYER_STATES.has(layer.state)).length : 0
  const speed = elapsedMs !== undefined ? average : recent
  const speedText = speed !== null && speed > 0 ? `${formatSpeed(speed)}${elapsedMs !== undefined ? ' on average' : ''}` : null
  const figures = totals
    ? [
        // No size known (yet, or ever: Podman's pulls name no sizes) is not "0 B of 0 B".
        totals.bytesTotal > 0 ? `${formatBytes(totals.bytesDone)} of ${formatBytes(totals.bytesTotal)}${unsized > 0 ? ' so far' : ''}` : null,
        speedText,
        `${totals.layersDone} of ${totals.layers} layers done`
      ].filter((part): part is string => part !== null)
    : []
  return (
    <div className="dist-progress">
      <div className="dist-overall">
        <div className="dist-overall-head">
          <span className="dist-overall-label">Overall</span>
          <span className="dist-overall-percent">{totals ? `${percent}%` : verb === 'pull' ? 'Contacting the registry…' : 'Preparing…'}</span>
        </div>
        <ProgressBar label="Overall progress" value={totals ? percent : null} max={100} valueText={totals ? `${percent}%, ${figures.join(', ')}` : 'starting'} size="thick" />
        <div className="dist-overall-figures" aria-live="off">
          {figures.join(' · ')}
        </div>
      </div>
      {progress && progress.layers.length > 0 ? (
        <ul className="dist-layers" aria-label="Layers">
          {progress.layers.map((layer) => (
            <LayerRow key={layer.id} layer={layer} />
          ))}
        </ul>
      ) : null}
    </div>
  )
}
