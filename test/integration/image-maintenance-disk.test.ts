/**
 * The Disk usage page's data on a private engine (its totals are engine-wide): every figure
 * agrees with GET /system/df read straight from the engine, and each kind's clean-up previews
 * exactly what would go, removes exactly that, and skips what came into use since the preview.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { DiskKind, KindUsage } from '../../shared/disk-models'
import { call } from './handlers-kit'
import { AREA_LABELS, classicBuild, makeImage, rawDf, startPrivateSetup, useImage, type PrivateSetup } from './image-maintenance-kit'

let s: PrivateSetup
const BASE = 'berth-test/busybox:latest'
const made: Record<string, string> = {}
let heldByCache = 0

/** Runs `script` in a throwaway container with `volume` at /v, so the volume holds real bytes. */
async function fillVolume(volume: string, script: string): Promise<void> {
  const container = await s.docker.createContainer({
    Image: BASE,
    Cmd: ['sh', '-c', script],
    Labels: AREA_LABELS,
    HostConfig: { NetworkMode: 'none', Binds: [`${volume}:/v`] }
  })
  await container.start()
  await container.wait()
  await container.remove()
}

function kindOf(kinds: readonly KindUsage[], kind: DiskKind): KindUsage {
  const found = kinds.find((k) => k.kind === kind)
  if (!found) throw new Error(`no ${kind} in ${JSON.stringify(kinds)}`)
  return found
}

beforeAll(async () => {
  s = await startPrivateSetup(`im-disk-${process.pid}`)
  made.unusedImage = await makeImage(s.docker, BASE, 'disk/unused', '1', 300_000)
  made.usedImage = await makeImage(s.docker, BASE, 'disk/used', '1', 100_000)
  // A stopped container with bytes in its writable layer, and a running one.
  const stopped = await s.docker.createContainer({ Image: 'disk/used:1', name: 'stopped-writer', Cmd: ['sh', '-c', 'head -c 50000 /dev/urandom > /w'], Labels: AREA_LABELS, HostConfig: { NetworkMode: 'none' } })
  await stopped.start()
  await stopped.wait()
  made.stopped = stopped.id
  made.running = await useImage(s.docker, BASE, 'runner', true)
  // Volumes: one nobody mounts (with 70 kB), one a container mounts.
  await s.docker.createVolume({ Name: 'unused-vol', Labels: AREA_LABELS })
  await fillVolume('unused-vol', 'head -c 70000 /dev/urandom > /v/data')
  await s.docker.createVolume({ Name: 'used-vol', Labels: AREA_LABELS })
  await s.docker.createContainer({ Image: BASE, name: 'vol-user', Cmd: ['true'], Labels: AREA_LABELS, HostConfig: { NetworkMode: 'none', Binds: ['used-vol:/v'] } })
  // BuildKit leaves build cache records.
  await classicBuild(s.docker, 'disk/bk:1', `FROM ${BASE}\nRUN head -c 80000 /dev/urandom > /c\n`, '2')
}, 180_000)

afterAll(async () => {
  await s?.dispose()
})

describe('disk.usage', () => {
  it('agrees with GET /system/df for every kind', async () => {
    const usage = await call(s.core, 'disk.usage', {})
    const df = await rawDf(s.docker)
    const images = kindOf(usage.kinds, 'images')
    expect(images).toMatchObject({ count: df.Images?.length, active: df.Images?.filter((i) => (i.Containers ?? 0) > 0).length, totalBytes: df.LayersSize })
    // The images' reclaimable figure is the unused-images preview's total.
    const unused = await call(s.core, 'images.prunePreview', { mode: 'unused' })
    expect(images.reclaimableBytes).toBe(unused.reclaimableBytes)
    expect(images.reclaimableBytes).toBeGreaterThanOrEqual(300_000)

    const containers = kindOf(usage.kinds, 'containers')
    const dfContainers = df.Containers ?? []
    expect(containers).toMatchObject({
      count: dfContainers.length,
      active: dfContainers.filter((c) => c.State === 'running').length,
      totalBytes: dfContainers.reduce((sum, c) => sum + (c.SizeRw ?? 0), 0),
      reclaimableBytes: dfContainers.filter((c) => c.State !== 'running').reduce((sum, c) => sum + (c.SizeRw ?? 0), 0)
    })
    expect(containers.reclaimableBytes).toBeGreaterThanOrEqual(50_000)

    const volumes = kindOf(usage.kinds, 'volumes')
    const dfVolumes = df.Volumes ?? []
    expect(volumes).toMatchObject({
      count: dfVolumes.length,
      active: dfVolumes.filter((v) => (v.UsageData?.RefCount ?? 0) > 0).length,
      totalBytes: dfVolumes.reduce((sum, v) => sum + Math.max(v.UsageData?.Size ?? 0, 0), 0),
      reclaimableBytes: dfVolumes.find((v) => v.Name === 'unused-vol')?.UsageData?.Size
    })
    expect(volumes.reclaimableBytes).toBeGreaterThanOrEqual(70_000)

    const cache = kindOf(usage.kinds, 'buildCache')
    const records = df.BuildCache ?? []
    expect(records.length).toBeGreaterThan(0)
    expect(cache).toMatchObject({
      count: records.length,
      active: records.filter((r) => r.InUse).length,
      reclaimableBytes: records.filter((r) => !r.InUse && !r.Shared).reduce((sum, r) => sum + (r.Size ?? 0), 0)
    })
  })
})

