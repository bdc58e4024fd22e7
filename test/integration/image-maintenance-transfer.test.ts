/**
 * Save and load, both ways bytes can travel: to/from a file (the desktop app, whose main process
 * writes the path a native dialog gave) and through the browser-mode server's one-time HTTP URLs
 * (authorised like the page: cookie, same origin, one use). Several images go into one tar, are
 * removed, and come back with byte-identical ids and their tags.
 */
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createCore, type Core } from '../../electron/core/app'
import { startServer, type RunningServer } from '../../electron/core/rpc/ws-server'
import { httpTransfersFor } from '../../electron/core/transfers'
import type { TransferProgress } from '../../shared/image-maintenance-models'
import { tokenCookieName } from '../../electron/core/rpc/http-security'
import { createTestCore, type TestCore } from './handlers-kit'
import { httpRequest, makeImage, removeAreaObjects, runStream, uniqueRepo, waitUntil } from './image-maintenance-kit'

const TOKEN = 'image-maintenance-token-0123456789'
let t: TestCore
let desktop: Core
let server: RunningServer
let scratch: string
const images: Array<{ id: string; tags: string[] }> = []

function readyUrl(events: readonly TransferProgress[]): string | undefined {
  const ready = events.find((event) => event.kind === 'ready')
  return ready?.kind === 'ready' ? ready.url : undefined
}

function done(events: readonly TransferProgress[]): Extract<TransferProgress, { kind: 'done' }> {
  const last = events[events.length - 1]
  if (last?.kind !== 'done') throw new Error(`the transfer did not finish: ${JSON.stringify(events.slice(-2))}`)
  return last
}

async function removeAll(): Promise<void> {
  for (const image of images) await t.docker.getImage(image.id).remove({ force: true })
}

async function expectRestored(): Promise<void> {
  for (const image of images) {
    const inspect = await t.docker.getImage(image.id).inspect()
    expect(inspect.Id).toBe(image.id)
    expect(inspect.RepoTags.sort()).toEqual([...image.tags].sort())
  }
}

const allTags = (): string[] => images.flatMap((image) => image.tags)

beforeAll(async () => {
  t = await createTestCore()
  scratch = mkdtempSync(join(tmpdir(), 'berth-im-transfer-'))
  // The desktop app's core: native dialogs exist (the handler only needs to know they do).
  desktop = await createCore({
    env: { PATH: process.env.PATH, DOCKER_HOST: t.host.dockerHost },
    configDir: join(scratch, 'config'),
    homeDir: scratch,
    hostDialogs: { pickFolder: async () => null, pickSaveFile: async () => null, pickOpenFile: async () => null }
  })
  server = await startServer({ port: 0, token: TOKEN, staticDir: scratch, handlers: t.core.handlers, transfers: httpTransfersFor(t.core.engines) })
  const one = uniqueRepo('save-one')
  const two = uniqueRepo('save-two')
  images.push({ id: await makeImage(t.docker, t.host.testImage, one, 'v1', 300_000), tags: [`${one}:v1`] })
  const twoId = await makeImage(t.docker, t.host.testImage, two, 'v1', 200_000)
  await t.docker.getImage(twoId).tag({ repo: two, tag: 'extra' })
  images.push({ id: twoId, tags: [`${two}:v1`, `${two}:extra`] })
}, 60_000)

afterAll(async () => {
  await server?.close()
  await desktop?.close()
  await removeAreaObjects(t.docker)
  await t.dispose()
  rmSync(scratch, { recursive: true, force: true })
})

describe('save → remove → load through a file (desktop)', () => {
  it('round-trips several images in one tar with identical ids and their tags', async () => {
    const path = join(scratch, 'two-images.tar')
    const save = runStream(desktop, 'images.save', { refs: allTags(), to: { kind: 'file', path } })
    await save.done
    const saved = done(save.events)
    expect(saved.bytes).toBe(statSync(path).size)
    expect(saved.bytes).toBeGreaterThan(500_000)
    const progress = save.events.filter((e) => e.kind === 'progress')
    expect(progress.length).toBeGreaterThan(0)
    expect(progress.every((e) => e.kind === 'progress' && e.estimated && (e.totalBytes ?? 0) > 0)).toBe(true)
    // The estimate counts each layer once (the images share busybox's): within 10% of the real tar (whose headers and padding the layer sizes leave out).
    const estimate = progress[0].kind === 'progress' ? (progress[0].totalBytes ?? 0) : 0
    expect(Math.abs(estimate - saved.bytes) / saved.bytes).toBeLessThan(0.1)

    await removeAll()
    const load = runStream(desktop, 'images.load', { from: { kind: 'file', path } })
    await load.done
    const loaded = done(load.events)
    expect(loaded.bytes).toBe(saved.bytes)
    expect(loaded.loaded.sort()).toEqual(allTags().sort())
    expect(load.events.some((e) => e.kind === 'progress' && e.totalBytes === saved.bytes)).toBe(true)
    await expectRestored()
  })

  it('says in words when the file is not a docker save tar', async () => {
    const path = join(scratch, 'not-a-tar.tar')
    writeFileSync(path, 'definitely not a tar'.repeat(100))
    const load = runStream(desktop, 'images.load', { from: { kind: 'file', path } })
    await expect(load.done).rejects.toThrow(/could not load this file: .*Is it a tar made by docker save/)
  })

  it('browser mode has no host paths: UNSUPPORTED, in words', async () => {
    const save = runStream(t.core, 'images.save', { refs: [images[0].tags[0]], to: { kind: 'file', path: join(scratch, 'x.tar') } })
    await expect(save.done).rejects.toMatchObject({ code: 'UNSUPPORTED' })
    await expect(save.done).rejects.toThrow(/desktop app/)
  })
})

