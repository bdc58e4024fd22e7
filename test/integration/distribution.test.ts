/**
 * images.push / images.pull / images.tag through the Peer and the handler table against the real
 * engine and the htpasswd registry at 127.0.0.1:5000: push refused without credentials (the
 * registry named) and done with them; the local image removed and pulled back with every layer's
 * progress seen; auth, not-found and not-local failures in words; bad references refused before
 * any handler runs; tag.
 */
import { rmSync } from 'node:fs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { LayerProgress, LayerState, PullEvent } from '../../shared/distribution-models'
import type { HandlerTable } from '../../electron/core/rpc/handlers'
import { Peer } from '../../electron/core/rpc/peer'
import type { ServerFrame } from '../../shared/wire'
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
let anonymous: TestCore
let loggedIn: TestCore
let wrongPassword: TestCore
let configDirs: string[] = []
let repository: string
let reference: string
let builtId: string

beforeAll(async () => {
  anonymous = await createTestCore()
  const login = dockerConfigWithLogin(anonymous.host)
  const badLogin = dockerConfigWithLogin(anonymous.host, 'not-the-password')
  configDirs = [login, badLogin]
  loggedIn = await createTestCore({ DOCKER_CONFIG: login })
  wrongPassword = await createTestCore({ DOCKER_CONFIG: badLogin })
  repository = `${REGISTRY_AREA}/${uniqueName('layers')}`
  reference = `${anonymous.host.registry.host}/${repository}:v1`
  builtId = await buildLayeredImage(anonymous.docker, anonymous.host.testImage, reference, [12 * MB, 8 * MB, 5 * MB])
})

afterAll(async () => {
  await removeImageIfPresent(anonymous.docker, reference)
  await deleteFromRegistry(anonymous.host, repository, 'v1')
  await Promise.all([anonymous, loggedIn, wrongPassword].map((t) => t.dispose()))
  for (const dir of configDirs) rmSync(dir, { recursive: true, force: true })
})

/** Every state each layer went through, in order, without repeats. */
function layerHistories(events: ReadonlyArray<{ kind: string; layers?: LayerProgress[] }>): Map<string, LayerState[]> {
  const histories = new Map<string, LayerState[]>()
  for (const event of events) {
    for (const layer of event.layers ?? []) {
      const history = histories.get(layer.id) ?? []
      if (history[history.length - 1] !== layer.state) history.push(layer.state)
      histories.set(layer.id, history)
    }
  }
  return histories
}

describe('push', () => {
  it('without credentials is refused as UNAUTHORIZED, naming the registry', async () => {
    const run = streamThroughPeer(anonymous.core.handlers, 'images.push', { reference })
    const error = await run.ended
    expect(error?.code).toBe('UNAUTHORIZED')
    expect(error?.message).toContain(`Log in to ${anonymous.host.registry.host} to push ${reference}`)
    expect(error?.detail).toMatchObject({ registry: anonymous.host.registry.host, reason: 'unauthorized' })
  })

  it('with credentials from config.json pushes every layer and ends with the digest', async () => {
    const run = streamThroughPeer(loggedIn.core.handlers, 'images.push', { reference })
    expect(await run.ended).toBeNull()
    const done = run.events[run.events.length - 1]
    expect(done).toMatchObject({ kind: 'done', reference })
    if (done.kind === 'done') expect(done.digest).toMatch(/^sha256:[0-9a-f]{64}$/)
    const last = run.events.filter((event) => event.kind === 'progress').pop()
    expect(last?.layers.length).toBe(4)
    expect(last?.layers.every((layer) => ['pushed', 'exists', 'mounted'].includes(layer.state))).toBe(true)
    expect(last?.totals).toMatchObject({ layers: 4, layersDone: 4, fraction: 1 })
  })

  it('of an image this engine does not have says so', async () => {
    const missing = `${anonymous.host.registry.host}/${REGISTRY_AREA}/${uniqueName('absent')}:v1`
    const error = await streamThroughPeer(loggedIn.core.handlers, 'images.push', { reference: missing }).ended
    expect(error?.code).toBe('NOT_FOUND')
    expect(error?.message).toContain(`There is no image called ${missing} on this engine`)
  })
})

