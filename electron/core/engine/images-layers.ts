/**
 * Layer accounting: which layers each image stands on and how many bytes removing a set of
 * images really frees. The engine stores a layer once per chain id (the layer plus everything
 * under it), so two images built FROM one base share those bytes; removing one of them frees
 * only what no remaining image uses. The list endpoints don't say this (SharedSize counts a layer
 * shared with an image that is about to go too), so we read each image's layers (inspect:
 * RootFS.Layers) and their sizes (history: one entry per layer, oldest last) and count ourselves.
 *
 * An image's layers never change for a given id, so what we read is cached by id per engine.
 *
 * BuildKit keeps its own reference to the layers it built (build cache records marked Shared):
 * such a layer stays on disk after its image is deleted, until the build cache is cleaned too.
 * Layers are marked as BuildKit's from their history entry, so a preview can say so.
 */
import { createHash } from 'node:crypto'
import type Docker from 'dockerode'
import { dial } from './modem'

export interface ImageLayers {
  /** Chain ids, base first. */
  chain: string[]
  /** Bytes per layer, same order as `chain`. */
  sizes: number[]
  /** Layers BuildKit made (the build cache may hold them too), same order. */
  buildkit: boolean[]
}

interface HistoryEntry {
  Size?: number
  CreatedBy?: string
  Comment?: string
}

const BUILDKIT_COMMENT = 'buildkit.dockerfile.v0'

