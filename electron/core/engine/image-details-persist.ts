/**
 * The layer tree's facts kept on disk, one file per engine, so that the first tree after Berth
 * restarts costs one list call instead of an inspect (and often a history) per image.
 *
 * Safe to keep: an image id is the digest of its config, which holds the layer diff ids and the
 * history, so what was read for an id can never change. Tags are not kept (the tree takes them
 * from the list). Images gone from the engine are forgotten at the next tree (LayerFactsCache's
 * retain), and the file follows. The file is ours but may be damaged or from another version:
 * anything that doesn't have the expected shape is dropped, never trusted, never fatal.
 */
import { createHash, randomBytes } from 'node:crypto'
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { LayerFacts } from './image-details-tree'

export const LAYER_FACTS_VERSION = 1

export interface LayerFactsSnapshot {
  version: typeof LAYER_FACTS_VERSION
  /** Image id → its chain ids, base first. */
  images: Record<string, string[]>
  /** Chain id → the layer's size and instruction. */
  layers: Record<string, LayerFacts>
  /** Images whose history was read (so it isn't read again for layers it left unexplained). */
  historyRead: string[]
}

/** Writes wait this long for more changes: a warm-up reads in many small passes. */
const SAVE_DELAY_MS = 1_000

const DIGEST = /^sha256:[0-9a-f]{64}$/

/** Where an engine's facts live: the id is hashed (it may hold a user name, a host, slashes). */
export function layerFactsPath(cacheDir: string, engineId: string): string {
  const key = createHash('sha256').update(engineId).digest('hex').slice(0, 16)
  return join(cacheDir, `layer-facts-${key}.json`)
}

/** Keeps only well-formed entries of a parsed file; null when it isn't one of ours at all. */
export function validSnapshot(raw: unknown): LayerFactsSnapshot | null {
  if (typeof raw !== 'object' || raw === null) return null
  const value = raw as Partial<Record<keyof LayerFactsSnapshot, unknown>>
  if (value.version !== LAYER_FACTS_VERSION) return null
  const snapshot: LayerFactsSnapshot = { version: LAYER_FACTS_VERSION, images: {}, layers: {}, historyRead: [] }
  for (const [id, chains] of Object.entries(asRecord(value.images))) {
    if (DIGEST.test(id) && Array.isArray(chains) && chains.every((chain) => typeof chain === 'string' && DIGEST.test(chain))) snapshot.images[id] = chains
  }
  for (const [chain, facts] of Object.entries(asRecord(value.layers))) {
    const f = facts as Partial<LayerFacts> | null
    if (DIGEST.test(chain) && f && typeof f.size === 'number' && Number.isFinite(f.size) && f.size >= 0 && typeof f.createdBy === 'string') {
      snapshot.layers[chain] = { size: f.size, createdBy: f.createdBy }
    }
  }
  if (Array.isArray(value.historyRead)) snapshot.historyRead = value.historyRead.filter((id): id is string => typeof id === 'string' && DIGEST.test(id))
  return snapshot
}

function asRecord(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {}
}

export class LayerFactsFile {
  private timer: ReturnType<typeof setTimeout> | null = null
  private take: (() => LayerFactsSnapshot) | null = null
  private writing: Promise<void> = Promise.resolve()

  constructor(
    readonly path: string,
    private readonly log: (message: string) => void = () => {}
  ) {}

  async load(): Promise<LayerFactsSnapshot | null> {
    let text: string
    try {
      text = await readFile(this.path, 'utf8')
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') this.log(`layer facts: not read (${(err as Error).message}); the tree reads the engine`)
      return null
    }
    try {
      return validSnapshot(JSON.parse(text))
    } catch {
      this.log(`layer facts: ${this.path} is damaged; starting empty`)
      return null
    }
  }

  /** Saves what `take` returns a moment from now; later calls within the delay join this save. */
  scheduleSave(take: () => LayerFactsSnapshot): void {
    this.take = take
    if (this.timer) return
    this.timer = setTimeout(() => void this.saveNow(), SAVE_DELAY_MS)
    this.timer.unref?.()
  }

  /** Writes a scheduled save at once (the engine client is closing); resolves when on disk. */
  async flush(): Promise<void> {
    if (this.timer) await this.saveNow()
    await this.writing
  }

  private saveNow(): Promise<void> {
    if (this.timer) clearTimeout(this.timer)
    this.timer = null
    const take = this.take
    this.take = null
    if (!take) return this.writing
    // Chained: two saves never interleave; temp file + rename: a crash never leaves half a file.
    this.writing = this.writing.then(() => this.write(take())).catch((err: Error) => this.log(`layer facts: not saved (${err.message})`))
    return this.writing
  }

  private async write(snapshot: LayerFactsSnapshot): Promise<void> {
    const dir = join(this.path, '..')
    await mkdir(dir, { recursive: true })
    const temp = `${this.path}.${randomBytes(6).toString('hex')}.tmp`
    try {
      await writeFile(temp, JSON.stringify(snapshot), { mode: 0o600 })
      await rename(temp, this.path)
    } catch (err) {
      await rm(temp, { force: true })
      throw err
    }
  }
}
