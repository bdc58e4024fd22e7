/**
 * Many small images, fast: instead of building or committing each one (0.1–3 s apiece), we write
 * what `docker save` would have written — one tar with a manifest.json, each image's config JSON
 * and each distinct layer's tar once — and `docker load` it in one request. The engine checks every
 * layer against the config's diff ids, so these are real images with real layers.
 *
 * The images form a tree like a real engine's: a few bases (one 64 kB layer each), families built
 * FROM a base (an 8 kB layer), and leaves built FROM a family (a 1 kB layer, shared by two leaves
 * that differ by a label: the engine unpacks each distinct layer in a child process of its own,
 * ~0.1 s apiece here, so fewer layers load faster). One leaf in ten is untagged (dangling).
 * Every config carries berth.test labels.
 */
import { createHash } from 'node:crypto'
import { pack } from 'tar-stream'
import type { EngineApi } from '../test/e2e/support/engine-api'
import { send } from '../test/e2e/support/image-api'

export const FLEET_LABELS: Record<string, string> = { 'berth.test': '1', 'berth.test.area': 'image-details', 'berth.test.suite': 'bench-images' }

interface Layer {
  diffId: string
  path: string
  tar: Buffer
  createdBy: string
}

interface PlannedImage {
  tags: string[] | null
  layers: Layer[]
  /** Makes configs of images with the same layers differ (a label), so they are distinct images. */
  variant?: string
}

const MTIME = new Date('2026-01-01T00:00:00Z')

/** Deterministic filler so layers of the same name are identical across runs (and across bases). */
function filler(seed: string, bytes: number): Buffer {
  const out = Buffer.alloc(bytes)
  let block = createHash('sha256').update(seed).digest()
  for (let offset = 0; offset < bytes; offset += block.length) {
    block.copy(out, offset)
    block = createHash('sha256').update(block).digest()
  }
  return out
}

async function layerTar(name: string, contents: Buffer): Promise<Buffer> {
  const archive = pack()
  archive.entry({ name: 'bench', type: 'directory', mode: 0o755, mtime: MTIME })
  archive.entry({ name: `bench/${name}`, mode: 0o644, mtime: MTIME }, contents)
  archive.finalize()
  const chunks: Buffer[] = []
  for await (const chunk of archive) chunks.push(chunk as Buffer)
  return Buffer.concat(chunks)
}

async function makeLayer(name: string, bytes: number, createdBy: string): Promise<Layer> {
  const tar = await layerTar(name, filler(name, bytes))
  const hex = createHash('sha256').update(tar).digest('hex')
  return { diffId: `sha256:${hex}`, path: `${hex}/layer.tar`, tar, createdBy }
}

/** Images `from` (inclusive) to `to` (exclusive) of one fleet layout; the same index always makes the same image. */
async function planImages(from: number, to: number, prefix: string): Promise<PlannedImage[]> {
  const bases = 4
  const families = 20
  const baseLayers = await Promise.all(Array.from({ length: bases }, (_, b) => makeLayer(`base-${b}`, 64_000, `/bin/sh -c #(nop) ADD file:base-${b} in / `)))
  const familyLayers = await Promise.all(Array.from({ length: families }, (_, f) => makeLayer(`family-${f}`, 8_000, `/bin/sh -c make family-${f}`)))
  const images: PlannedImage[] = []
  for (let index = from; index < to; index++) {
    if (index < bases) {
      images.push({ tags: [`${prefix}base-${index}:1`], layers: [baseLayers[index]] })
    } else if (index < bases + families) {
      const f = index - bases
      images.push({ tags: [`${prefix}family-${f}:1`], layers: [baseLayers[f % bases], familyLayers[f]] })
    } else {
      // Two images per leaf layer, told apart by a label: one Dockerfile built twice with another LABEL.
      const pair = Math.floor(index / 2)
      const f = pair % families
      const leaf = await makeLayer(`leaf-${pair}`, 1_000, `/bin/sh -c echo leaf-${pair} > /bench/leaf`)
      const tags = index % 10 === 0 ? null : [`${prefix}leaf-${String(index).padStart(4, '0')}:1`]
      images.push({ tags, layers: [baseLayers[f % bases], familyLayers[f], leaf], variant: String(index) })
    }
  }
  return images
}