describe('save → remove → load through the browser-mode HTTP routes', () => {
  const cookie = (): Record<string, string> => ({ cookie: `${tokenCookieName(server.port)}=${TOKEN}` })
  const origin = (): string => `http://127.0.0.1:${server.port}`

  it('streams a one-time download, refused without the cookie, from another origin, or a second time', async () => {
    const save = runStream(t.core, 'images.save', { refs: allTags(), to: { kind: 'http' } })
    await waitUntil('the ready event', () => readyUrl(save.events) !== undefined)
    const url = readyUrl(save.events) as string
    expect(url).toMatch(/^\/transfers\/[A-Za-z0-9_-]{32}$/)

    expect((await httpRequest(server.port, 'GET', url, {})).status).toBe(401)
    // The token in the URL is not enough for transfers: only the page's HttpOnly cookie is.
    expect((await httpRequest(server.port, 'GET', `${url}?token=${TOKEN}`, {})).status).toBe(401)
    expect((await httpRequest(server.port, 'GET', url, { ...cookie(), origin: 'http://evil.example' })).status).toBe(403)
    expect((await httpRequest(server.port, 'GET', url, { ...cookie(), 'sec-fetch-site': 'cross-site' })).status).toBe(403)

    const answer = await httpRequest(server.port, 'GET', url, { ...cookie(), origin: origin(), 'sec-fetch-site': 'same-origin' })
    expect(answer.status).toBe(200)
    expect(answer.headers['content-type']).toBe('application/x-tar')
    expect(answer.headers['content-disposition']).toBe('attachment; filename="2-images.tar"; filename*=UTF-8\'\'2-images.tar')
    await save.done
    expect(done(save.events).bytes).toBe(answer.bytes)

    const again = await httpRequest(server.port, 'GET', url, cookie())
    expect(again.status).toBe(404)
    expect(JSON.parse(again.body.toString())).toMatchObject({ error: { code: 'NOT_FOUND', message: expect.stringMatching(/already used or has expired/) } })

    await removeAll()
    const load = runStream(t.core, 'images.load', { from: { kind: 'http' } })
    await waitUntil('the ready event', () => readyUrl(load.events) !== undefined)
    const loadUrl = readyUrl(load.events) as string
    expect((await httpRequest(server.port, 'POST', loadUrl, { 'content-type': 'application/x-tar' }, { body: answer.body })).status).toBe(401)
    const posted = await httpRequest(server.port, 'POST', loadUrl, { ...cookie(), origin: origin(), 'content-type': 'application/x-tar', 'content-length': String(answer.bytes) }, { body: answer.body })
    expect(posted.status).toBe(200)
    await load.done
    const loaded = done(load.events)
    expect(loaded.bytes).toBe(answer.bytes)
    expect(loaded.loaded.sort()).toEqual(allTags().sort())
    expect(load.events.some((e) => e.kind === 'progress' && e.totalBytes === answer.bytes)).toBe(true)
    await expectRestored()
    // A used upload URL can't take a second body.
    expect((await httpRequest(server.port, 'POST', loadUrl, cookie(), { body: Buffer.from('x') })).status).toBe(404)
  })

  it('a garbage upload fails the stream with words and answers 400', async () => {
    const load = runStream(t.core, 'images.load', { from: { kind: 'http' } })
    await waitUntil('the ready event', () => readyUrl(load.events) !== undefined)
    const failed = expect(load.done).rejects.toMatchObject({ code: 'INVALID_INPUT', message: expect.stringMatching(/could not load this file/) })
    const posted = await httpRequest(server.port, 'POST', readyUrl(load.events) as string, cookie(), { body: Buffer.from('not a tar at all'.repeat(1000)) })
    expect(posted.status).toBe(400)
    await failed
  })

  it('cancelling the stream retires its URL; a GET-only URL refuses POST', async () => {
    const save = runStream(t.core, 'images.save', { refs: [images[0].tags[0]], to: { kind: 'http' } })
    await waitUntil('the ready event', () => readyUrl(save.events) !== undefined)
    save.cancel()
    await expect(save.done).rejects.toMatchObject({ code: 'CANCELLED' })
    expect((await httpRequest(server.port, 'GET', readyUrl(save.events) as string, cookie())).status).toBe(404)

    const other = runStream(t.core, 'images.save', { refs: [images[0].tags[0]], to: { kind: 'http' } })
    await waitUntil('the ready event', () => readyUrl(other.events) !== undefined)
    const rejected = expect(other.done).rejects.toThrow(/closed before it started/)
    expect((await httpRequest(server.port, 'POST', readyUrl(other.events) as string, cookie(), { body: Buffer.from('x') })).status).toBe(405)
    await rejected
    expect(httpTransfersFor(t.core.engines).openTickets).toBe(0)
  })

  it('an unknown image is NOT_FOUND before any URL is offered', async () => {
    const save = runStream(t.core, 'images.save', { refs: ['image-maintenance/never-was:none'], to: { kind: 'http' } })
    await expect(save.done).rejects.toMatchObject({ code: 'NOT_FOUND' })
    expect(readyUrl(save.events)).toBeUndefined()
  })
})