describe('pull', () => {
  // Runs alone too (vitest -t): the image must be in the registry first.
  beforeAll(async () => {
    expect(await streamThroughPeer(loggedIn.core.handlers, 'images.push', { reference }).ended).toBeNull()
  })

  it('brings a removed image back with every fetched layer seen at work, then done', async () => {
    await removeImageIfPresent(anonymous.docker, reference)
    expect(await imageExists(anonymous.docker, reference)).toBe(false)
    const started = Date.now()
    const run = streamThroughPeer(loggedIn.core.handlers, 'images.pull', { reference })
    expect(await run.ended).toBeNull()
    const elapsed = Date.now() - started

    const done = run.events[run.events.length - 1] as Extract<PullEvent, { kind: 'done' }>
    expect(done).toMatchObject({ kind: 'done', reference, imageId: builtId, upToDate: false })
    expect(done.digest).toMatch(/^sha256:[0-9a-f]{64}$/)
    expect(await imageExists(anonymous.docker, reference)).toBe(true)

    // Snapshots are paced (a state that lasts less than one interval may be skipped), but every
    // fetched layer is seen at work before it is done, and some layer shows bytes part-way.
    const histories = [...layerHistories(run.events).values()]
    const fetched = histories.filter((history) => history[history.length - 1] === 'done')
    expect(fetched).toHaveLength(3)
    for (const history of fetched) expect(history.length).toBeGreaterThan(1)
    expect(histories.filter((history) => history.join() === 'exists')).toHaveLength(1)
    const partWay = run.events.some(
      (event) => event.kind === 'progress' && event.layers.some((l) => ['downloading', 'extracting'].includes(l.state) && l.currentBytes > 0 && l.currentBytes < (l.totalBytes ?? 0))
    )
    expect(partWay).toBe(true)

    const progress = run.events.filter((event) => event.kind === 'progress')
    const last = progress[progress.length - 1]
    expect(last.totals).toMatchObject({ layers: 4, layersDone: 4, fraction: 1 })
    expect(last.totals.bytesDone).toBe(last.totals.bytesTotal)
    expect(last.totals.bytesTotal).toBeGreaterThan(25 * MB)
    // Paced: about one snapshot per 100 ms, however many lines the engine sent.
    expect(progress.length).toBeLessThanOrEqual(Math.ceil(elapsed / 100) + 3)
  })

  it('of an image already here says it is up to date', async () => {
    const run = streamThroughPeer(loggedIn.core.handlers, 'images.pull', { reference })
    expect(await run.ended).toBeNull()
    expect(run.events[run.events.length - 1]).toMatchObject({ kind: 'done', imageId: builtId, upToDate: true })
  })

  it('by digest gives the same image, named by its digest', async () => {
    const pushed = streamThroughPeer(loggedIn.core.handlers, 'images.push', { reference })
    expect(await pushed.ended).toBeNull()
    const done = pushed.events[pushed.events.length - 1]
    const digest = done.kind === 'done' ? done.digest : ''
    const byDigest = `${anonymous.host.registry.host}/${repository}@${digest}`
    const run = streamThroughPeer(loggedIn.core.handlers, 'images.pull', { reference: byDigest })
    expect(await run.ended).toBeNull()
    expect(run.events[run.events.length - 1]).toMatchObject({ kind: 'done', reference: byDigest, imageId: builtId, digest })
  })

  it('without credentials asks to log in to the registry', async () => {
    const error = await streamThroughPeer(anonymous.core.handlers, 'images.pull', { reference }).ended
    expect(error?.code).toBe('UNAUTHORIZED')
    expect(error?.message).toBe(`Log in to ${anonymous.host.registry.host} to pull ${reference}: the registry asks for credentials.`)
    expect(error?.detail).toMatchObject({ registry: anonymous.host.registry.host })
  })

  it('with a wrong password says the saved credentials were not accepted', async () => {
    const error = await streamThroughPeer(wrongPassword.core.handlers, 'images.pull', { reference }).ended
    expect(error?.code).toBe('UNAUTHORIZED')
    expect(error?.message).toContain(`did not accept the saved credentials for ${anonymous.host.registry.user}`)
  })

  it('of a tag the registry does not have says it was not found there', async () => {
    const missing = `${anonymous.host.registry.host}/${repository}:no-such-tag`
    const error = await streamThroughPeer(loggedIn.core.handlers, 'images.pull', { reference: missing }).ended
    expect(error?.code).toBe('NOT_FOUND')
    expect(error?.message).toBe(`${missing} was not found on ${anonymous.host.registry.host}: check the name and tag.`)
  })
})

