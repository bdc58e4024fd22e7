/**
 * images.layerTree and images.inspect against the real test engine, on a family of images built
 * with the classic builder (test/e2e/support/image-family.ts): two children FROM one base share the base's
 * layers in the tree, their own layers are theirs alone, and the details read back what the
 * Dockerfiles said. Chain ids and layer sizes are checked against the engine's own layer
 * database (DockerRootDir/image/DRIVER/layerdb/sha256/CHAIN/size), not against Berth's arithmetic.
 */
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createCore, type Core } from '../../electron/core/app'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { LayerTree } from '../../shared/image-details-models'
import { EngineApi } from '../e2e/support/engine-api'
import { tag } from '../e2e/support/image-api'
import { call, createTestCore, removeLabelledContainers, uniqueName, type TestCore } from './handlers-kit'
import { buildFamily, removeFamily, type ImageFamily } from '../e2e/support/image-family'

let t: TestCore
let engine: EngineApi
let family: ImageFamily
let ids: { base: string; childA: string; childB: string; busybox: string }
let layerDb: string | null = null

const idOf = async (reference: string): Promise<string> => ((await engine.ok('GET', `/images/${encodeURIComponent(reference)}/json`)) as { Id: string }).Id

beforeAll(async () => {
  t = await createTestCore()
  engine = new EngineApi(t.host.dockerSocket)
  family = await buildFamily(engine, t.host.testImage)
  ids = { base: await idOf(family.base), childA: await idOf(family.childA), childB: await idOf(family.childB), busybox: await idOf(t.host.testImage) }
  const info = (await engine.ok('GET', '/info')) as { DockerRootDir: string; Driver: string }
  const dir = join(info.DockerRootDir, 'image', info.Driver, 'layerdb', 'sha256')
  layerDb = existsSync(dir) ? dir : null
}, 120_000)

afterAll(async () => {
  await removeLabelledContainers(t)
  if (family) await removeFamily(engine, family)
  engine?.close()
  await t.dispose()
})

function nodeOfImage(tree: LayerTree, imageId: string) {
  const image = tree.images.find((i) => i.id === imageId)
  expect(image, `image ${imageId} is in the tree`).toBeDefined()
  return { image: image!, node: tree.nodes[image!.node], index: image!.node }
}

function ancestors(tree: LayerTree, index: number): number[] {
  const path: number[] = []
  for (let at = index; at >= 0; at = tree.nodes[at].parent) path.unshift(at)
  return path
}

