/**
 * Pull, push and tag DTOs. A pull or push stream sends `progress` snapshots (every layer's state
 * and the totals), at most a few a second, then one `done` event. Snapshots rather than deltas:
 * each one stands alone, so coalescing them loses nothing and a late subscriber needs no history.
 */
import { z } from 'zod'
import { referenceProblem } from './reference'

/**
 * What one layer is doing, in the engine's order. Pull: waiting → downloading → verifying →
 * downloaded → extracting → done, or exists (already on this engine). Push: preparing →
 * waiting → pushing → pushed, or exists (already in the registry) / mounted (copied there from
 * another repository of the same registry).
 */
export const LAYER_STATES = ['waiting', 'downloading', 'verifying', 'downloaded', 'extracting', 'exists', 'done', 'preparing', 'pushing', 'pushed', 'mounted'] as const
export const LayerState = z.enum(LAYER_STATES)
export type LayerState = z.infer<typeof LayerState>

/** States after which a layer needs nothing more. */
export const FINISHED_LAYER_STATES: ReadonlySet<LayerState> = new Set(['exists', 'done', 'pushed', 'mounted'])

export const LayerProgress = z.object({
  /** The engine's short layer id (12 hex characters). */
  id: z.string(),
  state: LayerState,
  /** Bytes done in the current phase (download, extraction or upload); 0 while there is none. */
  currentBytes: z.number().nonnegative(),
  /** The layer's size once the engine says it (compressed for pulls, uncompressed for pushes). */
  totalBytes: z.number().nonnegative().nullable()
})
export type LayerProgress = z.infer<typeof LayerProgress>

export const TransferTotals = z.object({
  /** Bytes moved so far (downloaded or uploaded) over the layers whose size is known: what speed is computed from. */
  bytesDone: z.number().nonnegative(),
  /** Sum of the sizes known so far; layers still waiting have none yet. */
  bytesTotal: z.number().nonnegative(),
  layers: z.number().int().nonnegative(),
  layersDone: z.number().int().nonnegative(),
  /** 0…1, pull extraction counted as half of each layer's work; layers of unknown size weigh as the average known one. */
  fraction: z.number().min(0).max(1)
})
export type TransferTotals = z.infer<typeof TransferTotals>

const Progress = z.object({
  kind: z.literal('progress'),
  layers: z.array(LayerProgress),
  totals: TransferTotals,
  /** The engine's last general line, e.g. "Pulling from team/app" (for the status line). */
  status: z.string().nullable()
})
export type TransferProgress = z.infer<typeof Progress>

export const PullEvent = z.discriminatedUnion('kind', [
  Progress,
  z.object({
    kind: z.literal('done'),
    /** The familiar reference pulled, e.g. alpine:latest or 127.0.0.1:5000/team/app:v1. */
    reference: z.string(),
    imageId: z.string(),
    /** The manifest digest the registry served (null when the engine didn't say). */
    digest: z.string().nullable(),
    /** Nothing was downloaded: this engine had the image already. */
    upToDate: z.boolean()
  })
])
export type PullEvent = z.infer<typeof PullEvent>

export const PushEvent = z.discriminatedUnion('kind', [
  Progress,
  z.object({ kind: z.literal('done'), reference: z.string(), digest: z.string(), size: z.number().nullable() })
])
export type PushEvent = z.infer<typeof PushEvent>

export const TagResult = z.object({ reference: z.string() })
export type TagResult = z.infer<typeof TagResult>

/** A reference as typed, checked by the grammar with the same sentences the dialogs show. */
export const ReferenceText = z.string().superRefine((value, ctx) => {
  const problem = referenceProblem(value)
  if (problem) ctx.addIssue({ code: 'custom', message: problem })
})

/** A reference that names a tag (push and tag targets: a digest names content, it can't be given). */
export const TagReferenceText = ReferenceText.refine((value) => !value.includes('@'), {
  message: 'a digest can only be pulled: give a tag here (e.g. app:v2), not @sha256:…'
})

/**
 * How far a whole pull or push is, from its layers' states: each layer weighs its size (unknown
 * sizes weigh as the average known one), and in a pull extraction is half a layer's work, since
 * from a nearby registry it takes longer than the download.
 */
export function progressFraction(layers: readonly LayerProgress[], pull: boolean): number {
  if (layers.length === 0) return 0
  const sized = layers.filter((layer) => layer.totalBytes !== null && layer.totalBytes > 0)
  const average = sized.length > 0 ? sized.reduce((sum, layer) => sum + (layer.totalBytes ?? 0), 0) / sized.length : 1
  let done = 0
  let total = 0
  for (const layer of layers) {
    const weight = layer.totalBytes !== null && layer.totalBytes > 0 ? layer.totalBytes : average
    total += weight
    done += weight * layerFraction(layer, pull)
  }
  return total > 0 ? Math.min(1, done / total) : 0
}

/** A layer not yet finished never counts as whole: all bytes read is not yet stored (the registry, or the engine, still has to say so). */
const UNFINISHED_MAX = 0.98

function layerFraction(layer: LayerProgress, pull: boolean): number {
  if (FINISHED_LAYER_STATES.has(layer.state)) return 1
  return Math.min(UNFINISHED_MAX, unfinishedFraction(layer, pull))
}

function unfinishedFraction(layer: LayerProgress, pull: boolean): number {
  const phase = layer.totalBytes && layer.totalBytes > 0 ? Math.min(1, layer.currentBytes / layer.totalBytes) : 0
  if (!pull) return layer.state === 'pushing' ? phase : 0
  switch (layer.state) {
    case 'downloading':
      return phase / 2
    case 'verifying':
    case 'downloaded':
      return 0.5
    case 'extracting':
      return 0.5 + phase / 2
    default:
      return 0
  }
}
