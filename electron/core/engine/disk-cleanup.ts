/**
 * Clean-up per kind, in two steps like image prune: the preview lists exactly what would go;
 * clean-up removes exactly those ids, each one checked again first, so something that came into
 * use since the preview is skipped with the reason, never removed.
 *
 * - images: all unused images (images-prune.ts);
 * - containers: stopped containers (the snapshots area's prune, which works the same way);
 * - volumes: local volumes whose UsageData.RefCount is 0, removed by name without force;
 * - build cache: records not in use, removed one by one with POST /build/prune filtered by id
 *   (children before the records they build on), so even here the engine removes only what was
 *   shown; what it reports as deleted and reclaimed is what the result says.
 */
import type Docker from 'dockerode'
import { RpcError } from '../../../shared/errors'
import type { CleanupItem, CleanupPreview, CleanupResult, DiskKind } from '../../../shared/disk-models'
import { isLocalVolume, readDf, reclaimableCache, type DfJson } from './disk-df'
import { engineSentence, engineStatus } from './failures'
import type { LayerCache } from './images-layers'
import { previewPrune, pruneImages } from './images-prune'
import { dial } from './modem'
import { createSnapshotsApi } from './snapshots'

type CacheRecord = NonNullable<DfJson['BuildCache']>[number]
type VolumeRecord = NonNullable<DfJson['Volumes']>[number]

/** BuildKit record ids are lowercase letters and digits; the engine matches the id filter as a pattern. */
const CACHE_ID = /^[a-z0-9]{10,64}$/

function total(items: readonly CleanupItem[]): number {
  return items.reduce((sum, item) => sum + item.bytes, 0)
}

function unusedVolumes(df: DfJson): VolumeRecord[] {
  return (df.Volumes ?? []).filter((volume) => isLocalVolume(volume) && (volume.UsageData?.RefCount ?? 0) === 0)
}

function cacheDetail(record: CacheRecord): string {
  const parts = [record.Type ?? 'regular']
  if (record.Shared) parts.push('shared with images: frees nothing while they stay')
  if (record.LastUsedAt) parts.push(`last used ${record.LastUsedAt.slice(0, 16).replace('T', ' ')}`)
  return parts.join(' · ')
}

export async function cleanupPreview(docker: Docker, layers: LayerCache, kind: DiskKind, signal?: AbortSignal): Promise<CleanupPreview> {
  switch (kind) {
    case 'images': {
      const preview = await previewPrune(docker, layers, 'unused', undefined, signal)
      const items = preview.images.map((image) => ({
        id: image.id,
        name: image.tags[0] ?? `<none> ${image.id.replace(/^sha256:/, '').slice(0, 12)}`,
        bytes: image.uniqueBytes,
        detail: image.tags.length > 1 ? `also ${image.tags.slice(1).join(', ')}` : image.tags.length === 0 ? 'untagged' : ''
      }))
      const held = preview.heldByBuildCacheBytes
      const note = held > 0 ? `Another ${held} bytes of these images' layers are also held by the build cache; they are freed when the build cache is cleaned up too.` : undefined
      return { kind, items, totalBytes: preview.reclaimableBytes, exact: true, ...(note ? { note } : {}) }
    }
    case 'containers': {
      const preview = await createSnapshotsApi(docker).prunePreview(undefined, signal)
      const items = preview.containers.map((c) => ({ id: c.id, name: c.name, bytes: c.sizeRw, detail: `${c.image} · ${c.status}` }))
      return { kind, items, totalBytes: preview.totalBytes, exact: true }
    }
    case 'volumes': {
      const items = unusedVolumes(await readDf(docker, signal)).map((v) => ({ id: v.Name, name: v.Name, bytes: v.UsageData?.Size ?? 0, detail: 'no container uses it' }))
      return { kind, items, totalBytes: total(items), exact: true }
    }
    case 'buildCache': {
      const records = ((await readDf(docker, signal)).BuildCache ?? []).filter((record) => !record.InUse)
      const items = records.map((record) => ({ id: record.ID, name: record.Description || record.ID, bytes: reclaimableCache(record), detail: cacheDetail(record) }))
      return {
        kind,
        items,
        totalBytes: total(items),
        exact: true,
        note: 'Shared records hold layers that images use too: removing them frees their space only once those images are gone.'
      }
    }
  }
}

