/**
 * What the layer tree needs from the engine, read once per image and kept.
 *
 * GET /images/json has no layers, so each image needs an inspect (RootFS.Layers → chain ids) and
 * a history (the size and instruction of each layer). Both answers depend only on the image's
 * id — a content address — except for its tags, which the tree takes from the list instead. So
 * they are cached by id for as long as the image exists, and only images the cache has not seen
 * are read, a few at a time (a burst of hundreds of parallel requests slows dockerd down for
 * everyone). A history is read only when it names a layer no history read so far has named:
 * images built on one base share that base's layers, and one history covers them all.
 */
import type Docker from 'dockerode'
import { engineStatus } from './failures'
import { chainIds, matchStepsToLayers, readableInstruction } from './image-details-history'
import type { LayerFacts } from './image-details-tree'
import { LAYER_FACTS_VERSION, type LayerFactsSnapshot } from './image-details-persist'
import { dial } from './modem'

export interface EngineImageListEntry {
  Id: string
  ParentId?: string
  RepoTags?: string[] | null
  Created?: number
  Size?: number
}

export interface EngineHistoryEntry {
  Id?: string
  Created?: number
  CreatedBy?: string
  Tags?: string[] | null
  Size?: number
  Comment?: string
}

/** How many inspect/history requests run at once: measured (bench/images-main.ts) — more only queue inside dockerd. */
export const READ_CONCURRENCY = 8

const FOUND = { 200: true, 404: 'no such image', 500: 'server error' } as const

export async function readHistory(docker: Docker, id: string, signal?: AbortSignal): Promise<EngineHistoryEntry[]> {
  return (await dial(docker, { path: `/images/${encodeURIComponent(id)}/history`, method: 'GET', options: {}, abortSignal: signal, statusCodes: FOUND })) as EngineHistoryEntry[]
}

export async function readInspect<T>(docker: Docker, id: string, signal?: AbortSignal): Promise<T> {
  return (await dial(docker, { path: `/images/${encodeURIComponent(id)}/json`, method: 'GET', options: {}, abortSignal: signal, statusCodes: FOUND })) as T
}

/** Every image, intermediate ones too (all=1): the tree shows where builds branched. */
export async function listAllImages(docker: Docker, signal?: AbortSignal): Promise<EngineImageListEntry[]> {
  return (await dial(docker, { path: '/images/json?', method: 'GET', options: { all: '1' }, abortSignal: signal, statusCodes: { 200: true, 500: 'server error' } })) as EngineImageListEntry[]
}

/** Runs `work` over `items`, at most `concurrency` at a time; stops early when `signal` aborts. */
export async function inPool<T>(items: readonly T[], concurrency: number, work: (item: T) => Promise<void>, signal?: AbortSignal): Promise<void> {
  let next = 0
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      signal?.throwIfAborted()
      await work(items[next++])
    }
  }
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker))
}

/** A 404 means the image went away between the list and this read: the tree skips it. */
async function unlessGone<T>(read: Promise<T>): Promise<T | null> {
  try {
    return await read
  } catch (err) {
    if (engineStatus(err) === 404) return null
    throw err
  }
}

/** Oldest-first steps of a history answer, matched to the image's layers: chain id → facts. */
export function layerFactsFromHistory(history: readonly EngineHistoryEntry[], chains: readonly string[]): Map<string, LayerFacts> {
  const steps = [...history].reverse().map((entry) => ({ createdBy: readableInstruction(entry.CreatedBy ?? ''), size: entry.Size ?? 0, comment: entry.Comment ?? '' }))
  const layerOf = matchStepsToLayers(steps, chains.length)
  const facts = new Map<string, LayerFacts>()
  steps.forEach((step, index) => {
    const layer = layerOf[index]
    // An imported image's only step has no instruction; its comment says where it came from.
    if (layer >= 0) facts.set(chains[layer], { size: step.size, createdBy: step.createdBy || step.comment })
  })
  return facts
}

export interface UpdateOptions {
  signal?: AbortSignal
  /** Reads in flight at once: READ_CONCURRENCY when someone waits, fewer in the background. */
  concurrency?: number
  /** Forget images not in `ids` (only a full, current list may say what is gone). */
  retain?: boolean
}

export class LayerFactsCache {
  private readonly chainsById = new Map<string, readonly string[]>()
  private readonly factsByChain = new Map<string, LayerFacts>()
  /** Images whose history was read: never read twice, even if it left a layer unexplained. */
  private readonly historyRead = new Set<string>()
  /** Reads under way, shared: a tree asked for while the background warm-up runs waits for the same reads. */
  private readonly inspecting = new Map<string, Promise<void>>()
  private readonly readingHistory = new Map<string, { chains: readonly string[]; done: Promise<void> }>()
  /** Goes up whenever what is known changes (something read or forgotten): says when to save. */
  private changes = 0

