/**
 * Volumes through the handler table against the real test engine: create (with driver options
 * and labels) → list → inspect → remove; names refused before the engine is called; "in use"
 * explained with the container's name; sizes from the engine's disk-usage read.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { call, createLabelledContainer, createTestCore, removeLabelledContainers, type TestCore } from './handlers-kit'
import { labelsOf, removeVolumes, runOnVolume, vnName } from './volumes-kit'

let t: TestCore
const volumes: string[] = []

beforeAll(async () => {
  t = await createTestCore()
}, 60_000)

afterAll(async () => {
  await removeLabelledContainers(t)
  await removeVolumes(t.docker, volumes)
  await t.dispose()
})

describe('create, list, inspect, remove', () => {
  it('creates a volume with driver options and labels, lists it, inspects it and removes it', async () => {
    const name = vnName('create')
    volumes.push(name)
    const created = await call(t.core, 'volumes.create', {
      name,
      driver: 'local',
      driverOptions: { type: 'tmpfs', device: 'tmpfs', o: 'size=8m' },
      labels: { ...labelsOf(t), purpose: 'integration test' }
    })
    expect(created).toMatchObject({ name, driver: 'local', anonymous: false, usedBy: [], labels: { purpose: 'integration test' } })

    const raw = await t.docker.getVolume(name).inspect()
    expect(raw.Options).toEqual({ type: 'tmpfs', device: 'tmpfs', o: 'size=8m' })

    const listed = (await call(t.core, 'volumes.list', {})).find((v) => v.name === name)
    expect(listed).toMatchObject({ name, scope: 'local', labels: { 'berth.test.area': 'volumes-networks' } })
    expect(listed?.mountpoint).toContain(name)

    const details = await call(t.core, 'volumes.inspect', { name })
    expect(details.options).toEqual({ type: 'tmpfs', device: 'tmpfs', o: 'size=8m' })
    expect(details.created).toBe((raw as unknown as { CreatedAt: string }).CreatedAt)

    await call(t.core, 'volumes.remove', { name })
    await expect(t.docker.getVolume(name).inspect()).rejects.toMatchObject({ statusCode: 404 })
  })

  it('refuses a name that is taken, in words, instead of returning the existing volume', async () => {
    const name = vnName('taken')
    volumes.push(name)
    await t.docker.createVolume({ Name: name, Labels: labelsOf(t) })
    await expect(call(t.core, 'volumes.create', { name, labels: labelsOf(t) })).rejects.toMatchObject({
      code: 'CONFLICT',
      message: expect.stringContaining(`A volume named ${name} already exists`)
    })
  })

  it('says which driver is missing', async () => {
    const name = vnName('nodriver')
    await expect(call(t.core, 'volumes.create', { name, driver: 'no-such-driver', labels: labelsOf(t) })).rejects.toThrow(/no volume driver called no-such-driver/)
    expect((await call(t.core, 'volumes.drivers', {})).drivers).toContain('local')
  })

  it.each([
    ['a one-letter name', 'a', /at least 2 characters/],
    ['a name starting with a dot', '.hidden', /starts with a letter or digit/],
    ['a name with a slash', 'a/b', /only letters, digits and _ \. -/],
    ['a name with a space', 'my volume', /only letters, digits/]
  ])('refuses %s before calling the engine', async (_what, name, message) => {
    await expect(call(t.core, 'volumes.create', { name })).rejects.toThrow(message)
  })

  it('refuses a label without a key at the boundary', async () => {
    await expect(call(t.core, 'volumes.create', { name: 'vn-okname', labels: { '': 'x' } })).rejects.toThrow(/a key is required/)
    await expect(call(t.core, 'volumes.create', { name: 'vn-okname', labels: { 'a b': 'x' } })).rejects.toThrow(/keys have no spaces/)
  })
})

describe('in use', () => {
  it('lists the containers using a volume and explains a refused removal by their names', async () => {
    const name = vnName('inuse')
    volumes.push(name)
    await call(t.core, 'volumes.create', { name, labels: labelsOf(t) })
    const containerName = vnName('user')
    const id = (
      await t.docker.createContainer({
        name: containerName,
        Image: t.host.testImage,
        Cmd: ['true'],
        Labels: labelsOf(t),
        HostConfig: { NetworkMode: 'none', Mounts: [{ Type: 'volume', Source: name, Target: '/data' }] }
      })
    ).id

    const row = (await call(t.core, 'volumes.list', {})).find((v) => v.name === name)
    expect(row?.usedBy).toEqual([{ id, name: containerName, state: 'created' }])

    const refusal = call(t.core, 'volumes.remove', { name })
    await expect(refusal).rejects.toMatchObject({ code: 'IN_USE' })
    await expect(refusal).rejects.toThrow(new RegExp(`in use by ${containerName} \\(created\\)\\. Remove those containers first`))
    expect((await t.docker.getVolume(name).inspect()).Name).toBe(name)

    await t.docker.getContainer(id).remove({ force: true })
    await call(t.core, 'volumes.remove', { name })
  })

  it('names a running user and says to stop it first', async () => {
    const name = vnName('running')
    volumes.push(name)
    await call(t.core, 'volumes.create', { name, labels: labelsOf(t) })
    const id = await createLabelledContainer(t, { start: false, labels: { 'berth.test.area': 'volumes-networks' } })
    // Mounting needs the volume at create time: make a second container that mounts it and runs.
    const runner = await t.docker.createContainer({
      Image: t.host.testImage,
      Cmd: ['sh', '-c', 'trap "exit 0" TERM; while true; do sleep 0.1; done'],
      Labels: labelsOf(t),
      HostConfig: { NetworkMode: 'none', Mounts: [{ Type: 'volume', Source: name, Target: '/data' }] }
    })
    await runner.start()
    const runnerName = (await runner.inspect()).Name.replace(/^\//, '')
    await expect(call(t.core, 'volumes.remove', { name })).rejects.toThrow(new RegExp(`${runnerName} \\(running\\)\\. Stop and remove`))
    await t.docker.getContainer(id).remove({ force: true })
  })
})

describe('sizes', () => {
  it('reports a volume’s size from the engine, separately from the list', async () => {
    const name = vnName('size')
    volumes.push(name)
    await call(t.core, 'volumes.create', { name, labels: labelsOf(t) })
    await runOnVolume(t.docker, t.host.testImage, labelsOf(t), name, 'head -c 300000 /dev/zero > /v/ballast')
    const { sizes, measuredMs } = await call(t.core, 'volumes.sizes', {})
    const entry = sizes.find((s) => s.name === name)
    expect(entry?.size).toBeGreaterThanOrEqual(300_000)
    expect(entry?.size).toBeLessThan(400_000)
    expect(entry?.refCount).toBe(0)
    expect(measuredMs).toBeGreaterThanOrEqual(0)
  })
})
