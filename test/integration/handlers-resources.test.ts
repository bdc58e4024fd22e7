/** volumes.list, networks.list and images.list through the handler table, checked against the raw engine. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { listedNameMatches } from '../../shared/reference'
import { call, createTestCore, uniqueName, type TestCore } from './handlers-kit'

let t: TestCore
const volume = uniqueName('berth-vol')

beforeAll(async () => {
  t = await createTestCore()
  await t.docker.createVolume({ Name: volume, Labels: t.labels })
})

afterAll(async () => {
  await t.docker.getVolume(volume).remove().catch(() => {})
  await t.dispose()
})

describe('read-only resources', () => {
  it('volumes.list includes a labelled volume with its driver and mountpoint', async () => {
    const found = (await call(t.core, 'volumes.list', {})).find((v) => v.name === volume)
    expect(found).toMatchObject({ driver: 'local', labels: { 'berth.test': '1' } })
    expect(found?.mountpoint).toContain(volume)
  })

  it('networks.list matches the engine', async () => {
    const raw = (await t.docker.listNetworks()) as Array<{ Id: string; Name: string }>
    const listed = await call(t.core, 'networks.list', {})
    expect(listed.map((n) => n.id).sort()).toEqual(raw.map((n) => n.Id).sort())
    expect(listed.map((n) => n.name).sort()).toEqual(raw.map((n) => n.Name).sort())
    // dockerd always has host and none; Podman's compatible API lists only its own networks.
    if (t.engine === 'docker') expect(listed.map((n) => n.name)).toContain('host')
  })

  it('images.list includes the test image, tagged and not dangling', async () => {
    // Matched by what the name means: Podman lists it as localhost/berth-test/busybox:latest.
    const image = (await call(t.core, 'images.list', {})).find((i) => i.repoTags.some((tag) => listedNameMatches(t.host.testImage, tag)))
    expect(image).toMatchObject({ dangling: false })
    expect(image?.id).toMatch(/^sha256:/)
    expect(image?.size).toBeGreaterThan(0)
  })
})