/** Instructions that only change the config: they never make a layer, so their history Size is 0. */
const CONFIG_ONLY = /^(?:\/bin\/sh -c )?(?:#\(nop\)\s+)?(ENV|CMD|LABEL|EXPOSE|ENTRYPOINT|USER|VOLUME|ARG|STOPSIGNAL|HEALTHCHECK|SHELL|ONBUILD|MAINTAINER)\b/

/** chainID(1) = diffID(1); chainID(n) = sha256(chainID(n-1) + " " + diffID(n)), as the engine computes it. */
export function chainIds(diffIds: readonly string[]): string[] {
  const chain: string[] = []
  for (const diffId of diffIds) {
    const previous = chain[chain.length - 1]
    chain.push(previous ? `sha256:${createHash('sha256').update(`${previous} ${diffId}`).digest('hex')}` : diffId)
  }
  return chain
}

/**
 * Maps history entries (newest first, as the engine answers) onto `layerCount` layers. Entries
 * with bytes are layers for sure; among the empty ones, config-only instructions are not. When
 * zero-byte layers still leave a choice, the choice can't change any total (they hold 0 bytes).
 */
export function layersFromHistory(historyNewestFirst: readonly HistoryEntry[], layerCount: number, imageSize: number): Omit<ImageLayers, 'chain'> {
  const entries = [...historyNewestFirst].reverse()
  const nonEmpty = entries.filter((entry) => (entry.Size ?? 0) > 0)
  if (nonEmpty.length > layerCount || layerCount === 0) return topHeavy(layerCount, imageSize)
  let zeroLayersNeeded = layerCount - nonEmpty.length
  const taken: HistoryEntry[] = []
  for (const entry of entries) {
    if ((entry.Size ?? 0) > 0) taken.push(entry)
    else if (CONFIG_ONLY.test(entry.CreatedBy ?? '')) continue
    // A zero-byte entry that may be a layer: the oldest ones are taken while layers are missing.
    else if (zeroLayersNeeded > 0) {
      taken.push(entry)
      zeroLayersNeeded--
    }
  }
  while (taken.length < layerCount) taken.push({ Size: 0 })
  const sizes = taken.map((entry) => entry.Size ?? 0)
  // History that disagrees with the image's size (missing or rewritten) is not trusted.
  if (sizes.reduce((sum, size) => sum + size, 0) !== imageSize) return topHeavy(layerCount, imageSize)
  return { sizes, buildkit: taken.map((entry) => entry.Comment === BUILDKIT_COMMENT) }
}

/** Without usable history all bytes are put on the top layer (the safe side: shared layers count 0). */
function topHeavy(layerCount: number, imageSize: number): Omit<ImageLayers, 'chain'> {
  const sizes = new Array<number>(Math.max(layerCount, 1)).fill(0)
  sizes[sizes.length - 1] = imageSize
  return { sizes, buildkit: sizes.map(() => false) }
}

/** Reads layers for many images, a few requests at a time, remembering them by image id. */
export class LayerCache {
  private readonly byId = new Map<string, ImageLayers>()

  constructor(private readonly docker: Docker) {}

  async layersOf(images: ReadonlyArray<{ id: string; size: number }>, signal?: AbortSignal): Promise<Map<string, ImageLayers>> {
    const result = new Map<string, ImageLayers>()
    const missing = images.filter((image) => {
      const known = this.byId.get(image.id)
      if (known) result.set(image.id, known)
      return !known
    })
    let next = 0
    const worker = async (): Promise<void> => {
      while (next < missing.length) {
        const image = missing[next++]
        const layers = await this.read(image.id, image.size, signal)
        if (!layers) continue
        this.byId.set(image.id, layers)
        result.set(image.id, layers)
      }
    }
    await Promise.all(Array.from({ length: Math.min(6, missing.length) }, worker))
    // Forget images the engine no longer has, so the cache never outgrows the engine.
    if (this.byId.size > images.length * 2 + 100) {
      const present = new Set(images.map((image) => image.id))
      for (const id of this.byId.keys()) if (!present.has(id)) this.byId.delete(id)
    }
    return result
  }

  private async read(id: string, size: number, signal?: AbortSignal): Promise<ImageLayers | null> {
    const image = this.docker.getImage(id)
    try {
      const [inspect, history] = await Promise.all([
        image.inspect({ abortSignal: signal } as object) as Promise<{ RootFS?: { Layers?: string[] } }>,
        // dockerode's history() takes no options (so no signal): dial it ourselves.
        dial(this.docker, {
          path: `/images/${encodeURIComponent(id)}/history?`,
          method: 'GET',
          abortSignal: signal,
          statusCodes: { 200: true, 404: 'no such image', 500: 'server error' },
          options: {}
        }) as Promise<HistoryEntry[]>
      ])
      const diffIds = inspect.RootFS?.Layers ?? []
      return { chain: chainIds(diffIds), ...layersFromHistory(history, diffIds.length, size) }
    } catch (err) {
      // Removed between the list and this read: it simply doesn't count.
      if ((err as { statusCode?: number }).statusCode === 404) return null
      throw err
    }
  }
}

const caches = new WeakMap<Docker, LayerCache>()

/** One cache per engine connection, shared by image prune and the disk usage page. */
export function layerCacheFor(docker: Docker): LayerCache {
  let cache = caches.get(docker)
  if (!cache) {
    cache = new LayerCache(docker)
    caches.set(docker, cache)
  }
  return cache
}

/** Bytes per chain id, over every image read. */
export function layerSizeIndex(layers: Iterable<ImageLayers>): Map<string, number> {
  const sizes = new Map<string, number>()
  for (const image of layers) image.chain.forEach((chainId, index) => sizes.set(chainId, image.sizes[index] ?? 0))
  return sizes
}

export interface FreedLayer {
  size: number
  buildkit: boolean
}

/**
 * The layers freed when the images in `removed` go and every other image in `all` stays: those
 * only removed images stand on, each once, by chain id.
 */
export function freedLayers(all: ReadonlyMap<string, ImageLayers>, removed: ReadonlySet<string>): Map<string, FreedLayer> {
  const kept = new Set<string>()
  for (const [id, layers] of all) if (!removed.has(id)) for (const chainId of layers.chain) kept.add(chainId)
  const freed = new Map<string, FreedLayer>()
  for (const id of removed) {
    const layers = all.get(id)
    if (!layers) continue
    layers.chain.forEach((chainId, index) => {
      if (!kept.has(chainId)) freed.set(chainId, { size: layers.sizes[index] ?? 0, buildkit: layers.buildkit[index] ?? false })
    })
  }
  return freed
}

export function totalBytes(layers: Iterable<FreedLayer>, skip: (layer: FreedLayer) => boolean = () => false): number {
  let total = 0
  for (const layer of layers) if (!skip(layer)) total += layer.size
  return total
}