describe('images.layerTree', () => {
  it('shows two images built FROM one base sharing the base\'s layers (same chain ids, counted once)', async () => {
    const tree = await call(t.core, 'images.layerTree', {})
    const base = nodeOfImage(tree, ids.base)
    const a = nodeOfImage(tree, ids.childA)
    const b = nodeOfImage(tree, ids.childB)
    const busybox = nodeOfImage(tree, ids.busybox)

    const basePath = ancestors(tree, base.index)
    // busybox layer + two RUN layers; each child adds its RUN layer and its WORKDIR's layer
    // (the classic builder commits the folder it creates) on top of exactly that path.
    expect(basePath).toHaveLength(3)
    expect(basePath[0]).toBe(busybox.index)
    const ownOf = (index: number) => {
      const path = ancestors(tree, index)
      expect(path.slice(0, 3)).toEqual(basePath)
      return path.slice(3).map((at) => tree.nodes[at])
    }
    const ownA = ownOf(a.index)
    const ownB = ownOf(b.index)
    expect(ownA.map((n) => n.createdBy)).toEqual([`RUN head -c ${family.childBytes.a} /dev/urandom > /a.bin`, 'WORKDIR /srv'])
    expect(ownB.map((n) => n.createdBy)).toEqual([`RUN head -c ${family.childBytes.b} /dev/urandom > /b.bin`, 'WORKDIR /srv'])
    expect(tree.nodes[basePath[2]].createdBy).toBe('RUN head -c 20000 /dev/urandom > /base-blob')
    // Each chain appears once in the whole tree; the children's layers are theirs alone.
    expect(new Set(tree.nodes.map((n) => n.chainId)).size).toBe(tree.nodes.length)
    expect([...ownA, ...ownB].map((n) => n.usedBy)).toEqual([1, 1, 1, 1])
    expect(base.node.usedBy).toBeGreaterThanOrEqual(3)

    // Sizes: the child's RUN layer holds its random file; what it shares is exactly the base.
    const bytes = (nodes: typeof ownA) => nodes.reduce((sum, n) => sum + n.size, 0)
    expect(ownA[0].size).toBeGreaterThanOrEqual(family.childBytes.a)
    expect(ownA[0].size).toBeLessThan(family.childBytes.a + 1024)
    expect(ownB[0].size).toBeGreaterThanOrEqual(family.childBytes.b)
    expect(a.image.uniqueSize).toBe(bytes(ownA))
    expect(b.image.uniqueSize).toBe(bytes(ownB))
    expect(a.image.sharedSize).toBe(base.node.cumulativeSize)
    expect(base.image.uniqueSize).toBe(0)
    expect(a.node.cumulativeSize).toBe(base.node.cumulativeSize + bytes(ownA))
    // The engine's own sizes agree: an image is the sum of its layers.
    expect(a.node.cumulativeSize).toBe(a.image.size)
    expect(base.node.cumulativeSize).toBe(base.image.size)

    // Shared bytes counted once: this family takes base + a + b on disk, not 3 × base + a + b.
    const familyNodes = new Set([...ancestors(tree, a.index), ...ancestors(tree, b.index)])
    const onDisk = [...familyNodes].reduce((sum, index) => sum + tree.nodes[index].size, 0)
    expect(onDisk).toBe(base.image.size + a.image.uniqueSize + b.image.uniqueSize)
    expect(tree.totals.layerBytes).toBeLessThan(tree.totals.imageBytes)
  })

  it('uses the chain ids and layer sizes the engine keeps in its own layer database', async (context) => {
    if (!layerDb) return context.skip()
    const tree = await call(t.core, 'images.layerTree', {})
    const path = ancestors(tree, nodeOfImage(tree, ids.childA).index).map((index) => tree.nodes[index])
    for (const node of path) {
      const dir = join(layerDb, node.chainId.replace(/^sha256:/, ''))
      expect(existsSync(dir), `layerdb has ${node.chainId}`).toBe(true)
      expect(Number(readFileSync(join(dir, 'size'), 'utf8'))).toBe(node.size)
    }
  })

  it('marks the classic builder\'s untagged steps as intermediate images, not dangling', async () => {
    const tree = await call(t.core, 'images.layerTree', {})
    const listed = (await engine.ok('GET', '/images/json?all=1')) as Array<{ Id: string; ParentId: string }>
    const parentOfA = listed.find((i) => i.Id === ids.childA)?.ParentId
    expect(parentOfA).toBeTruthy()
    const step = tree.images.find((i) => i.id === parentOfA)
    expect(step).toMatchObject({ intermediate: true, dangling: false, repoTags: [] })
  })

  it('reads each image once: a second tree inspects only images that are new since the first', async () => {
    const fresh = await createTestCore()
    try {
      const first = await call(fresh.core, 'images.layerTree', {})
      expect(first.stats.inspected).toBe(first.stats.images)
      const extraTag = `image-details-retag-${family.run}`
      await tag(engine, family.childA, extraTag, 'v2')
      const second = await call(fresh.core, 'images.layerTree', {})
      const seen = new Set(first.images.map((i) => i.id))
      expect(second.stats.inspected).toBe(second.images.filter((i) => !seen.has(i.id)).length)
      // Tags come from the list, never from the cache.
      expect(second.images.find((i) => i.id === ids.childA)?.repoTags).toContain(`${extraTag}:v2`)
      await engine.ok('DELETE', `/images/${encodeURIComponent(`${extraTag}:v2`)}`)
    } finally {
      await fresh.dispose()
    }
  })
})

describe('layer facts across restarts', () => {
  let dir: string
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'berth-facts-'))
  })
  afterAll(() => rmSync(dir, { recursive: true, force: true }))
  /** A Berth start on the same config folder each time (as the app restarts). */
  const start = (): Promise<Core> => createCore({ env: { PATH: process.env.PATH, DOCKER_HOST: t.host.dockerHost }, configDir: join(dir, 'config'), homeDir: join(dir, 'home') })
  const shape = (tree: LayerTree) => tree.nodes.map((n) => `${n.chainId} ${n.size} ${n.createdBy}`).sort()

  it('the first tree after a restart reads from the engine only images it has not seen before, and draws the same tree', async () => {
    const first = await start()
    const before = await call(first, 'images.layerTree', {})
    await first.close()
    expect(before.stats.inspected).toBe(before.stats.images)

    const second = await start()
    try {
      const after = await call(second, 'images.layerTree', {})
      const seen = new Set(before.images.map((i) => i.id))
      expect(after.stats.inspected).toBe(after.images.filter((i) => !seen.has(i.id)).length)
      expect(after.stats.histories).toBeLessThanOrEqual(after.stats.inspected)
      const known = (tree: LayerTree) => shape({ ...tree, nodes: tree.nodes.filter((n) => before.nodes.some((b) => b.chainId === n.chainId)) })
      expect(known(after)).toEqual(shape(before))
    } finally {
      await second.close()
    }
  })

  it('a damaged facts file costs a full read, not the tree', async () => {
    const cacheDir = join(dir, 'config', 'cache')
    const files = readdirSync(cacheDir).filter((name) => name.startsWith('layer-facts-'))
    expect(files.length).toBeGreaterThan(0)
    for (const name of files) writeFileSync(join(cacheDir, name), '{"version":1,"images":{"sha256:')
    const core = await start()
    try {
      const tree = await call(core, 'images.layerTree', {})
      expect(tree.stats.inspected).toBe(tree.stats.images)
      expect(tree.images.find((i) => i.id === ids.childA)).toBeDefined()
    } finally {
      await core.close()
    }
  })
})