  constructor(private readonly docker: Docker) {}

  get revision(): number {
    return this.changes
  }

  snapshot(): LayerFactsSnapshot {
    return {
      version: LAYER_FACTS_VERSION,
      images: Object.fromEntries([...this.chainsById].map(([id, chains]) => [id, [...chains]])),
      layers: Object.fromEntries(this.factsByChain),
      historyRead: [...this.historyRead]
    }
  }

  /** Adds what a saved snapshot knows (never overrides a fresher read). */
  restore(snapshot: LayerFactsSnapshot): void {
    for (const [id, chains] of Object.entries(snapshot.images)) if (!this.chainsById.has(id)) this.chainsById.set(id, chains)
    for (const [chain, facts] of Object.entries(snapshot.layers)) if (!this.factsByChain.has(chain)) this.factsByChain.set(chain, facts)
    for (const id of snapshot.historyRead) this.historyRead.add(id)
  }

  get facts(): ReadonlyMap<string, LayerFacts> {
    return this.factsByChain
  }

  chainsOf(id: string): readonly string[] | undefined {
    return this.chainsById.get(id)
  }

  private inspect(id: string, signal?: AbortSignal): Promise<void> {
    if (this.chainsById.has(id)) return Promise.resolve()
    let pending = this.inspecting.get(id)
    if (!pending) {
      pending = unlessGone(readInspect<{ RootFS?: { Layers?: string[] | null } }>(this.docker, id, signal))
        .then((inspect) => {
          if (!inspect) return
          this.chainsById.set(id, chainIds(inspect.RootFS?.Layers ?? []))
          this.changes++
        })
        .finally(() => this.inspecting.delete(id))
      this.inspecting.set(id, pending)
    }
    return pending
  }

  private history(id: string, chains: readonly string[], signal?: AbortSignal): Promise<void> {
    if (this.historyRead.has(id)) return Promise.resolve()
    let pending = this.readingHistory.get(id)
    if (!pending) {
      const done = unlessGone(readHistory(this.docker, id, signal))
        .then((history) => {
          if (!history) return
          this.historyRead.add(id)
          this.changes++
          for (const [chain, facts] of layerFactsFromHistory(history, chains)) if (!this.factsByChain.has(chain)) this.factsByChain.set(chain, facts)
        })
        .finally(() => this.readingHistory.delete(id))
      pending = { chains, done }
      this.readingHistory.set(id, pending)
    }
    return pending.done
  }

  /**
   * Makes sure every listed image's chains and every chain's facts are known. Images that vanish
   * meanwhile are simply left out.
   */
  async update(ids: readonly string[], options: UpdateOptions = {}): Promise<{ inspected: number; histories: number }> {
    const { signal, concurrency = READ_CONCURRENCY } = options
    const missing = ids.filter((id) => !this.chainsById.has(id))
    await inPool(missing, concurrency, (id) => this.inspect(id, signal), signal)

    // Deepest images first: their histories also name every layer of the images below them.
    const covered = new Set(this.factsByChain.keys())
    for (const { chains } of this.readingHistory.values()) for (const chain of chains) covered.add(chain)
    const needHistory: Array<{ id: string; chains: readonly string[] }> = []
    const byDepth = ids.map((id) => ({ id, chains: this.chainsById.get(id) ?? [] })).sort((a, b) => b.chains.length - a.chains.length)
    for (const image of byDepth) {
      if (this.historyRead.has(image.id) || image.chains.every((chain) => covered.has(chain))) continue
      needHistory.push(image)
      for (const chain of image.chains) covered.add(chain)
    }
    await inPool(needHistory, concurrency, ({ id, chains }) => this.history(id, chains, signal), signal)
    // Histories another caller started cover chains we skipped: wait for them too.
    await Promise.all([...this.readingHistory.values()].map((pending) => pending.done.catch(() => undefined)))

    if (options.retain) this.retain(ids)
    return { inspected: missing.length, histories: needHistory.length }
  }

  private retain(ids: readonly string[]): void {
    const listed = new Set(ids)
    const liveChains = new Set<string>()
    const before = this.chainsById.size + this.historyRead.size + this.factsByChain.size
    for (const [id, chains] of this.chainsById) {
      if (!listed.has(id)) this.chainsById.delete(id)
      else for (const chain of chains) liveChains.add(chain)
    }
    for (const id of this.historyRead) if (!listed.has(id)) this.historyRead.delete(id)
    for (const chain of this.factsByChain.keys()) if (!liveChains.has(chain)) this.factsByChain.delete(chain)
    if (this.chainsById.size + this.historyRead.size + this.factsByChain.size !== before) this.changes++
  }
}
