/**
 * Removing images on the shared test engine (images of our own only): an image in use answers
 * IN_USE naming the containers by name and state, the offered fix (remove those containers too,
 * stopping running ones only when confirmed) works, Force, and untag versus delete as the plan
 * says before anything happens.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ImageInUseDetail } from '../../shared/image-maintenance-models'
import { call, createTestCore, type TestCore } from './handlers-kit'
import { makeImage, removeAreaObjects, uniqueRepo, useImage } from './image-maintenance-kit'

let t: TestCore

async function exists(kind: 'image' | 'container', id: string): Promise<boolean> {
  try {
    await (kind === 'image' ? t.docker.getImage(id).inspect() : t.docker.getContainer(id).inspect())
    return true
  } catch (err) {
    if ((err as { statusCode?: number }).statusCode === 404) return false
    throw err
  }
}

beforeAll(async () => {
  t = await createTestCore()
})

afterAll(async () => {
  await removeAreaObjects(t.docker)
  await t.dispose()
})

describe('an image containers use', () => {
  it('answers IN_USE naming the stopped container (name and state, ids in detail), by tag and by id', async () => {
    const repo = uniqueRepo('in-use')
    const imageId = await makeImage(t.docker, t.host.testImage, repo, 'v1')
    const name = `image-maintenance-user-${process.pid}-${Date.now() % 100000}`
    const containerId = await useImage(t.docker, `${repo}:v1`, name)

    for (const id of [`${repo}:v1`, imageId]) {
      const failure = call(t.core, 'images.remove', { id })
      await expect(failure).rejects.toMatchObject({ code: 'IN_USE' })
      const err = (await failure.then(
        () => null,
        (e: unknown) => e
      )) as { message: string; detail: ImageInUseDetail }
      expect(err.message).toContain(`${name} (created, id ${containerId.slice(0, 12)})`)
      expect(err.message).not.toMatch(/conflict: unable to/)
      expect(err.detail).toMatchObject({ imageId, container: containerId, containers: [{ id: containerId, name, state: 'created', running: false }] })
    }
    expect(await exists('image', imageId)).toBe(true)

    const plan = await call(t.core, 'images.removalPlan', { id: `${repo}:v1` })
    expect(plan).toMatchObject({ imageId, by: 'tag', effect: 'delete', tags: [`${repo}:v1`], remainingTags: [] })
    expect(plan.users).toEqual([{ id: containerId, name, state: 'created', running: false }])

    // The offered fix: remove exactly those containers, then the image.
    const result = await call(t.core, 'images.remove', { id: `${repo}:v1`, removeContainers: plan.users.map((u) => u.id) })
    expect(result.removedContainers).toEqual([{ id: containerId, name }])
    expect(result.stoppedContainers).toEqual([])
    expect(result.untagged).toEqual([`${repo}:v1`])
    expect(result.deleted).toContain(imageId)
    expect(await exists('container', containerId)).toBe(false)
    expect(await exists('image', imageId)).toBe(false)
  })

  it('stops a running container only when confirmed, then removes it and the image', async () => {
    const repo = uniqueRepo('running')
    const imageId = await makeImage(t.docker, t.host.testImage, repo, 'v1')
    const name = `image-maintenance-runner-${process.pid}-${Date.now() % 100000}`
    const running = await useImage(t.docker, imageId, name, true)

    const blocked = call(t.core, 'images.remove', { id: imageId })
    await expect(blocked).rejects.toMatchObject({ code: 'IN_USE', detail: { containers: [{ id: running, name, state: 'running', running: true }] } })
    await expect(blocked).rejects.toThrow(/Force cannot delete an image a running container uses/)
    // Even Force can't: the engine refuses (hard conflict), and we still name the container.
    await expect(call(t.core, 'images.remove', { id: imageId, force: true })).rejects.toThrow(`${name} (running, id ${running.slice(0, 12)})`)

    const unconfirmed = call(t.core, 'images.remove', { id: imageId, removeContainers: [running] })
    await expect(unconfirmed).rejects.toMatchObject({ code: 'CONFLICT' })
    await expect(unconfirmed).rejects.toThrow(`${name} is running. Confirm stopping it first.`)
    expect((await t.docker.getContainer(running).inspect()).State.Running).toBe(true)

    const result = await call(t.core, 'images.remove', { id: imageId, removeContainers: [running], stopRunning: true })
    expect(result.stoppedContainers).toEqual([{ id: running, name }])
    expect(result.removedContainers).toEqual([{ id: running, name }])
    expect(await exists('container', running)).toBe(false)
    expect(await exists('image', imageId)).toBe(false)
  })

  it('refuses to remove a container that does not use the image', async () => {
    const repo = uniqueRepo('other')
    const imageId = await makeImage(t.docker, t.host.testImage, repo, 'v1')
    const bystander = await useImage(t.docker, t.host.testImage, `image-maintenance-bystander-${process.pid}`)
    await expect(call(t.core, 'images.remove', { id: imageId, removeContainers: [bystander] })).rejects.toThrow(/does not use this image/)
    expect(await exists('container', bystander)).toBe(true)
    expect(await exists('image', imageId)).toBe(true)
  })

  it('Force deletes an image stopped containers use; the containers stay', async () => {
    const repo = uniqueRepo('force')
    const imageId = await makeImage(t.docker, t.host.testImage, repo, 'v1')
    const user = await useImage(t.docker, imageId, `image-maintenance-forced-${process.pid}`)
    const result = await call(t.core, 'images.remove', { id: imageId, force: true })
    expect(result.deleted).toContain(imageId)
    expect(await exists('image', imageId)).toBe(false)
    expect(await exists('container', user)).toBe(true)
  })
})

describe('untag versus delete', () => {
  it('a tag of a multi-tag image only untags; the id deletes the image with all its tags', async () => {
    const repo = uniqueRepo('tags')
    const imageId = await makeImage(t.docker, t.host.testImage, repo, 'a')
    await t.docker.getImage(imageId).tag({ repo, tag: 'b' })
    await t.docker.getImage(imageId).tag({ repo, tag: 'c' })

    const untagPlan = await call(t.core, 'images.removalPlan', { id: `${repo}:a` })
    expect(untagPlan).toMatchObject({ by: 'tag', effect: 'untag', remainingTags: expect.arrayContaining([`${repo}:b`, `${repo}:c`]) })
    const untagged = await call(t.core, 'images.remove', { id: `${repo}:a` })
    expect(untagged).toMatchObject({ untagged: [`${repo}:a`], deleted: [] })
    const after = await t.docker.getImage(imageId).inspect()
    expect(after.RepoTags.sort()).toEqual([`${repo}:b`, `${repo}:c`])

    const deletePlan = await call(t.core, 'images.removalPlan', { id: imageId })
    expect(deletePlan).toMatchObject({ by: 'id', effect: 'delete', remainingTags: [] })
    expect(deletePlan.tags.sort()).toEqual([`${repo}:b`, `${repo}:c`])
    const deleted = await call(t.core, 'images.remove', { id: imageId })
    expect(deleted.untagged.sort()).toEqual([`${repo}:b`, `${repo}:c`])
    expect(deleted.deleted).toContain(imageId)
    expect(await exists('image', imageId)).toBe(false)
  })

  it('deleting a multi-tag image by id still refuses while a stopped container uses it', async () => {
    const repo = uniqueRepo('tags-used')
    const imageId = await makeImage(t.docker, t.host.testImage, repo, 'a')
    await t.docker.getImage(imageId).tag({ repo, tag: 'b' })
    const user = await useImage(t.docker, imageId, `image-maintenance-tags-user-${process.pid}`)
    await expect(call(t.core, 'images.remove', { id: imageId })).rejects.toMatchObject({ code: 'IN_USE', detail: { container: user } })
    expect((await t.docker.getImage(imageId).inspect()).RepoTags).toHaveLength(2)
  })

  it('names the images built on one it cannot delete', async () => {
    const repo = uniqueRepo('parent')
    const parentId = await makeImage(t.docker, t.host.testImage, repo, 'base')
    // A commit from a container of the parent makes a child whose Parent is the parent image.
    await makeImage(t.docker, `${repo}:base`, repo, 'child')
    const plan = await call(t.core, 'images.removalPlan', { id: parentId })
    expect(plan.children.map((c) => c.label)).toEqual([`${repo}:child`])
    await expect(call(t.core, 'images.remove', { id: parentId })).rejects.toThrow(`Other images are built on ${repo}:base (${repo}:child)`)
  })

  it('an unknown image is NOT_FOUND in words; bad input never reaches the engine', async () => {
    await expect(call(t.core, 'images.removalPlan', { id: 'image-maintenance/never-was:none' })).rejects.toMatchObject({ code: 'NOT_FOUND' })
    await expect(call(t.core, 'images.remove', { id: 'bad name!' })).rejects.toThrow(/ids and names use/)
  })
})