describe('clean-up per kind', () => {
  it('images: previews the unused ones, removes exactly those', async () => {
    const preview = await call(s.core, 'disk.cleanupPreview', { kind: 'images' })
    expect(preview.items.map((i) => i.name).sort()).toEqual(['disk/bk:1', 'disk/unused:1'])
    // disk/bk:1's own layer (80 kB) is BuildKit's: its cache keeps it until the build cache goes.
    heldByCache = (await call(s.core, 'images.prunePreview', { mode: 'unused' })).heldByBuildCacheBytes
    expect(heldByCache).toBe(80_000)
    expect(preview.note).toMatch(/80000 bytes .* held by the build cache/)
    const before = (await rawDf(s.docker)).LayersSize ?? 0
    const result = await call(s.core, 'disk.cleanup', { kind: 'images', ids: preview.items.map((i) => i.id) })
    expect(result.removed.map((r) => r.name).sort()).toEqual(['disk/bk:1', 'disk/unused:1'])
    expect(result.reclaimedBytes).toBe(preview.totalBytes)
    // The engine's image-layer total also drops by the BuildKit layer: it now counts as build
    // cache (still on disk) until that is cleaned up.
    expect(before - ((await rawDf(s.docker)).LayersSize ?? 0)).toBe(preview.totalBytes + heldByCache)
    const cacheBytes = ((await rawDf(s.docker)).BuildCache ?? []).filter((r) => !r.Shared).map((r) => r.Size)
    expect(cacheBytes).toContain(heldByCache)
  })

  it('containers: previews the stopped ones with their writable layer, removes exactly those', async () => {
    const preview = await call(s.core, 'disk.cleanupPreview', { kind: 'containers' })
    expect(preview.items.map((i) => i.name).sort()).toEqual(['stopped-writer', 'vol-user'])
    expect(preview.items.find((i) => i.name === 'stopped-writer')?.bytes).toBeGreaterThanOrEqual(50_000)
    const result = await call(s.core, 'disk.cleanup', { kind: 'containers', ids: preview.items.map((i) => i.id) })
    expect(result.removed.map((r) => r.name).sort()).toEqual(['stopped-writer', 'vol-user'])
    expect(result.reclaimedBytes).toBe(preview.totalBytes)
    expect((await s.docker.getContainer(made.running).inspect()).State.Running).toBe(true)
  })

  it('volumes: previews the unused local ones by name, skips one mounted since the preview', async () => {
    // vol-user went with the containers: both volumes are unused now.
    const preview = await call(s.core, 'disk.cleanupPreview', { kind: 'volumes' })
    expect(preview.items.map((i) => i.id).sort()).toEqual(['unused-vol', 'used-vol'])
    expect(preview.items.find((i) => i.id === 'unused-vol')?.bytes).toBeGreaterThanOrEqual(70_000)
    await s.docker.createContainer({ Image: BASE, name: 'late-mount', Cmd: ['true'], Labels: AREA_LABELS, HostConfig: { NetworkMode: 'none', Binds: ['used-vol:/v'] } })
    const result = await call(s.core, 'disk.cleanup', { kind: 'volumes', ids: preview.items.map((i) => i.id) })
    expect(result.removed).toEqual([{ id: 'unused-vol', name: 'unused-vol', bytes: preview.items.find((i) => i.id === 'unused-vol')?.bytes }])
    expect(result.skipped).toEqual([{ id: 'used-vol', name: 'used-vol', reason: 'a container uses it now' }])
    const names = ((await s.docker.listVolumes()).Volumes ?? []).map((v) => v.Name)
    expect(names).toContain('used-vol')
    expect(names).not.toContain('unused-vol')
  })

  it('build cache: previews the records not in use, removes them by id, reports what the engine removed', async () => {
    const preview = await call(s.core, 'disk.cleanupPreview', { kind: 'buildCache' })
    const records = ((await rawDf(s.docker)).BuildCache ?? []).filter((r) => !r.InUse)
    expect(preview.items.map((i) => i.id).sort()).toEqual(records.map((r) => r.ID).sort())
    expect(preview.totalBytes).toBe(records.filter((r) => !r.Shared).reduce((sum, r) => sum + (r.Size ?? 0), 0))
    expect(preview.totalBytes).toBeGreaterThanOrEqual(heldByCache)
    const result = await call(s.core, 'disk.cleanup', { kind: 'buildCache', ids: preview.items.map((i) => i.id) })
    expect(result.skipped).toEqual([])
    // What the engine says it reclaimed: the records' bytes, the layer left by the image included.
    expect(result.reclaimedBytes).toBe(preview.totalBytes)
    expect(result.removed.map((r) => r.id).sort()).toEqual(preview.items.map((i) => i.id).sort())
    expect((await rawDf(s.docker)).BuildCache ?? []).toEqual([])
  })

  it('refuses ids that are not build cache ids before asking the engine', async () => {
    await expect(call(s.core, 'disk.cleanup', { kind: 'buildCache', ids: ['Not-An-Id'] })).rejects.toThrow(/not a build cache record id/)
  })
})
