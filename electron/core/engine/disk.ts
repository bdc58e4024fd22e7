/**
 * DiskApi: what images, containers, local volumes and build cache hold on disk (GET /system/df,
 * one read), and a clean-up per kind in two steps (disk-cleanup.ts). Every kind's reclaimable
 * figure uses the same rule as its clean-up preview, so the page and the preview agree:
 * images — all unused images, bytes counted by layer; containers — stopped ones' writable layers;
 * volumes — local volumes no container mounts; build cache — records not in use and not shared
 * with images (shared ones free nothing while those images stay). Returns DTOs only.
 */
import type Docker from 'dockerode'
import type { CleanupPreview, CleanupResult, DiskKind, DiskUsage, KindUsage } from '../../../shared/disk-models'
import { cleanup, cleanupPreview } from './disk-cleanup'
import { ACTIVE_CONTAINER_STATES, isLocalVolume, readDf, reclaimableCache, type DfJson } from './disk-df'
import { layerCacheFor } from './images-layers'
import { previewPrune } from './images-prune'

export interface DiskApi {
  usage(signal?: AbortSignal): Promise<DiskUsage>
  cleanupPreview(kind: DiskKind, signal?: AbortSignal): Promise<CleanupPreview>
  cleanup(kind: DiskKind, ids: readonly string[], signal?: AbortSignal): Promise<CleanupResult>
}

function sum<T>(items: readonly T[], bytes: (item: T) => number): number {
  return items.reduce((total, item) => total + Math.max(bytes(item), 0), 0)
}

export function usageFromDf(df: DfJson, imagesReclaimable: number): KindUsage[] {
  const images = df.Images ?? []
  const containers = df.Containers ?? []
  const volumes = df.Volumes ?? []
  const cache = df.BuildCache ?? []
  const unusedLocal = volumes.filter((v) => isLocalVolume(v) && (v.UsageData?.RefCount ?? 0) === 0)
  return [
    {
      kind: 'images',
      count: images.length,
      active: images.filter((image) => (image.Containers ?? 0) > 0).length,
      totalBytes: df.LayersSize ?? 0,
      reclaimableBytes: imagesReclaimable
    },
    {
      kind: 'containers',
      count: containers.length,
      active: containers.filter((c) => ACTIVE_CONTAINER_STATES.has(c.State ?? '')).length,
      totalBytes: sum(containers, (c) => c.SizeRw ?? 0),
      reclaimableBytes: sum(containers.filter((c) => !ACTIVE_CONTAINER_STATES.has(c.State ?? '')), (c) => c.SizeRw ?? 0)
    },
    {
      kind: 'volumes',
      count: volumes.length,
      active: volumes.filter((v) => (v.UsageData?.RefCount ?? 0) > 0).length,
      totalBytes: sum(volumes, (v) => v.UsageData?.Size ?? 0),
      reclaimableBytes: sum(unusedLocal, (v) => v.UsageData?.Size ?? 0)
    },
    {
      kind: 'buildCache',
      count: cache.length,
      active: cache.filter((record) => record.InUse).length,
      // Shared records are image layers too: counting them here would count those bytes twice.
      totalBytes: sum(cache.filter((record) => !record.Shared), (record) => record.Size ?? 0),
      reclaimableBytes: sum(cache, reclaimableCache)
    }
  ]
}

export function createDiskApi(docker: Docker): DiskApi {
  const layers = layerCacheFor(docker)
  return {
    async usage(signal) {
      const measuredAt = Date.now()
      const [df, images] = await Promise.all([readDf(docker, signal), previewPrune(docker, layers, 'unused', undefined, signal)])
      return { kinds: usageFromDf(df, images.reclaimableBytes), measuredAt }
    },
    cleanupPreview: (kind, signal) => cleanupPreview(docker, layers, kind, signal),
    cleanup: (kind, ids, signal) => cleanup(docker, layers, kind, ids, signal)
  }
}
