/** The container list and every lifecycle action, through the handler table, on the real engine. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { listedNameMatches } from '../../shared/reference'
import { call, createLabelledContainer, createTestCore, removeLabelledContainers, uniqueName, type TestCore } from './handlers-kit'

let t: TestCore

beforeAll(async () => {
  t = await createTestCore()
})

afterAll(async () => {
  await removeLabelledContainers(t)
  await t.dispose()
})

async function stateOf(id: string): Promise<string> {
  const inspected = await t.docker.getContainer(id).inspect()
  return inspected.State.Paused ? 'paused' : inspected.State.Status
}

describe('containers through the handler table', () => {
  it('lists containers as DTOs: name without "/", labels, compose project and service', async () => {
    const name = uniqueName('berth-list')
    const id = await createLabelledContainer(t, {
      name,
      labels: { 'com.docker.compose.project': 'shop', 'com.docker.compose.service': 'web' }
    })
    const list = await call(t.core, 'containers.list', {})
    const mine = list.find((c) => c.id === id)
    expect(mine).toBeDefined()
    expect(mine?.name).toBe(name)
    expect(mine?.state).toBe('created')
    // Podman lists it as localhost/berth-test/busybox:latest: the same image, by its own name.
    expect(listedNameMatches(t.host.testImage, mine?.image ?? '')).toBe(true)
    expect(mine?.imageId).toMatch(/^sha256:/)
    expect(mine?.labels['berth.test']).toBe('1')
    expect(mine?.composeProject).toBe('shop')
    expect(mine?.composeService).toBe('web')
    expect(mine?.ports).toEqual([])
  })

  it('start, pause, unpause, restart, stop, kill: each changes the real state', async () => {
    const id = await createLabelledContainer(t)
    await expect(call(t.core, 'containers.start', { id })).resolves.toEqual({ ok: true })
    expect(await stateOf(id)).toBe('running')

    await call(t.core, 'containers.pause', { id })
    expect(await stateOf(id)).toBe('paused')
    const listed = (await call(t.core, 'containers.list', {})).find((c) => c.id === id)
    expect(listed?.state).toBe('paused')

    await call(t.core, 'containers.unpause', { id })
    expect(await stateOf(id)).toBe('running')

    const startedBefore = (await t.docker.getContainer(id).inspect()).State.StartedAt
    await call(t.core, 'containers.restart', { id, timeoutSeconds: 5 })
    const afterRestart = (await t.docker.getContainer(id).inspect()).State
    expect(afterRestart.Running).toBe(true)
    expect(afterRestart.StartedAt).not.toBe(startedBefore)

    await call(t.core, 'containers.stop', { id, timeoutSeconds: 5 })
    expect(await stateOf(id)).toBe('exited')
    expect((await t.docker.getContainer(id).inspect()).State.ExitCode).toBe(0)

    await call(t.core, 'containers.start', { id })
    await call(t.core, 'containers.kill', { id, signal: 'SIGKILL' })
    const killed = (await t.docker.getContainer(id).inspect()).State
    expect(killed.Status).toBe('exited')
    expect(killed.ExitCode).toBe(137)
  })

  it('start and stop are idempotent (an engine 304 is not an error)', async () => {
    const id = await createLabelledContainer(t, { start: true })
    await expect(call(t.core, 'containers.start', { id })).resolves.toEqual({ ok: true })
    await call(t.core, 'containers.stop', { id, timeoutSeconds: 5 })
    await expect(call(t.core, 'containers.stop', { id })).resolves.toEqual({ ok: true })
  })

  it('remove: a stopped one; a running one with force; with volumes removes its anonymous volume', async () => {
    const stopped = await createLabelledContainer(t)
    await call(t.core, 'containers.remove', { id: stopped })
    await expect(t.docker.getContainer(stopped).inspect()).rejects.toMatchObject({ statusCode: 404 })

    const running = await createLabelledContainer(t, { start: true })
    await call(t.core, 'containers.remove', { id: running, force: true })
    await expect(t.docker.getContainer(running).inspect()).rejects.toMatchObject({ statusCode: 404 })

    const withVolume = await t.docker.createContainer({
      Image: t.host.testImage,
      Cmd: ['true'],
      Labels: t.labels,
      HostConfig: {},
      Volumes: { '/data': {} }
    })
    const volumeName = (await withVolume.inspect()).Mounts.find((m) => m.Destination === '/data')?.Name
    expect(volumeName).toBeTruthy()
    await call(t.core, 'containers.remove', { id: withVolume.id, volumes: true })
    await expect(t.docker.getVolume(volumeName as string).inspect()).rejects.toMatchObject({ statusCode: 404 })
  })

  it('a container is addressed by name as well as by id', async () => {
    const name = uniqueName('berth-byname')
    const id = await createLabelledContainer(t, { name })
    await call(t.core, 'containers.start', { id: name })
    expect(await stateOf(id)).toBe('running')
    await call(t.core, 'containers.remove', { id: name, force: true })
    await expect(t.docker.getContainer(id).inspect()).rejects.toMatchObject({ statusCode: 404 })
  })
})
