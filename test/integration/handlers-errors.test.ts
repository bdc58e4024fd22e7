/** Engine errors as people see them: the real dockerd's answers mapped to codes and words. */
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createCore } from '../../electron/core/app'
import { call, createLabelledContainer, createTestCore, removeLabelledContainers, uniqueName, type TestCore } from './handlers-kit'

let t: TestCore
const imagesToRemove: string[] = []

beforeAll(async () => {
  t = await createTestCore()
})

afterAll(async () => {
  await removeLabelledContainers(t)
  for (const image of imagesToRemove) await t.docker.getImage(image).remove({ force: true }).catch(() => {})
  await t.dispose()
})

describe('engine errors through the handler table', () => {
  it('removing a running or paused container without force → CONFLICT in one sentence that names it (no id, the advice once)', async () => {
    const name = uniqueName('running-remove')
    const id = await createLabelledContainer(t, { name, start: true })
    const failure = call(t.core, 'containers.remove', { id })
    await expect(failure).rejects.toMatchObject({
      code: 'CONFLICT',
      message: `Can't remove ${name} while it is running: stop it first, or choose Force.`,
      detail: { containerName: name }
    })
    expect((await t.docker.getContainer(id).inspect()).State.Running).toBe(true)
    await t.docker.getContainer(id).pause()
    await expect(call(t.core, 'containers.remove', { id: name })).rejects.toMatchObject({
      message: `Can't remove ${name} while it is paused: stop it first, or choose Force.`
    })
    await t.docker.getContainer(id).unpause()
  })

  it('an unknown container → NOT_FOUND naming it', async () => {
    const name = uniqueName('no-such-container')
    const failure = call(t.core, 'containers.start', { id: name })
    await expect(failure).rejects.toMatchObject({ code: 'NOT_FOUND' })
    await expect(failure).rejects.toThrow(name)
  })

  it('an unknown image → NOT_FOUND', async () => {
    await expect(call(t.core, 'images.remove', { id: 'berth-test/never-was:none' })).rejects.toMatchObject({ code: 'NOT_FOUND' })
  })

  it('removing an image a container uses → IN_USE naming the container (by tag and by id)', async () => {
    // An image of its own (one tag only), so the shared test image is never at risk.
    const base = await createLabelledContainer(t)
    const repo = `berth-test/in-use-${process.pid}`
    const committed = (await t.docker.getContainer(base).commit({ repo, tag: 'only', changes: 'LABEL berth.test=1' })) as { Id: string }
    imagesToRemove.push(committed.Id)
    const user = await t.docker.createContainer({ Image: `${repo}:only`, Cmd: ['true'], Labels: t.labels })

    const byTag = call(t.core, 'images.remove', { id: `${repo}:only` })
    await expect(byTag).rejects.toMatchObject({ code: 'IN_USE', detail: { container: expect.stringMatching(/^[0-9a-f]{12}/) } })
    await expect(byTag).rejects.toThrow(user.id.slice(0, 12))

    const byId = call(t.core, 'images.remove', { id: committed.Id.replace(/^sha256:/, '') })
    await expect(byId).rejects.toMatchObject({ code: 'IN_USE' })
    await expect(byId).rejects.toThrow(user.id.slice(0, 12))

    // And the images list counts that container even though the engine reports -1.
    const image = (await call(t.core, 'images.list', {})).find((i) => i.id === committed.Id)
    expect(image?.containers).toBe(1)
    expect(image?.repoTags).toEqual([`${repo}:only`])
    expect(image?.dangling).toBe(false)
  })

  it('an engine that is not there → ENGINE_UNAVAILABLE with words and what to do', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'berth-unreachable-'))
    const socket = join(dir, 'nobody-home.sock')
    // Remember `env` as the active engine so a first-run choice can't pick another reachable one.
    mkdirSync(join(dir, 'config'))
    writeFileSync(join(dir, 'config', 'settings.json'), JSON.stringify({ activeEngineId: 'env' }))
    const started = Date.now()
    const core = await createCore({ env: { DOCKER_HOST: `unix://${socket}` }, configDir: join(dir, 'config'), homeDir: dir })
    expect(Date.now() - started).toBeLessThan(500)
    try {
      const failure = call(core, 'containers.list', {})
      await expect(failure).rejects.toMatchObject({ code: 'ENGINE_UNAVAILABLE' })
      await expect(failure).rejects.toThrow(socket)
      await expect(failure).rejects.toThrow(/does not exist.*Start it, or pick another engine/)
      const env = (await call(core, 'engines.list', {})).find((e) => e.id === 'env')
      expect(env).toMatchObject({ state: 'unavailable', active: true, endpoint: socket })
      expect(env?.error).toMatch(/does not exist/)
    } finally {
      await core.close()
      rmSync(dir, { recursive: true, force: true })
    }
  })
})
