/**
 * Reads the engine's pull/push progress lines (JSON, one per line) into layer states. The engine
 * words each step for its own CLI ("Pulling fs layer", "Verifying Checksum", "Mounted from …");
 * this turns them into the contract's LayerState and keeps what the final event needs (digest,
 * "up to date", the pushed tag's digest and size) and the engine's error line, if any.
 */
import {
  FINISHED_LAYER_STATES,
  progressFraction,
  type LayerProgress,
  type LayerState,
  type TransferProgress,
  type TransferTotals
} from '../../../shared/distribution-models'

/** One line of /images/create or /images/{name}/push as the engine sends it. */
export interface EngineProgressLine {
  status?: string
  id?: string
  progressDetail?: { current?: number; total?: number; units?: string }
  error?: string
  errorDetail?: { message?: string; code?: number }
  aux?: { Tag?: string; Digest?: string; Size?: number }
}

export type Direction = 'pull' | 'push'

const PULL_STATES: Record<string, LayerState> = {
  'Pulling fs layer': 'waiting',
  Waiting: 'waiting',
  Downloading: 'downloading',
  'Verifying Checksum': 'verifying',
  'Download complete': 'downloaded',
  Extracting: 'extracting',
  'Pull complete': 'done',
  'Already exists': 'exists'
}

const PUSH_STATES: Record<string, LayerState> = {
  Preparing: 'preparing',
  Waiting: 'waiting',
  Pushing: 'pushing',
  Pushed: 'pushed',
  'Layer already exists': 'exists'
}

/** Layer ids are short hex ids; the first pull line carries the tag in `id` instead. */
const LAYER_ID = /^[0-9a-f]{12,64}$/
/** Bounds memory for a stream that names endless "layers" (a broken or hostile engine). */
const MAX_LAYERS = 1000

function layerStateOf(direction: Direction, status: string): LayerState | undefined {
  if (direction === 'push') return PUSH_STATES[status] ?? (status.startsWith('Mounted from ') ? 'mounted' : undefined)
  return PULL_STATES[status] ?? (/^Retrying in \d+ seconds?$/.test(status) ? 'waiting' : undefined)
}

function byteCount(value: number | undefined): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 ? value : undefined
}

export class ProgressTracker {
  private readonly layers = new Map<string, LayerProgress>()
  status: string | null = null
  /** The manifest digest ("Digest: sha256:…" when pulling, aux.Digest when pushing). */
  digest: string | null = null
  upToDate = false
  pushedSize: number | null = null
  /** The engine's error line: the transfer failed even though the HTTP status was 200. */
  error: string | null = null

  /** `onChange` is told when something a person sees changed (the caller paces what it sends). */
  constructor(
    readonly direction: Direction,
    private readonly onChange: () => void = () => {}
  ) {}

  /** Takes one parsed line. */
  apply(line: EngineProgressLine): void {
    if (this.read(line)) this.onChange()
  }

  private read(line: EngineProgressLine): boolean {
    if (line.errorDetail?.message || line.error) {
      this.error = line.errorDetail?.message ?? line.error ?? 'unknown error'
      return true
    }
    if (line.aux?.Digest) {
      this.digest = line.aux.Digest
      this.pushedSize = byteCount(line.aux.Size) ?? null
      return false
    }
    const status = line.status
    if (!status) return false
    const state = layerStateOf(this.direction, status)
    if (state && line.id && LAYER_ID.test(line.id)) return this.applyLayer(line.id, state, line.progressDetail)
    this.applyGeneral(status)
    return true
  }

  /**
   * The engine finished the transfer without an error: every layer is in place. Podman 4.3 ends
   * each pulled layer at "Download complete" (it never says "Pull complete"), which would leave
   * the bar at half of each layer's work, and "1 of 6 layers done", under "Pulled …".
   */
  finish(): void {
    const finished: LayerState = this.direction === 'pull' ? 'done' : 'pushed'
    let changed = false
    for (const layer of this.layers.values()) {
      if (FINISHED_LAYER_STATES.has(layer.state)) continue
      layer.state = finished
      layer.currentBytes = layer.totalBytes ?? 0
      changed = true
    }
    if (changed) this.onChange()
  }

  snapshot(): TransferProgress {
    const layers = [...this.layers.values()].map((layer) => ({ ...layer }))
    return { kind: 'progress', layers, totals: this.totals(layers), status: this.status }
  }

  private applyLayer(id: string, state: LayerState, detail: EngineProgressLine['progressDetail']): boolean {
    let layer = this.layers.get(id)
    if (!layer) {
      if (this.layers.size >= MAX_LAYERS) return false
      layer = { id, state, currentBytes: 0, totalBytes: null }
      this.layers.set(id, layer)
    }
    layer.state = state
    const total = byteCount(detail?.total)
    // "Extracting" may count seconds instead of bytes on some engines (units: "s"): keep bytes only.
    const current = detail?.units && detail.units !== 'B' ? undefined : byteCount(detail?.current)
    if (total !== undefined && total > 0) layer.totalBytes = total
    if (state === 'downloading' || state === 'extracting' || state === 'pushing') {
      // The engine's push total is the uncompressed size and its count can pass it a little.
      layer.currentBytes = current === undefined ? 0 : layer.totalBytes !== null ? Math.min(current, layer.totalBytes) : current
    } else {
      layer.currentBytes = FINISHED_LAYER_STATES.has(state) || state === 'verifying' || state === 'downloaded' ? (layer.totalBytes ?? 0) : 0
    }
    return true
  }

  private applyGeneral(status: string): void {
    const digest = /^Digest: (\S+:[0-9a-fA-F]+)/.exec(status)
    if (digest) this.digest = digest[1]
    if (status.startsWith('Status: Image is up to date')) this.upToDate = true
    // "v1: digest: sha256:… size: 1161", the push's last words (aux carries the same).
    const pushed = /^\S+: digest: (\S+:[0-9a-fA-F]+) size: (\d+)/.exec(status)
    if (pushed) {
      this.digest = pushed[1]
      this.pushedSize = Number(pushed[2])
    }
    this.status = status
  }

  private totals(layers: LayerProgress[]): TransferTotals {
    let bytesDone = 0
    let bytesTotal = 0
    let layersDone = 0
    for (const layer of layers) {
      if (FINISHED_LAYER_STATES.has(layer.state)) layersDone += 1
      // Layers the other side already had move no bytes: they count in layers, not in bytes.
      if (layer.state === 'exists' || layer.state === 'mounted' || layer.totalBytes === null) continue
      bytesTotal += layer.totalBytes
      bytesDone += this.bytesMoved(layer)
    }
    return { bytesDone, bytesTotal, layers: layers.length, layersDone, fraction: progressFraction(layers, this.direction === 'pull') }
  }

  /** Download or upload bytes only: extraction re-reads bytes already counted. */
  private bytesMoved(layer: LayerProgress): number {
    const total = layer.totalBytes ?? 0
    switch (layer.state) {
      case 'downloading':
      case 'pushing':
        return layer.currentBytes
      case 'verifying':
      case 'downloaded':
      case 'extracting':
      case 'done':
      case 'pushed':
        return total
      default:
        return 0
    }
  }
}
