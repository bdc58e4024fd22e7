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
    // Other suites share this engine and make networks meanwhile: Berth's list must hold every
    // network the engine listed both before and after it, and nothing it listed at neither time.
    type RawNetwork = { Id: string; Name: string }
    const before = (await t.docker.listNetworks()) as RawNetwork[]
    const listed = await call(t.core, 'networks.list', {})
    const after = (await t.docker.listNetworks()) as RawNetwork[]
    const key = (id: string, name: string): string => `${id} ${name}`
    const beforeKeys = new Set(before.map((n) => key(n.Id, n.Name)))
    const afterKeys = new Set(after.map((n) => key(n.Id, n.Name)))
    const listedKeys = new Set(listed.map((n) => key(n.id, n.name)))
    expect([...beforeKeys].filter((k) => afterKeys.has(k) && !listedKeys.has(k)), 'missing from Berth').toEqual([])
    expect([...listedKeys].filter((k) => !beforeKeys.has(k) && !afterKeys.has(k)), 'not on the engine').toEqual([])
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