async function cleanupVolumes(docker: Docker, names: readonly string[], signal?: AbortSignal): Promise<CleanupResult> {
  const byName = new Map((((await readDf(docker, signal)).Volumes ?? []) as VolumeRecord[]).map((v) => [v.Name, v]))
  const result: CleanupResult = { kind: 'volumes', removed: [], skipped: [], reclaimedBytes: 0 }
  for (const name of new Set(names)) {
    const volume = byName.get(name)
    if (!volume) result.skipped.push({ id: name, name, reason: 'it no longer exists' })
    else if ((volume.UsageData?.RefCount ?? 0) > 0) result.skipped.push({ id: name, name, reason: 'a container uses it now' })
    else {
      try {
        await docker.getVolume(name).remove({ abortSignal: signal } as object)
        const bytes = Math.max(volume.UsageData?.Size ?? 0, 0)
        result.removed.push({ id: name, name, bytes })
        result.reclaimedBytes += bytes
      } catch (err) {
        const reason = engineStatus(err) === 409 ? 'a container uses it now' : engineStatus(err) === 404 ? 'it no longer exists' : engineSentence(err)
        result.skipped.push({ id: name, name, reason })
      }
    }
  }
  return result
}

function cacheDepth(byId: ReadonlyMap<string, CacheRecord>, id: string): number {
  let depth = 0
  for (let parent = byId.get(id)?.Parent; parent && depth < 1000; parent = byId.get(parent)?.Parent) depth++
  return depth
}

async function cleanupBuildCache(docker: Docker, ids: readonly string[], signal?: AbortSignal): Promise<CleanupResult> {
  const bad = ids.find((id) => !CACHE_ID.test(id))
  if (bad) throw new RpcError('INVALID_INPUT', `"${bad.slice(0, 40)}" is not a build cache record id.`)
  const byId = new Map(((await readDf(docker, signal)).BuildCache ?? []).map((record) => [record.ID, record]))
  const result: CleanupResult = { kind: 'buildCache', removed: [], skipped: [], reclaimedBytes: 0 }
  const ordered = [...new Set(ids)].sort((a, b) => cacheDepth(byId, b) - cacheDepth(byId, a))
  for (const id of ordered) {
    const record = byId.get(id)
    const name = record?.Description || id
    if (!record) {
      result.skipped.push({ id, name, reason: 'it no longer exists' })
      continue
    }
    if (record.InUse) {
      result.skipped.push({ id, name, reason: 'a build uses it now' })
      continue
    }
    const answer = (await dial(docker, {
      path: '/build/prune?',
      method: 'POST',
      abortSignal: signal,
      statusCodes: { 200: true, 400: 'bad parameter', 500: 'server error' },
      options: { all: true, filters: { id: [id] } }
    })) as { CachesDeleted?: string[] | null; SpaceReclaimed?: number }
    if (!(answer.CachesDeleted ?? []).includes(id)) {
      result.skipped.push({ id, name, reason: 'the engine kept it (other cache records still build on it)' })
      continue
    }
    result.removed.push({ id, name, bytes: answer.SpaceReclaimed ?? 0 })
    result.reclaimedBytes += answer.SpaceReclaimed ?? 0
  }
  return result
}

export async function cleanup(docker: Docker, layers: LayerCache, kind: DiskKind, ids: readonly string[], signal?: AbortSignal): Promise<CleanupResult> {
  switch (kind) {
    case 'images': {
      const pruned = await pruneImages(docker, layers, ids, signal)
      return {
        kind,
        removed: pruned.removed.map((image) => ({ id: image.id, name: image.label, bytes: image.bytes })),
        skipped: pruned.refused.map((image) => ({ id: image.id, name: image.label, reason: image.reason })),
        reclaimedBytes: pruned.reclaimedBytes
      }
    }
    case 'containers': {
      const pruned = await createSnapshotsApi(docker).prune([...new Set(ids)])
      return {
        kind,
        removed: pruned.removed.map((c) => ({ id: c.id, name: c.name, bytes: c.sizeRw })),
        skipped: pruned.skipped,
        reclaimedBytes: pruned.reclaimedBytes
      }
    }
    case 'volumes':
      return cleanupVolumes(docker, ids, signal)
    case 'buildCache':
      return cleanupBuildCache(docker, ids, signal)
  }
}