describe('tag', () => {
  it('gives the image a new name; the engine lists it', async () => {
    const target = `${REGISTRY_AREA}/${uniqueName('tagged')}:v2`
    const handlers = loggedIn.core.handlers
    try {
      const result = await handlers['images.tag']({ source: builtId, target }, new AbortController().signal)
      expect(result).toEqual({ reference: target })
      const image = (await anonymous.docker.getImage(target).inspect()) as { Id: string; RepoTags: string[] }
      expect(image.Id).toBe(builtId)
      expect(image.RepoTags).toContain(target)
    } finally {
      await anonymous.docker.getImage(target).remove().catch(() => {})
    }
  })

  it('of an image that does not exist is NOT_FOUND', async () => {
    const answer = new Promise<ServerFrame>((resolve) => {
      const peer = new Peer(loggedIn.core.handlers, resolve)
      peer.receive({ t: 'call', id: 1, method: 'images.tag', input: { source: 'distribution/never-built:x', target: 'distribution/whatever:v1' } })
    })
    expect(await answer).toMatchObject({ t: 'err', error: { code: 'NOT_FOUND' } })
  })
})

describe('bad references are refused before any handler runs', () => {
  /** The real table with the three handlers replaced by spies that record they were reached. */
  function spiedTable(base: HandlerTable, reached: string[]): HandlerTable {
    return {
      ...base,
      'images.pull': async () => void reached.push('images.pull'),
      'images.push': async () => void reached.push('images.push'),
      'images.tag': async () => {
        reached.push('images.tag')
        return { reference: '' }
      }
    }
  }

  it.each([
    ['images.pull', { reference: 'Alpine' }, 'repository names must be lowercase'],
    ['images.pull', { reference: 'alpine:-1' }, 'does not start with . or -'],
    ['images.pull', { reference: 'alpine@sha256:123' }, 'exactly 64 hex characters'],
    ['images.pull', { reference: '' }, 'enter an image reference'],
    ['images.pull', { reference: 'reg.io:70000/app' }, 'from 1 to 65535'],
    ['images.push', { reference: `app@sha256:${'a'.repeat(64)}` }, 'a digest can only be pulled'],
    ['images.tag', { source: 'abc', target: 'Team/App' }, 'must be lowercase'],
    ['images.tag', { source: 'abc', target: 'app:v 1' }, 'is not a tag']
  ] as const)('%s %j', async (method, input, words) => {
    const reached: string[] = []
    const frames: Array<{ t: string; error?: { code: string; message: string } }> = []
    const peer = new Peer(spiedTable(anonymous.core.handlers, reached), (frame) => frames.push(frame as (typeof frames)[number]))
    peer.receive({ t: method === 'images.tag' ? 'call' : 'sub', id: 7, method, input })
    await new Promise((resolve) => setTimeout(resolve, 20))
    expect(reached).toEqual([])
    expect(frames).toHaveLength(1)
    expect(frames[0].error?.code).toBe('INVALID_INPUT')
    expect(frames[0].error?.message).toContain(words)
  })
})