function configOf(image: PlannedImage): Buffer {
  const created = MTIME.toISOString()
  return Buffer.from(JSON.stringify({
    architecture: 'amd64',
    os: 'linux',
    created,
    config: { Cmd: ['/bin/sh'], Labels: { ...FLEET_LABELS, 'bench.variant': image.variant ?? '' }, Env: ['PATH=/bin'] },
    rootfs: { type: 'layers', diff_ids: image.layers.map((layer) => layer.diffId) },
    history: [
      ...image.layers.map((layer) => ({ created, created_by: layer.createdBy })),
      { created, created_by: '/bin/sh -c #(nop)  CMD ["/bin/sh"]', empty_layer: true }
    ]
  }))
}

/** The `docker save` tar of the planned images. */
async function archiveOf(images: readonly PlannedImage[]): Promise<Buffer> {
  const archive = pack()
  const chunks: Buffer[] = []
  const collected = (async () => {
    for await (const chunk of archive) chunks.push(chunk as Buffer)
  })()
  const written = new Set<string>()
  const manifest = []
  for (const image of images) {
    for (const layer of image.layers) {
      if (written.has(layer.path)) continue
      written.add(layer.path)
      archive.entry({ name: layer.path, mode: 0o644, mtime: MTIME }, layer.tar)
    }
    const config = configOf(image)
    const configName = `${createHash('sha256').update(config).digest('hex')}.json`
    if (!written.has(configName)) archive.entry({ name: configName, mode: 0o644, mtime: MTIME }, config)
    written.add(configName)
    manifest.push({ Config: configName, RepoTags: image.tags, Layers: image.layers.map((layer) => layer.path) })
  }
  archive.entry({ name: 'manifest.json', mode: 0o644, mtime: MTIME }, JSON.stringify(manifest))
  archive.finalize()
  await collected
  return Buffer.concat(chunks)
}

export interface LoadedFleet {
  images: number
  generateMs: number
  loadMs: number
  archiveBytes: number
}

const LOAD_CONCURRENCY = 4

/**
 * Generates images `from`..`to` of the layout and loads them into `engine`: the bases and
 * families first, then the leaves in a few concurrent loads (the engine unpacks each layer in a
 * child process of its own, so one load keeps one core busy at most).
 */
export async function loadFleet(engine: EngineApi, from: number, to: number, prefix = 'bench-images-'): Promise<LoadedFleet> {
  const started = performance.now()
  const planned = await planImages(from, to, prefix)
  const shared = planned.filter((image) => image.layers.length < 3)
  const leaves = planned.filter((image) => image.layers.length === 3)
  const chunk = Math.ceil(leaves.length / LOAD_CONCURRENCY)
  const groups = Array.from({ length: LOAD_CONCURRENCY }, (_, i) => leaves.slice(i * chunk, (i + 1) * chunk)).filter((group) => group.length > 0)
  const archives = await Promise.all(groups.map(archiveOf))
  const sharedArchive = shared.length > 0 ? await archiveOf(shared) : null
  const generated = performance.now()
  const load = (archive: Buffer): Promise<string> => send(engine, 'POST', '/images/load?quiet=1', archive, { 'content-type': 'application/x-tar' })
  if (sharedArchive) await load(sharedArchive)
  await Promise.all(archives.map(load))
  const archiveBytes = archives.reduce((sum, archive) => sum + archive.length, sharedArchive?.length ?? 0)
  return { images: to - from, generateMs: generated - started, loadMs: performance.now() - generated, archiveBytes }
}
