/**
 * Cancelling a pull mid-way: a ~60 MB image of six random layers is in the registry and not on
 * the engine; the pull is cancelled as soon as bytes are moving. The stream must end CANCELLED,
 * the engine must have no image by that name (then, and a moment later: dockerd must not finish
 * it on its own), and a second pull must work and give the same image.
 */
import { rmSync } from 'node:fs'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { createTestCore, uniqueName, type TestCore } from './handlers-kit'
import {
  REGISTRY_AREA,
  buildLayeredImage,
  deleteFromRegistry,
  dockerConfigWithLogin,
  imageExists,
  removeImageIfPresent,
  streamThroughPeer
} from './distribution-kit'

const MB = 1_000_000
let t: TestCore
let configDir: string
let repository: string
let reference: string
let builtId: string

beforeAll(async () => {
  const host = (await createTestCore()).host
  configDir = dockerConfigWithLogin(host)
  t = await createTestCore({ DOCKER_CONFIG: configDir })
  repository = `${REGISTRY_AREA}/${uniqueName('cancel')}`
  reference = `${host.registry.host}/${repository}:v1`
  builtId = await buildLayeredImage(t.docker, t.host.testImage, reference, Array.from({ length: 6 }, () => 10 * MB))
  expect(await streamThroughPeer(t.core.handlers, 'images.push', { reference }).ended).toBeNull()
  await removeImageIfPresent(t.docker, reference)
})

afterAll(async () => {
  await removeImageIfPresent(t.docker, reference)
  await deleteFromRegistry(t.host, repository, 'v1')
  await t.dispose()
  rmSync(configDir, { recursive: true, force: true })
})

it('a pull cancelled mid-way ends CANCELLED, leaves no image, and a second pull works', async () => {
  let cancelledAt: number | null = null
  const run = streamThroughPeer(t.core.handlers, 'images.pull', { reference }, (event, self) => {
    if (cancelledAt !== null || event.kind !== 'progress') return
    if (event.totals.bytesDone > 0 && event.totals.fraction < 0.5) {
      cancelledAt = event.totals.fraction
      self.cancel()
    }
  })
  const error = await run.ended
  expect(cancelledAt, 'the pull was cancelled while under half done').not.toBeNull()
  expect(error?.code).toBe('CANCELLED')
  expect(run.events.some((event) => event.kind === 'done')).toBe(false)

  expect(await imageExists(t.docker, reference)).toBe(false)
  // dockerd cancels the transfer when its request goes away; it must not complete it later.
  await new Promise((resolve) => setTimeout(resolve, 2000))
  expect(await imageExists(t.docker, reference)).toBe(false)

  const again = streamThroughPeer(t.core.handlers, 'images.pull', { reference })
  expect(await again.ended).toBeNull()
  expect(again.events[again.events.length - 1]).toMatchObject({ kind: 'done', imageId: builtId, upToDate: false })
  expect(await imageExists(t.docker, reference)).toBe(true)
})
