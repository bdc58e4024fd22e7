/**
 * Prune in two steps, on a PRIVATE engine (pruning the shared one would take other suites'
 * objects): the preview lists exactly the unused volumes (anonymous only, or all) with their
 * sizes, and the unused networks; prune then removes exactly the previewed ones — not one that
 * appeared after the preview, and not one that came into use since.
 */
import Docker from 'dockerode'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createCore, type Core } from '../../electron/core/app'
import { ensureTestImage, startPrivateEngine, type PrivateEngine } from '../support/privateEngine'
import { call } from './handlers-kit'
import { runOnVolume } from './volumes-kit'

let engine: PrivateEngine
let core: Core
let docker: Docker
let image: string
let dir: string
const labels = { 'berth.test': '1', 'berth.test.area': 'volumes-networks' }

beforeAll(async () => {
  engine = await startPrivateEngine('vn-prune')
  image = await ensureTestImage(engine.socketPath)
  docker = new Docker({ socketPath: engine.socketPath })
  dir = mkdtempSync(join(tmpdir(), 'berth-vn-prune-'))
  core = await createCore({ env: { PATH: process.env.PATH, DOCKER_HOST: engine.dockerHost }, configDir: join(dir, 'config'), homeDir: join(dir, 'home') })
  await core.engines.whenActive()
}, 120_000)

afterAll(async () => {
  await core?.close()
  await engine?.stop()
  if (dir) rmSync(dir, { recursive: true, force: true })
}, 120_000)

async function containerWith(options: { volume?: string; network?: string; start?: boolean }): Promise<Docker.Container> {
  const container = await docker.createContainer({
    Image: image,
    Cmd: ['sh', '-c', 'trap "exit 0" TERM; while true; do sleep 0.1; done'],
    Labels: labels,
    HostConfig: {
      NetworkMode: options.network ?? 'none',
      Mounts: options.volume ? [{ Type: 'volume', Source: options.volume, Target: '/data' }] : []
    }
  })
  if (options.start) await container.start()
  return container
}

describe('volumes prune', () => {
  it('previews exactly the unused volumes with their bytes, then removes exactly those', async () => {
    const anonymous = (await docker.createVolume({ Labels: labels })).name
    await docker.createVolume({ Name: 'vn-unused', Labels: labels })
    await docker.createVolume({ Name: 'vn-used', Labels: labels })
    await docker.createVolume({ Name: 'vn-soon-used', Labels: labels })
    await runOnVolume(docker, image, labels, 'vn-unused', 'head -c 250000 /dev/zero > /v/ballast')
    await runOnVolume(docker, image, labels, anonymous, 'head -c 40000 /dev/zero > /v/ballast')
    await containerWith({ volume: 'vn-used' })

    const onlyAnonymous = await call(core, 'volumes.prunePreview', { scope: 'anonymous' })
    expect(onlyAnonymous.volumes.map((v) => v.name)).toEqual([anonymous])

    const preview = await call(core, 'volumes.prunePreview', { scope: 'all' })
    expect(preview.volumes.map((v) => v.name).sort()).toEqual([anonymous, 'vn-soon-used', 'vn-unused'].sort())
    const sizes = Object.fromEntries(preview.volumes.map((v) => [v.name, v.size]))
    expect(sizes['vn-unused']).toBeGreaterThanOrEqual(250_000)
    expect(sizes[anonymous]).toBeGreaterThanOrEqual(40_000)
    expect(preview.totalBytes).toBe(preview.volumes.reduce((sum, v) => sum + (v.size ?? 0), 0))
    expect(preview.unknownSizes).toBe(0)
    expect(preview.volumes.find((v) => v.name === anonymous)?.anonymous).toBe(true)

    // After the preview: one more unused volume appears, and a previewed one comes into use.
    await docker.createVolume({ Name: 'vn-late', Labels: labels })
    const user = await containerWith({ volume: 'vn-soon-used' })
    const userName = (await user.inspect()).Name.replace(/^\//, '')

    const result = await call(core, 'volumes.prune', { names: preview.volumes.map((v) => v.name) })
    expect(result.removed.map((r) => r.name).sort()).toEqual([anonymous, 'vn-unused'].sort())
    expect(result.skipped).toEqual([{ name: 'vn-soon-used', reason: `it is in use by ${userName} (created) now` }])
    expect(result.reclaimedBytes).toBe((sizes['vn-unused'] ?? 0) + (sizes[anonymous] ?? 0))

    const left = ((await docker.listVolumes()).Volumes ?? []).map((v) => v.Name).sort()
    expect(left).toEqual(['vn-late', 'vn-soon-used', 'vn-used'])
  }, 90_000)
})

describe('networks prune', () => {
  it('previews the unused networks (keeping those stopped containers need), then removes exactly those', async () => {
    const make = async (name: string): Promise<string> => (await call(core, 'networks.create', { name, driver: 'bridge', labels })).id
    const unused = await make('vn-net-unused')
    await make('vn-net-running')
    await make('vn-net-stopped')
    await make('vn-net-soon')
    await containerWith({ network: 'vn-net-running', start: true })
    const stopped = await containerWith({ network: 'vn-net-stopped' })
    const stoppedName = (await stopped.inspect()).Name.replace(/^\//, '')

    const preview = await call(core, 'networks.prunePreview', {})
    expect(preview.networks.map((n) => n.name)).toEqual(['vn-net-soon', 'vn-net-unused'])
    expect(preview.keptForStopped).toEqual([{ name: 'vn-net-stopped', containers: [stoppedName] }])
    const labelled = await call(core, 'networks.prunePreview', { label: 'berth.test.area=volumes-networks' })
    expect(labelled.networks.map((n) => n.name)).toEqual(['vn-net-soon', 'vn-net-unused'])

    await make('vn-net-late')
    const soonUser = await containerWith({ network: 'vn-net-soon', start: true })
    const soonName = (await soonUser.inspect()).Name.replace(/^\//, '')

    const result = await call(core, 'networks.prune', { ids: preview.networks.map((n) => n.id) })
    expect(result.removed).toEqual([{ id: unused, name: 'vn-net-unused' }])
    expect(result.skipped).toEqual([expect.objectContaining({ name: 'vn-net-soon', reason: `it is used by ${soonName} (running) now` })])
    const left = (await docker.listNetworks()).map((n) => n.Name).sort()
    expect(left.filter((n) => n.startsWith('vn-'))).toEqual(['vn-net-late', 'vn-net-running', 'vn-net-soon', 'vn-net-stopped'])
    expect(left).toEqual(expect.arrayContaining(['host', 'none']))
  }, 90_000)
})
