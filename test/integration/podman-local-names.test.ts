/**
 * Podman's localhost/ names on the real test Podman: the test image, loaded there from the test
 * dockerd, is listed as localhost/berth-test/busybox. The name people write (without the prefix)
 * runs it, "used by" finds the containers made from it either way, it can be tagged for a registry,
 * and pulling or pushing the localhost/ name itself is refused in words (no registry has it).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { RpcError } from '../../shared/errors'
import { listedNameMatches } from '../../shared/reference'
import { baseSpec } from './run-kit'
import { call, createTestCore, removeLabelledContainers, uniqueName, type TestCore } from './handlers-kit'

let t: TestCore
const tagsToRemove: string[] = []
const localName = (): string => `localhost/${t.host.testImage}`

beforeAll(async () => {
  t = await createTestCore({}, 'podman')
})

afterAll(async () => {
  await removeLabelledContainers(t)
  for (const tag of tagsToRemove) await t.docker.getImage(tag).remove().catch(() => {})
  await t.dispose()
})

async function events(stream: (emit: (event: unknown) => void) => Promise<void>): Promise<unknown[]> {
  const seen: unknown[] = []
  await stream((event) => seen.push(event))
  return seen
}

describe('localhost/ names on Podman', () => {
  it('the image is listed under localhost/, and the name without it runs it', async () => {
    const listed = (await call(t.core, 'images.list', {})).find((image) => image.repoTags.includes(localName()))
    expect(listed).toBeDefined()
    expect(listedNameMatches(t.host.testImage, localName())).toBe(true)

    const name = uniqueName('short-name')
    const created = await call(t.core, 'containers.create', baseSpec(t, { name, image: t.host.testImage }))
    const details = await call(t.core, 'containers.inspect', { id: created.id })
    expect(details.imageId).toBe(listed?.id)
    expect(details.image).toBe(localName())
  })

  it('"used by" finds the containers made from it, asked by either name', async () => {
    const name = uniqueName('image-user')
    await call(t.core, 'containers.create', baseSpec(t, { name, image: t.host.testImage, start: false }))
    for (const reference of [localName(), t.host.testImage]) {
      const plan = await call(t.core, 'images.removalPlan', { id: reference })
      expect(plan.tags).toContain(localName())
      expect(plan.users.map((user) => user.name)).toContain(name)
      // Its one tag, named either way: removing it deletes the image (not "untag, leaving itself").
      expect(plan).toMatchObject({ by: 'tag', effect: 'delete', remainingTags: [] })
    }
  })

  it('tags it for a registry; refuses to pull or push the localhost/ name itself, in words', async () => {
    const target = `127.0.0.1:5000/berth-test/from-podman-${process.pid}:v1`
    tagsToRemove.push(target)
    await call(t.core, 'images.tag', { source: localName(), target })
    const tagged = (await call(t.core, 'images.list', {})).find((image) => image.repoTags.includes(target))
    expect(tagged?.repoTags).toContain(localName())

    const handlers = t.core.handlers
    const push = events((emit) => handlers['images.push']({ reference: localName() }, emit, new AbortController().signal))
    await expect(push).rejects.toBeInstanceOf(RpcError)
    await expect(push).rejects.toMatchObject({
      code: 'INVALID_INPUT',
      message: `${localName().replace(/:latest$/, '')} is Podman's name for an image made on this engine: it belongs to no registry. Tag it for a registry first (e.g. registry.example.com/${t.host.testImage.replace(/:latest$/, '')}), then push that tag.`
    })
    const pull = events((emit) => handlers['images.pull']({ reference: localName() }, emit, new AbortController().signal))
    await expect(pull).rejects.toMatchObject({ code: 'INVALID_INPUT', message: expect.stringMatching(/no registry has it, so it can't be pulled/) })
  })
})
