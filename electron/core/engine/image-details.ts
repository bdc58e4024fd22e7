/**
 * ImageDetailsApi: one image's details (inspect + history + the containers made from it) and
 * the layer tree across all images. Returns DTOs, never dockerode types. The layer facts cache
 * lives as long as this engine client: image ids are content addresses, so what was read for an
 * id stays true (see image-details-facts.ts).
 */
import type Docker from 'dockerode'
import { RpcError } from '../../../shared/errors'
import type { ImageConfig, ImageDetails, ImageHistoryEntry, LayerTree } from '../../../shared/image-details-models'
import { engineStatus } from './failures'
import { LayerFactsCache, listAllImages, readHistory, readInspect, type EngineHistoryEntry } from './image-details-facts'
import { chainIds, matchStepsToLayers, readableInstruction } from './image-details-history'
import type { LayerFactsFile } from './image-details-persist'
import { buildLayerTree } from './image-details-tree'
import { containerName, toContainerSummary, type EngineContainerJson } from './mapping'
import { dial } from './modem'

export interface ImageDetailsApi {
  inspect(id: string, signal?: AbortSignal): Promise<ImageDetails>
  layerTree(signal?: AbortSignal): Promise<LayerTree>
  /**
   * Reads, in the background and a little at a time, what the layer tree will need of these
   * images (the ones the images list just showed) if not cached yet, so that opening the tree
   * later costs one list call. Costs the engine nothing when every id is cached. Ids that come
   * while a pass runs are read in one more pass.
   */
  warm(ids: readonly string[]): void
  /** Resolves when no warm-up is scheduled or running (for tests; the app never waits). */
  idle(): Promise<void>
  /** Stops a warm-up and writes what is known (the engine client is closing). */
  close(): Promise<void>
}

/** Background reads in flight at once: enough to finish 1,000 images in seconds, few enough that people's own requests don't queue behind them. */
const WARM_CONCURRENCY = 2
/** Let the list answer and its paint go first. */
const WARM_DELAY_MS = 250

interface EngineImageInspect {
  Id: string
  RepoTags?: string[] | null
  RepoDigests?: string[] | null
  Parent?: string
  Comment?: string
  Created?: string
  DockerVersion?: string
  Author?: string
  Architecture?: string
  Variant?: string
  Os?: string
  Size?: number
  Config?: {
    Env?: string[] | null
    Cmd?: string[] | null
    Entrypoint?: string[] | null
    WorkingDir?: string
    User?: string
    ExposedPorts?: Record<string, unknown> | null
    Volumes?: Record<string, unknown> | null
    Labels?: Record<string, string> | null
    StopSignal?: string
    Healthcheck?: { Test?: string[] | null } | null
    OnBuild?: string[] | null
  } | null
  RootFS?: { Layers?: string[] | null }
}

const isRealTag = (tag: string): boolean => !tag.startsWith('<none>')

function toConfig(config: EngineImageInspect['Config']): ImageConfig {
  const c = config ?? {}
  const result: ImageConfig = {
    env: c.Env ?? [],
    cmd: c.Cmd ?? null,
    entrypoint: c.Entrypoint ?? null,
    workingDir: c.WorkingDir ?? '',
    user: c.User ?? '',
    exposedPorts: Object.keys(c.ExposedPorts ?? {}).sort(),
    volumes: Object.keys(c.Volumes ?? {}).sort(),
    labels: c.Labels ?? {},
    onBuild: c.OnBuild ?? []
  }
  if (c.StopSignal) result.stopSignal = c.StopSignal
  if (c.Healthcheck?.Test?.length) result.healthcheck = c.Healthcheck.Test
  return result
}

/** History oldest first, each step with its layer's chain id (see image-details-history.ts). */
export function toHistory(history: readonly EngineHistoryEntry[], chains: readonly string[]): ImageHistoryEntry[] {
  const oldestFirst = [...history].reverse()
  const steps = oldestFirst.map((entry) => ({ createdBy: readableInstruction(entry.CreatedBy ?? ''), size: entry.Size ?? 0 }))
  const layerOf = matchStepsToLayers(steps, chains.length)
  return oldestFirst.map((entry, index) => {
    const step: ImageHistoryEntry = {
      created: entry.Created ?? 0,
      createdBy: steps[index].createdBy,
      createdByRaw: entry.CreatedBy ?? '',
      size: entry.Size ?? 0,
      comment: entry.Comment ?? '',
      empty: layerOf[index] < 0,
      tags: (entry.Tags ?? []).filter(isRealTag)
    }
    if (layerOf[index] >= 0) step.chainId = chains[layerOf[index]]
    // "<missing>": the step's image is not on this engine (pulled images carry only their top one).
    if (entry.Id && entry.Id.startsWith('sha256:')) step.imageId = entry.Id
    return step
  })
}

