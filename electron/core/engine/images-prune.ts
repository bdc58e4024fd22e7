/**
 * Image prune in two steps. The preview picks what `docker image prune [-a]` would remove —
 * dangling: untagged images nothing is built on; unused: every image no container uses and no
 * kept image is built on — and counts the bytes by layer (images-layers.ts). Prune then removes
 * exactly the previewed ids one by one, children before parents, instead of calling POST
 * /images/prune, whose filters can't say "exactly these": an image that a container started
 * using since the preview is refused, not removed.
 *
 * Untagged parents (intermediate images of classic builds) are not listed: the engine deletes
 * them with their last child, as `docker rmi` does, and their bytes are in the preview's total.
 */
import type Docker from 'dockerode'
import type { ImagePrunePreview, ImagePruneResult, ImageUser, PruneMode } from '../../../shared/image-maintenance-models'
import { labelMatches } from '../../../shared/snapshots-models'
import { engineSentence, engineStatus } from './failures'
import { readDf } from './disk-df'
import { freedLayers, layerSizeIndex, totalBytes, type FreedLayer, type LayerCache } from './images-layers'
import { imageLabel, isIdReference, realTags, userOf } from './images-remove'

interface ListedImage {
  Id: string
  ParentId?: string
  RepoTags?: string[] | null
  Size?: number
  Created?: number
  Labels?: Record<string, string> | null
}

/** The engine's images and who uses them, read at one moment. */
export interface ImageWorld {
  images: Map<string, ListedImage>
  children: Map<string, string[]>
  users: Map<string, ImageUser[]>
}

export async function readImageWorld(docker: Docker, signal?: AbortSignal): Promise<ImageWorld> {
  const [images, containers] = await Promise.all([
    docker.listImages({ all: true, abortSignal: signal } as object) as unknown as Promise<ListedImage[]>,
    docker.listContainers({ all: true, abortSignal: signal } as object) as unknown as Promise<Array<{ Id: string; ImageID?: string; Names?: string[]; State?: string }>>
  ])
  const world: ImageWorld = { images: new Map(), children: new Map(), users: new Map() }
  for (const image of images) world.images.set(image.Id, image)
  for (const image of images) {
    if (!image.ParentId || !world.images.has(image.ParentId)) continue
    world.children.set(image.ParentId, [...(world.children.get(image.ParentId) ?? []), image.Id])
  }
  for (const container of containers) {
    if (!container.ImageID) continue
    world.users.set(container.ImageID, [...(world.users.get(container.ImageID) ?? []), userOf(container)])
  }
  return world
}

export interface Selection {
  /** Listed in the preview. */
  candidates: string[]
  /** Candidates plus the untagged parents the engine deletes with them. */
  going: Set<string>
}

export function selectForPrune(world: ImageWorld, mode: PruneMode, label?: string): Selection {
  const memo = new Map<string, boolean>()
  const goes = (id: string): boolean => {
    const known = memo.get(id)
    if (known !== undefined) return known
    memo.set(id, false) // guards against a (corrupt) parent cycle
    const image = world.images.get(id)
    const kids = world.children.get(id) ?? []
    const tagged = realTags(image?.RepoTags).length > 0
    let answer: boolean
    if (!image || (world.users.get(id)?.length ?? 0) > 0) answer = false
    else if (kids.length === 0) answer = (mode === 'unused' || !tagged) && labelMatches(image.Labels, label)
    else if (!kids.every(goes)) answer = false
    // An untagged parent goes with its last child; a tagged one only when all unused images go.
    else answer = !tagged || (mode === 'unused' && labelMatches(image.Labels, label))
    memo.set(id, answer)
    return answer
  }
  const going = new Set([...world.images.keys()].filter(goes))
  const isIntermediate = (id: string): boolean => realTags(world.images.get(id)?.RepoTags).length === 0 && (world.children.get(id)?.length ?? 0) > 0
  return { candidates: [...going].filter((id) => !isIntermediate(id)), going }
}

function withSizes(world: ImageWorld): Array<{ id: string; size: number }> {
  return [...world.images.values()].map((image) => ({ id: image.Id, size: image.Size ?? 0 }))
}