describe('warming the layer facts after the images list', () => {
  it('reads in the background what the tree needs of the listed images: opening the tree reads only newer or intermediate ones', async () => {
    const fresh = await createTestCore()
    try {
      const before = new Set(((await engine.ok('GET', '/images/json?all=1')) as Array<{ Id: string }>).map((i) => i.Id))
      await call(fresh.core, 'images.list', {})
      // The list started a warm-up; wait for it to end (the app never waits).
      await (await fresh.core.engines.whenActive(new AbortController().signal)).imageDetails.idle()
      const tree = await call(fresh.core, 'images.layerTree', {})
      // The list shows no intermediate images (classic-build steps): the tree reads those itself.
      const notWarmed = tree.images.filter((i) => !before.has(i.id) || i.intermediate).length
      expect(tree.stats.images).toBeGreaterThan(notWarmed + 3)
      expect(tree.stats.inspected).toBeLessThanOrEqual(notWarmed)
    } finally {
      await fresh.dispose()
    }
  })
})

describe('images.inspect', () => {
  it('reads a built image: history with readable steps and empty ones marked, config, platform', async () => {
    const details = await call(t.core, 'images.inspect', { id: family.childA })
    expect(details.id).toBe(ids.childA)
    expect(details.repoTags).toEqual([family.childA])
    expect(details.os).toBe('linux')
    expect(details.architecture).toBeTruthy()
    // busybox, two RUNs of the base, the child's RUN and its WORKDIR.
    expect(details.layerCount).toBe(5)
    const steps = details.history.map((h) => [h.createdBy, h.empty])
    expect(steps).toEqual(expect.arrayContaining([
      [`RUN echo ${family.run} > /base-marker`, false],
      ['RUN head -c 20000 /dev/urandom > /base-blob', false],
      ['ENV BASE_VERSION=1', true],
      [`RUN head -c ${family.childBytes.a} /dev/urandom > /a.bin`, false],
      ['ENV CHILD=a', true],
      ['WORKDIR /srv', false],
      ['USER nobody', true],
      ['EXPOSE 53/udp 8080/tcp', true],
      ['VOLUME [/data]', true],
      ['CMD ["echo a"]', true]
    ]))
    // Oldest first: the busybox import, then the base's steps, then the child's.
    expect(details.history[0].comment).toBe('Imported from -')
    expect(details.history.at(-1)?.createdBy).toMatch(/^LABEL /)
    const run = details.history.find((h) => h.createdBy.startsWith('RUN head -c 3000'))!
    expect(run.size).toBeGreaterThanOrEqual(family.childBytes.a)
    expect(run.chainId).toMatch(/^sha256:[0-9a-f]{64}$/)
    expect(details.history.filter((h) => !h.empty)).toHaveLength(details.layerCount)
    expect(details.history.find((h) => h.createdBy === 'ENV CHILD=a')?.chainId).toBeUndefined()

    expect(details.config).toMatchObject({
      cmd: ['echo a'],
      entrypoint: ['/bin/sh', '-c'],
      workingDir: '/srv',
      user: 'nobody',
      exposedPorts: ['53/udp', '8080/tcp'],
      volumes: ['/data']
    })
    expect(details.config.env).toEqual(expect.arrayContaining(['BASE_VERSION=1', 'CHILD=a']))
    expect(details.config.labels).toMatchObject({ 'berth.test.area': 'image-details', 'image-details.child': 'a' })
    expect(details.parentId).toMatch(/^sha256:/)
  })

  it('lists the containers made from exactly this image, with names and states', async () => {
    const make = async (image: string, name: string, start: boolean): Promise<string> => {
      const container = await t.docker.createContainer({ Image: image, name, Entrypoint: ['sh', '-c'], Cmd: ['trap "exit 0" TERM; sleep 300 & wait'], Labels: t.labels })
      if (start) await container.start()
      return container.id
    }
    const running = await make(family.childA, uniqueName('image-details-running'), true)
    const created = await make(family.childA, uniqueName('image-details-created'), false)
    const ofB = await make(family.childB, uniqueName('image-details-other'), false)

    const details = await call(t.core, 'images.inspect', { id: ids.childA })
    const byId = new Map(details.containers.map((c) => [c.id, c]))
    expect(byId.get(running)).toMatchObject({ state: 'running' })
    expect(byId.get(created)).toMatchObject({ state: 'created' })
    expect(byId.get(running)?.name).toMatch(/^image-details-running-/)
    expect(byId.has(ofB)).toBe(false)
    // The base is an ancestor of child-a, but those containers were not made from it.
    const base = await call(t.core, 'images.inspect', { id: family.base })
    expect(base.containers.map((c) => c.id)).not.toContain(running)
  })

  it('says in words that an image is gone, and refuses a malformed id before any engine call', async () => {
    await expect(call(t.core, 'images.inspect', { id: `image-details-missing-${family.run}:none` })).rejects.toMatchObject({
      code: 'NOT_FOUND',
      message: expect.stringMatching(/There is no image .* on this engine/)
    })
    await expect(call(t.core, 'images.inspect', { id: 'bad id with spaces' })).rejects.toThrow(/letters, digits/)
  })
})
