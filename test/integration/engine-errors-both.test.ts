/**
 * The same refusals in the same words on both engines of the test host: Debian's dockerd and its
 * Podman (whose compatible API answers some of them with other codes and sentences; see
 * electron/core/engine/podman-dialect.ts). No message carries a 64-character id or Podman's own
 * phrasing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { RpcError } from '../../shared/errors'
import { baseSpec } from './run-kit'
import { call, createLabelledContainer, createTestCore, removeLabelledContainers, uniqueName, type TestCore, type TestEngine } from './handlers-kit'

const FULL_ID = /[0-9a-f]{64}/
/** Podman's own phrases that must never reach people as they are. */
const PODMAN_PHRASES = /container state improper|no container with name or ID|that name is already in use|image used by|image not known|failed to find image/

async function refusal(promise: Promise<unknown>): Promise<RpcError> {
  const outcome = await promise.then(
    () => null,
    (err: unknown) => err
  )
  expect(outcome).toBeInstanceOf(RpcError)
  const err = outcome as RpcError
  expect(err.message).not.toMatch(FULL_ID)
  expect(err.message).not.toMatch(PODMAN_PHRASES)
  return err
}

describe.each<TestEngine>(['docker', 'podman'])('refusals in words on %s', (engine) => {
  let t: TestCore
  const imagesToRemove: string[] = []

  beforeAll(async () => {
    t = await createTestCore({}, engine)
  })

  afterAll(async () => {
    await removeLabelledContainers(t)
    for (const image of imagesToRemove) await t.docker.getImage(image).remove({ force: true }).catch(() => {})
    await t.dispose()
  })

  it('removing a running or paused container without Force', async () => {
    const name = uniqueName('running-remove')
    const id = await createLabelledContainer(t, { name, start: true })
    const running = await refusal(call(t.core, 'containers.remove', { id }))
    expect(running).toMatchObject({
      code: 'CONFLICT',
      message: `Can't remove ${name} while it is running: stop it first, or choose Force.`,
      detail: { containerName: name }
    })
    await t.docker.getContainer(id).pause()
    const paused = await refusal(call(t.core, 'containers.remove', { id: name }))
    expect(paused.message).toBe(`Can't remove ${name} while it is paused: stop it first, or choose Force.`)
    await t.docker.getContainer(id).unpause()
    expect((await t.docker.getContainer(id).inspect()).State.Running).toBe(true)
  })

  it('a name another container has, when creating and when renaming', async () => {
    const name = uniqueName('taken')
    const holder = await createLabelledContainer(t, { name })
    const created = await refusal(call(t.core, 'containers.create', baseSpec(t, { name, start: false })))
    expect(created).toMatchObject({
      code: 'CONFLICT',
      message: `The name ${name} is already taken by another container (${holder.slice(0, 12)}): pick another name, or rename or remove that container.`,
      detail: { containerName: name, container: holder }
    })

    const other = await createLabelledContainer(t, { name: uniqueName('renamed') })
    const renamed = await refusal(call(t.core, 'containers.rename', { id: other, name }))
    // Podman doesn't say which container holds the name when renaming; Docker does.
    expect(renamed).toMatchObject({ code: 'CONFLICT', detail: { containerName: name } })
    expect(renamed.message).toMatch(new RegExp(`^The name ${name} is already taken by another container( \\(${holder.slice(0, 12)}\\))?: pick another name, or rename or remove that container\\.$`))
  })

  it('removing an image a container uses names that container', async () => {
    const base = await createLabelledContainer(t)
    const repo = `berth-test/in-use-${engine}-${process.pid}`
    const committed = (await t.docker.getContainer(base).commit({ repo, tag: 'only', changes: 'LABEL berth.test=1' })) as { Id: string }
    imagesToRemove.push(committed.Id)
    const userName = uniqueName('image-user')
    const user = await t.docker.createContainer({ Image: `${repo}:only`, Cmd: ['true'], Labels: t.labels, name: userName })
    const inUse = await refusal(call(t.core, 'images.remove', { id: `${repo}:only` }))
    expect(inUse).toMatchObject({
      code: 'IN_USE',
      message: `${repo}:only is used by 1 container: ${userName} (created, id ${user.id.slice(0, 12)}). Remove those containers first (Berth can do it for you), or choose Force to delete the image anyway.`
    })
    // And by id, the same words.
    const byId = await refusal(call(t.core, 'images.remove', { id: committed.Id.replace(/^sha256:/, '') }))
    expect(byId).toMatchObject({ code: 'IN_USE', message: expect.stringContaining(`used by 1 container: ${userName} (created, id ${user.id.slice(0, 12)})`) })
  })

  it('what is not there: a container, an image', async () => {
    const name = uniqueName('no-such-container')
    const container = await refusal(call(t.core, 'containers.start', { id: name }))
    expect(container).toMatchObject({ code: 'NOT_FOUND', message: `Not found: No such container: ${name}` })
    const inspect = await refusal(call(t.core, 'containers.inspect', { id: name }))
    expect(inspect).toMatchObject({ code: 'NOT_FOUND', message: expect.stringContaining(name) })
    const image = await refusal(call(t.core, 'images.remove', { id: 'berth-test/never-was:none' }))
    expect(image).toMatchObject({ code: 'NOT_FOUND', message: 'There is no image berth-test/never-was:none on this engine (it may have been removed already).' })
    const imageDetails = await refusal(call(t.core, 'images.inspect', { id: 'berth-test/never-was:none' }))
    expect(imageDetails).toMatchObject({ code: 'NOT_FOUND', message: expect.stringContaining('berth-test/never-was:none') })
  })
})