export async function previewPrune(docker: Docker, layers: LayerCache, mode: PruneMode, label: string | undefined, signal?: AbortSignal): Promise<ImagePrunePreview> {
  const world = await readImageWorld(docker, signal)
  const { candidates, going } = selectForPrune(world, mode, label)
  const allLayers = await layers.layersOf(withSizes(world), signal)
  const parentsGoingWith = (id: string): Set<string> => {
    const set = new Set([id])
    for (let parent = world.images.get(id)?.ParentId; parent && going.has(parent) && !candidates.includes(parent); parent = world.images.get(parent)?.ParentId) set.add(parent)
    return set
  }
  const freed = freedLayers(allLayers, going)
  const held = await heldByBuildCache(docker, freed, signal)
  const images = candidates
    .map((id) => {
      const image = world.images.get(id) as ListedImage
      const own = [...freedLayers(allLayers, parentsGoingWith(id))].filter(([chainId]) => !held.has(chainId)).map(([, layer]) => layer)
      return { id, tags: realTags(image.RepoTags), size: image.Size ?? 0, created: image.Created ?? 0, uniqueBytes: totalBytes(own) }
    })
    .sort((a, b) => b.created - a.created)
  const heldBytes = totalBytes([...held].map((chainId) => freed.get(chainId) as FreedLayer))
  return { mode, images, reclaimableBytes: totalBytes(freed.values()) - heldBytes, heldByBuildCacheBytes: heldBytes }
}

/**
 * Freed layers BuildKit made that its cache also holds: the engine keeps those bytes until the
 * build cache goes too. The API doesn't link cache records to layers, so a BuildKit layer is
 * matched to a shared cache record of exactly its (non-zero) size.
 */
async function heldByBuildCache(docker: Docker, freed: ReadonlyMap<string, FreedLayer>, signal?: AbortSignal): Promise<Set<string>> {
  const held = new Set<string>()
  if (![...freed.values()].some((layer) => layer.buildkit && layer.size > 0)) return held
  const sharedSizes = new Map<number, number>()
  for (const record of (await readDf(docker, signal)).BuildCache ?? []) {
    if (record.Shared && (record.Size ?? 0) > 0) sharedSizes.set(record.Size ?? 0, (sharedSizes.get(record.Size ?? 0) ?? 0) + 1)
  }
  for (const [chainId, layer] of freed) {
    const left = sharedSizes.get(layer.size) ?? 0
    if (!layer.buildkit || layer.size === 0 || left === 0) continue
    held.add(chainId)
    sharedSizes.set(layer.size, left - 1)
  }
  return held
}

function depth(world: ImageWorld, id: string): number {
  let levels = 0
  for (let parent = world.images.get(id)?.ParentId; parent && levels < 1000; parent = world.images.get(parent)?.ParentId) levels++
  return levels
}

function refusalReason(err: unknown): string {
  const status = engineStatus(err)
  if (status === 404) return 'it no longer exists'
  const sentence = engineSentence(err)
  if (/dependent child images/i.test(sentence)) return 'other images are built on it now'
  if (/running container|stopped container|is using/i.test(sentence)) return 'a container uses it now'
  return sentence
}

export async function pruneImages(docker: Docker, layers: LayerCache, ids: readonly string[], signal?: AbortSignal): Promise<ImagePruneResult> {
  const world = await readImageWorld(docker, signal)
  const sizes = layerSizeIndex((await layers.layersOf(withSizes(world), signal)).values())
  const result: ImagePruneResult = { removed: [], refused: [], reclaimedBytes: 0 }
  const fullId = (id: string): string => [...world.images.keys()].find((known) => isIdReference(id, known)) ?? id
  const ordered = [...new Set(ids.map(fullId))].map((id) => ({ id, depth: depth(world, id) })).sort((a, b) => b.depth - a.depth)
  for (const { id } of ordered) {
    const image = world.images.get(id)
    if (!image) {
      result.refused.push({ id, label: imageLabel([], id), reason: 'it no longer exists' })
      continue
    }
    const tags = realTags(image.RepoTags)
    const label = imageLabel(tags, image.Id)
    const users = world.users.get(image.Id) ?? []
    if (users.length > 0) {
      const names = users.map((user) => `${user.name} (${user.state})`).join(', ')
      result.refused.push({ id: image.Id, label, reason: `used since the preview by ${names}` })
      continue
    }
    try {
      // By id with several tags needs force (every tag goes, as previewed); the container check
      // above is then ours, and a running container still stops the engine.
      const records = (await docker.getImage(image.Id).remove({ force: tags.length > 1, abortSignal: signal } as object)) as Array<{ Deleted?: string }>
      const bytes = (records ?? []).reduce((sum, record) => sum + (record.Deleted ? (sizes.get(record.Deleted) ?? 0) : 0), 0)
      result.removed.push({ id: image.Id, label, bytes })
      result.reclaimedBytes += bytes
    } catch (err) {
      if (signal?.aborted) throw err
      result.refused.push({ id: image.Id, label, reason: refusalReason(err) })
    }
  }
  return result
}
