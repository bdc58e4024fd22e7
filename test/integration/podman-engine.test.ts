/**
 * Podman as an engine, on the test host's real Podman service: Berth names it (header and Engines
 * page read `identity`), knows what it can't do, and refuses those calls in the same words the
 * disabled controls show. The Docker test engine is read alongside, so "which is which" is checked.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { probeContainerUpdateRoute } from '../../electron/core/engine/capabilities'
import { RUN_LABEL_KEY, call, createLabelledContainer, createTestCore, removeLabelledContainers, type TestCore } from './handlers-kit'

interface VersionJson {
  Version: string
  ApiVersion: string
  Components?: Array<{ Name: string; Version: string }>
}

let podman: TestCore
let docker: TestCore

beforeAll(async () => {
  ;[podman, docker] = await Promise.all([createTestCore({}, 'podman'), createTestCore({}, 'docker')])
})

afterAll(async () => {
  await removeLabelledContainers(podman)
  await Promise.all([podman.dispose(), docker.dispose()])
})

describe('Podman as an engine', () => {
  it('is named Podman with its own version and API versions; the Docker engine is named Docker', async () => {
    const raw = (await podman.docker.version()) as unknown as VersionJson
    const podmanComponent = raw.Components?.find((c) => c.Name === 'Podman Engine')
    expect(podmanComponent).toBeDefined()

    await podman.core.engines.whenActive()
    const active = (await call(podman.core, 'engines.list', {})).find((engine) => engine.active)
    expect(active?.state).toBe('connected')
    expect(active?.identity).toMatchObject({
      product: 'podman',
      productName: 'Podman',
      version: podmanComponent?.Version,
      apiVersion: raw.ApiVersion,
      nativeApiVersion: expect.stringMatching(/^\d+\.\d+/)
    })
    const info = await call(podman.core, 'engines.info', {})
    expect(info.identity).toEqual(active?.identity)

    const dockerRaw = (await docker.docker.version()) as unknown as VersionJson
    await docker.core.engines.whenActive()
    const dockerActive = (await call(docker.core, 'engines.list', {})).find((engine) => engine.active)
    expect(dockerActive?.identity).toMatchObject({ product: 'docker', productName: 'Docker', version: dockerRaw.Version })
    expect(dockerActive?.capabilities?.liveLimits).toEqual({ available: true })
  })

  it('knows it cannot change a running container\'s limits or restart policy (probed), and refuses in those words', async () => {
    const { capabilities, identity } = await call(podman.core, 'engines.info', {})
    // This is Debian's Podman 4.3: the probe found no compatible update route.
    expect(identity.version).toMatch(/^4\./)
    expect(capabilities.liveLimits).toEqual({
      available: false,
      reason: `Podman ${identity.version.split('.').slice(0, 2).join('.')} can't change the limits of a running container; recreate it with new limits.`
    })
    expect(capabilities.restartPolicyUpdate.available).toBe(false)

    const id = await createLabelledContainer(podman, { start: true })
    const reason = capabilities.liveLimits.available ? '' : capabilities.liveLimits.reason
    await expect(call(podman.core, 'containers.update', { id, resources: { memory: 128 * 1024 * 1024 } })).rejects.toMatchObject({
      code: 'UNSUPPORTED',
      message: reason
    })
    await expect(call(podman.core, 'containers.update', { id, restartPolicy: { name: 'always' } })).rejects.toMatchObject({
      code: 'UNSUPPORTED',
      detail: { capability: 'restartPolicyUpdate' }
    })
    // Nothing was changed behind the refusal.
    const inspected = await podman.docker.getContainer(id).inspect()
    expect(inspected.HostConfig.Memory).toBe(0)
    expect(inspected.State.Running).toBe(true)
  })

  it('the update-route probe tells the two engines apart without changing anything', async () => {
    expect(await probeContainerUpdateRoute(docker.docker)).toBe(true)
    expect(await probeContainerUpdateRoute(podman.docker)).toBe(false)
  })

  it('the volume prune preview keeps to its label filter (Podman ignores it beside `dangling`)', async () => {
    // Preview only: removing for real on the shared Podman could take other suites' volumes.
    const mark = `${podman.labels[RUN_LABEL_KEY]}-prune`
    const picked = (await podman.docker.createVolume({ Labels: { ...podman.labels, 'berth.test.prune': mark } })).name
    const other = (await podman.docker.createVolume({ Labels: podman.labels })).name
    try {
      const preview = await call(podman.core, 'volumes.prunePreview', { scope: 'all', label: `berth.test.prune=${mark}` })
      expect(preview.volumes.map((volume) => volume.name)).toEqual([picked])
    } finally {
      for (const name of [picked, other]) await podman.docker.getVolume(name).remove({ force: true })
    }
  })
})