/** `factsFile`: where the layer facts outlive this client (absent: kept in memory only). */
export function createImageDetailsApi(docker: Docker, factsFile?: LayerFactsFile): ImageDetailsApi {
  const cache = new LayerFactsCache(docker)
  // Every read of the cache waits for the saved facts first, so none is read from the engine twice.
  // Read on first need, not when the engine connects: start-up does no work for a tree not opened.
  let restoring: Promise<void> | null = null
  const restored = (): Promise<void> => (restoring ??= factsFile ? factsFile.load().then((snapshot) => void (snapshot && cache.restore(snapshot))) : Promise.resolve())
  let savedRevision = cache.revision
  async function updateCache(ids: readonly string[], options: Parameters<LayerFactsCache['update']>[1]): ReturnType<LayerFactsCache['update']> {
    await restored()
    try {
      return await cache.update(ids, options)
    } finally {
      if (factsFile && cache.revision !== savedRevision) {
        savedRevision = cache.revision
        factsFile.scheduleSave(() => cache.snapshot())
      }
    }
  }
  const warming = { timer: null as ReturnType<typeof setTimeout> | null, running: false, controller: new AbortController() }
  /** Ids asked for and not yet read by a pass. */
  let wanted = new Set<string>()
  const idleWaiters: Array<() => void> = []

  async function warmPasses(): Promise<void> {
    warming.running = true
    while (wanted.size > 0 && !warming.controller.signal.aborted) {
      const ids = [...wanted]
      wanted = new Set()
      try {
        await updateCache(ids, { signal: warming.controller.signal, concurrency: WARM_CONCURRENCY })
      } catch {
        // A warm-up is only a head start: the tree reads whatever is still missing when it is opened.
      }
    }
    warming.running = false
    for (const done of idleWaiters.splice(0)) done()
  }

  async function containersOf(imageId: string, signal?: AbortSignal): Promise<ImageDetails['containers']> {
    // ancestor= also matches containers of images built on this one; keep exact matches only.
    const filters = JSON.stringify({ ancestor: [imageId] })
    const list = (await dial(docker, { path: '/containers/json?', method: 'GET', options: { all: '1', filters }, abortSignal: signal, statusCodes: { 200: true, 400: 'bad parameter', 500: 'server error' } })) as EngineContainerJson[]
    return list
      .filter((c) => c.ImageID === imageId)
      .map((c) => {
        const summary = toContainerSummary(c)
        return { id: c.Id, name: containerName(c.Names, c.Id), state: summary.state, status: summary.status }
      })
      .sort((a, b) => a.name.localeCompare(b.name))
  }

  return {
    async inspect(id, signal) {
      let json: EngineImageInspect
      try {
        json = await readInspect<EngineImageInspect>(docker, id, signal)
      } catch (err) {
        if (engineStatus(err) === 404) throw new RpcError('NOT_FOUND', `There is no image ${id} on this engine: it was removed, or it is on another engine.`)
        throw err
      }
      const [history, containers] = await Promise.all([readHistory(docker, json.Id, signal), containersOf(json.Id, signal)])
      const chains = chainIds(json.RootFS?.Layers ?? [])
      const details: ImageDetails = {
        id: json.Id,
        repoTags: (json.RepoTags ?? []).filter(isRealTag),
        repoDigests: (json.RepoDigests ?? []).filter(isRealTag),
        created: json.Created ? Math.floor(Date.parse(json.Created) / 1000) : 0,
        author: json.Author ?? '',
        comment: json.Comment ?? '',
        dockerVersion: json.DockerVersion ?? '',
        os: json.Os ?? '',
        architecture: json.Architecture ?? '',
        size: json.Size ?? 0,
        layerCount: chains.length,
        config: toConfig(json.Config),
        history: toHistory(history, chains),
        containers
      }
      if (json.Parent) details.parentId = json.Parent
      if (json.Variant) details.variant = json.Variant
      return details
    },

    async layerTree(signal) {
      const started = performance.now()
      const list = await listAllImages(docker, signal)
      const { inspected, histories } = await updateCache(list.map((image) => image.Id), { signal, retain: true })
      const inputs = list.flatMap((image) => {
        const chains = cache.chainsOf(image.Id)
        if (!chains) return []
        return [{ id: image.Id, repoTags: (image.RepoTags ?? []).filter(isRealTag), created: image.Created ?? 0, size: image.Size ?? 0, parentId: image.ParentId ?? '', chainIds: chains }]
      })
      const tree = buildLayerTree(inputs, cache.facts)
      return { ...tree, stats: { images: inputs.length, inspected, histories, ms: Math.round(performance.now() - started) } }
    },

    warm(ids) {
      if (warming.controller.signal.aborted) return
      for (const id of ids) wanted.add(id)
      if (warming.running || warming.timer) return
      warming.timer = setTimeout(() => {
        warming.timer = null
        warming.running = true
        void restored().then(() => {
          // What the saved facts already know costs nothing; the rest is read in the background.
          for (const id of wanted) if (cache.chainsOf(id)) wanted.delete(id)
          return warmPasses()
        })
      }, WARM_DELAY_MS)
      warming.timer.unref?.()
    },

    idle() {
      if (!warming.running && !warming.timer) return Promise.resolve()
      return new Promise((resolve) => idleWaiters.push(resolve))
    },

    async close() {
      if (warming.timer) clearTimeout(warming.timer)
      warming.timer = null
      warming.controller.abort()
      for (const done of idleWaiters.splice(0)) done()
      await factsFile?.flush()
    }
  }
}
