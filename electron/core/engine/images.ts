/**
 * ImagesApi: removal with the containers in the way named (images-remove.ts), prune in two steps
 * with bytes counted by layer (images-prune.ts, images-layers.ts), and save/load as streams
 * (images-transfer.ts). Returns DTOs, never dockerode types.
 */
import type Docker from 'dockerode'
import type { Readable } from 'node:stream'
import type { ImagePrunePreview, ImagePruneResult, PruneMode, RemovalPlan, RemovalResult } from '../../../shared/image-maintenance-models'
import { layerCacheFor } from './images-layers'
import { previewPrune, pruneImages } from './images-prune'
import { removalPlan, removeImage, type RemoveOptions } from './images-remove'
import { loadImages, openSave, planSave, type SavePlan } from './images-transfer'

export interface ImagesApi {
  removalPlan(reference: string, signal?: AbortSignal): Promise<RemovalPlan>
  remove(reference: string, options: RemoveOptions, signal?: AbortSignal): Promise<RemovalResult>
  prunePreview(mode: PruneMode, label?: string, signal?: AbortSignal): Promise<ImagePrunePreview>
  prune(ids: readonly string[], signal?: AbortSignal): Promise<ImagePruneResult>
  /** Checks the images exist and names the file; openSave then streams the tar. */
  planSave(refs: readonly string[], signal?: AbortSignal): Promise<SavePlan>
  openSave(names: readonly string[], signal?: AbortSignal): Promise<Readable>
  load(tar: Readable, signal?: AbortSignal): Promise<string[]>
}

export function createImagesApi(docker: Docker): ImagesApi {
  // One per engine client: layer lists are immutable per image id, so they are read once.
  const layers = layerCacheFor(docker)
  return {
    removalPlan: (reference, signal) => removalPlan(docker, reference, signal),
    remove: (reference, options, signal) => removeImage(docker, reference, options, signal),
    prunePreview: (mode, label, signal) => previewPrune(docker, layers, mode, label, signal),
    prune: (ids, signal) => pruneImages(docker, layers, ids, signal),
    planSave: (refs, signal) => planSave(docker, refs, signal),
    openSave: (names, signal) => openSave(docker, names, signal),
    load: (tar, signal) => loadImages(docker, tar, signal)
  }
}
