/**
 * Image prune on a private engine (prune is engine-wide: never on the shared one). The preview
 * lists exactly the dangling / unused images; prune removes exactly those and refuses one a
 * container started using after the preview; and the bytes the preview promised are the bytes the
 * engine's own layer total (GET /system/df LayersSize) drops by.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { call } from './handlers-kit'
import { classicBuild, makeImage, rawDf, startPrivateSetup, useImage, type PrivateSetup } from './image-maintenance-kit'

let s: PrivateSetup
const BASE = 'berth-test/busybox:latest'
const ids: Record<string, string> = {}

async function layersSize(): Promise<number> {
  return (await rawDf(s.docker)).LayersSize ?? 0
}

async function present(id: string): Promise<boolean> {
  return s.docker
    .getImage(id)
    .inspect()
    .then(
      () => true,
      () => false
    )
}

beforeAll(async () => {
  s = await startPrivateSetup(`im-prune-${process.pid}`)
  ids.used = await makeImage(s.docker, BASE, 'keep/used', '1', 100_000)
  await useImage(s.docker, ids.used, 'user-of-used')
  // Commits without a name are dangling: no tags, nothing built on them.
  ids.danglingA = await makeImage(s.docker, BASE, undefined, '', 200_000)
  ids.danglingB = await makeImage(s.docker, BASE, undefined, '', 250_000)
  ids.unusedD = await makeImage(s.docker, BASE, 'unused/d', '1', 300_000)
  ids.parentP = await makeImage(s.docker, BASE, 'unused/p', '1', 120_000)
  ids.childQ = await makeImage(s.docker, 'unused/p:1', 'unused/q', '1', 130_000)
  // A rebuild under the same tag leaves the old build dangling, with its intermediate images.
  ids.oldBuild = await classicBuild(s.docker, 'built:1', `FROM ${BASE}\nRUN head -c 150000 /dev/urandom > /x\nRUN true\nENV V=1\n`)
  ids.newBuild = await classicBuild(s.docker, 'built:1', `FROM ${BASE}\nRUN head -c 160000 /dev/urandom > /x\nENV V=2\n`)
}, 180_000)

afterAll(async () => {
  await s?.dispose()
})

describe('prune dangling images', () => {
  it('previews exactly the dangling ones with the bytes the engine then frees; refuses one used since', async () => {
    const preview = await call(s.core, 'images.prunePreview', { mode: 'dangling' })
    expect(preview.images.map((image) => image.id).sort()).toEqual([ids.danglingA, ids.danglingB, ids.oldBuild].sort())
    expect(preview.images.every((image) => image.tags.length === 0)).toBe(true)
    // Each holds at least the bytes it wrote (its own layer), and the total counts each layer once.
    const byId = new Map(preview.images.map((image) => [image.id, image]))
    expect(byId.get(ids.danglingA)?.uniqueBytes).toBeGreaterThanOrEqual(200_000)
    expect(byId.get(ids.oldBuild)?.uniqueBytes).toBeGreaterThanOrEqual(150_000)
    expect(preview.reclaimableBytes).toBe(preview.images.reduce((sum, image) => sum + image.uniqueBytes, 0))

    // After the preview, a container starts using B: prune must keep it and say why.
    await useImage(s.docker, ids.danglingB, 'late-user')
    const before = await layersSize()
    const result = await call(s.core, 'images.prune', { ids: preview.images.map((image) => image.id) })
    const after = await layersSize()

    expect(result.removed.map((image) => image.id).sort()).toEqual([ids.danglingA, ids.oldBuild].sort())
    expect(result.refused).toEqual([{ id: ids.danglingB, label: expect.stringMatching(/^<none> [0-9a-f]{12}$/), reason: 'used since the preview by late-user (created)' }])
    expect(await present(ids.danglingB)).toBe(true)
    expect(await present(ids.danglingA)).toBe(false)
    expect(await present(ids.oldBuild)).toBe(false)
    // What was reported reclaimed is what the engine's own layer total lost, and what was previewed for those two.
    expect(result.reclaimedBytes).toBe(before - after)
    expect(result.reclaimedBytes).toBe(preview.reclaimableBytes - (byId.get(ids.danglingB)?.uniqueBytes ?? 0))
    // Nothing that was not previewed went.
    for (const key of ['used', 'unusedD', 'parentP', 'childQ', 'newBuild']) expect(await present(ids[key])).toBe(true)
  })
})

describe('prune all unused images', () => {
  it('previews every image no container uses (children before their parents), removes exactly those', async () => {
    const preview = await call(s.core, 'images.prunePreview', { mode: 'unused' })
    // busybox stays: images in use are built on it. B is used now.
    expect(preview.images.map((image) => image.id).sort()).toEqual([ids.unusedD, ids.parentP, ids.childQ, ids.newBuild].sort())
    const labelled = await call(s.core, 'images.prunePreview', { mode: 'unused', label: 'berth.test.area=image-maintenance' })
    // Built images carry our labels via the build's labels; commits via LABEL changes: the same set.
    expect(labelled.images.map((image) => image.id).sort()).toEqual(preview.images.map((image) => image.id).sort())

    const before = await layersSize()
    const result = await call(s.core, 'images.prune', { ids: preview.images.map((image) => image.id) })
    expect(result.refused).toEqual([])
    expect(result.removed.map((image) => image.id).sort()).toEqual(preview.images.map((image) => image.id).sort())
    expect(before - (await layersSize())).toBe(preview.reclaimableBytes)
    expect(result.reclaimedBytes).toBe(preview.reclaimableBytes)
    expect(await present(ids.used)).toBe(true)
    expect(await present(BASE)).toBe(true)
  })

  it('an empty id list is refused before any engine call', async () => {
    await expect(call(s.core, 'images.prune', { ids: [] })).rejects.toThrow(/nothing to remove/)
  })
})
