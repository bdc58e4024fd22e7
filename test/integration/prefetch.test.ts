/**
 * Browser mode's prefetched first list (`/rpc?prefetch=containers.list`) on the real engine and
 * the real server: it answers the page's call when nothing changed, and never hides a container
 * made between the prefetch and the call (the page's event stream starts after the prefetch, so
 * such a container would otherwise be missing until its next event).
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startServer, type RunningServer } from '../../electron/core/rpc/ws-server'
import { contract } from '../../shared/contract'
import type { ContainerSummary, WatchEvent } from '../../shared/models'
import type { PrefetchFrame } from '../../shared/prefetch'
import type { PrefetchGuard } from '../../electron/core/rpc/prefetch'
import type { ServerFrame } from '../../shared/wire'
import { createLabelledContainer, createTestCore, removeLabelledContainers, type TestCore } from './handlers-kit'
import { openConnection, type OpenConnection } from './support/wsClient'

const TOKEN = 'prefetch-test-token-0123456789'
let t: TestCore
let server: RunningServer
/** The same server but with a guard that never goes stale: other suites' events can't make its pushes vary. */
let steadyServer: RunningServer
let scratch: string

beforeAll(async () => {
  t = await createTestCore()
  scratch = mkdtempSync(join(tmpdir(), 'berth-prefetch-'))
  mkdirSync(join(scratch, 'site'))
  writeFileSync(join(scratch, 'site', 'index.html'), '<!doctype html><div id="root"></div>')
  server = await startServer({ port: 0, token: TOKEN, staticDir: join(scratch, 'site'), handlers: t.core.handlers, prefetchGuard: t.core.prefetchGuard })
  const steady = (): PrefetchGuard => ({ stillFresh: () => true, dispose: () => undefined })
  steadyServer = await startServer({ port: 0, token: TOKEN, staticDir: join(scratch, 'site'), handlers: t.core.handlers, prefetchGuard: steady })
  // The engine must be connected before a prefetch can be judged fresh.
  await t.core.engines.whenActive(new AbortController().signal)
})

afterAll(async () => {
  await server?.close()
  await steadyServer?.close()
  await removeLabelledContainers(t)
  await t?.dispose()
  rmSync(scratch, { recursive: true, force: true })
})

const cookieFor = (on: RunningServer): string => `berth_token_${on.port}=${TOKEN}`
const open = (query: string, on = server): Promise<OpenConnection> => openConnection(`ws://127.0.0.1:${on.port}/rpc${query}`, { cookie: cookieFor(on) })

/** What a browser does first: request the page (its read of the containers list starts here). */
async function requestPage(on = server): Promise<void> {
  const response = await fetch(`http://127.0.0.1:${on.port}/`, { headers: { cookie: cookieFor(on) } })
  expect(response.status).toBe(200)
  await response.text()
}

/** Frames as they come off the socket: the contract's, and browser mode's prefetch frames beside them. */
type SocketFrame = ServerFrame | PrefetchFrame
const framesOf = (connection: OpenConnection): SocketFrame[] => connection.frames as SocketFrame[]

/** The pushed list, once it has arrived (or undefined). */
const pushedList = (connection: OpenConnection, method = 'containers.list'): ContainerSummary[] | undefined => {
  const pushed = framesOf(connection).find((frame) => frame.t === 'pre' && frame.method === method)
  return pushed?.t === 'pre' ? (pushed.output as ContainerSummary[]) : undefined
}

/** Calls containers.list and reads its answer as the page's transport would: `okpre` means the pushed list. */
async function listOn(connection: OpenConnection, id: number): Promise<{ rows: ContainerSummary[]; answeredBy: 'ok' | 'okpre' }> {
  const before = connection.frames.length
  connection.socket.send(JSON.stringify({ t: 'call', id, method: 'containers.list', input: {} }))
  // The push may arrive after the call went out: wait for the frame that answers this id.
  const isAnswer = (frame: SocketFrame): boolean => (frame.t === 'ok' || frame.t === 'okpre' || frame.t === 'err') && frame.id === id
  for (let count = before + 1; !framesOf(connection).some(isAnswer); count++) await connection.waitFor(count)
  const frames = framesOf(connection)
  const answer = frames.find(isAnswer)
  if (answer?.t === 'ok') return { rows: answer.output as ContainerSummary[], answeredBy: 'ok' }
  const pushed = pushedList(connection)
  if (answer?.t === 'okpre' && pushed) return { rows: pushed, answeredBy: 'okpre' }
  throw new Error(`no answer: ${JSON.stringify(frames.slice(before))}`)
}

async function untilPushed(connection: OpenConnection, method = 'containers.list'): Promise<ContainerSummary[]> {
  const deadline = Date.now() + 10_000
  for (;;) {
    const pushed = pushedList(connection, method)
    if (pushed) return pushed
    if (Date.now() > deadline) throw new Error(`nothing pushed: ${JSON.stringify(connection.frames)}`)
    await new Promise((resolve) => setTimeout(resolve, 5))
  }
}

/** Creates a container and waits until Berth has its event (another page's event stream says so). */
async function createSeenByBerth(): Promise<{ created: string; watcher: OpenConnection }> {
  const watcher = await open('')
  watcher.socket.send(JSON.stringify({ t: 'sub', id: 1, method: 'events.watch', input: {} }))
  const created = await createLabelledContainer(t)
  const deadline = Date.now() + 10_000
  const seen = (): boolean =>
    watcher.frames.some((frame) => frame.t === 'ev' && (frame.event as WatchEvent).type === 'container' && (frame.event as { id: string }).id === created)
  while (!seen()) {
    if (Date.now() > deadline) throw new Error('the create event never reached Berth')
    await new Promise((resolve) => setTimeout(resolve, 10))
  }
  return { created, watcher }
}

describe('prefetched containers list', () => {
  it('answers the first call with the engine’s list when nothing changed', async () => {
    const kept = await createLabelledContainer(t)
    const connection = await open('?prefetch=containers.list')
    const { rows } = await listOn(connection, 1)
    // Other suites share this engine, so only what this test made is compared by id.
    expect(contract['containers.list'].output.safeParse(rows).success).toBe(true)
    expect(rows.map((row) => row.id)).toContain(kept)
    connection.socket.close()
  })

  it('pushes the list before the page asks, then answers the call by naming it (the rows are not sent twice)', async () => {
    const kept = await createLabelledContainer(t)
    const connection = await open('?prefetch=containers.list')
    const pushed = await untilPushed(connection)
    expect(contract['containers.list'].output.safeParse(pushed).success).toBe(true)
    expect(pushed.map((row) => row.id)).toContain(kept)
    const framesBefore = connection.frames.length
    const { rows, answeredBy } = await listOn(connection, 1)
    // Another suite's container event in between makes the server answer in full instead: both are right.
    if (answeredBy === 'okpre') expect(JSON.stringify(connection.frames[framesBefore]).length).toBeLessThan(100)
    expect(rows.map((row) => row.id)).toContain(kept)
    // A second call is a read of its own.
    expect((await listOn(connection, 2)).answeredBy).toBe('ok')
    connection.socket.close()
  })

  it('includes a container created after the prefetch began and before the call', async () => {
    const connection = await open('?prefetch=containers.list')
    const { created, watcher } = await createSeenByBerth()
    const { rows, answeredBy } = await listOn(connection, 1)
    expect(rows.map((row) => row.id)).toContain(created)
    // Whether the read ended before the create (pushed, then found stale) or after: never the pushed list.
    expect(answeredBy).toBe('ok')
    connection.socket.close()
    watcher.socket.close()
  })

  it('starts reading with the page request: the socket the page opens gets the containers list pushed, whichever list it reads first', async () => {
    const kept = await createLabelledContainer(t)
    await requestPage(steadyServer)
    const connection = await open('?prefetch=images.list', steadyServer)
    expect((await untilPushed(connection)).map((row) => row.id)).toContain(kept)
    await untilPushed(connection, 'images.list')
    // The containers call is answered by naming the push: the page request's read was the socket's.
    const { answeredBy } = await listOn(connection, 1)
    expect(answeredBy).toBe('okpre')
    connection.socket.close()
  })

  it('a socket that asks for no prefetch gets no prefetch frame, even right after a page request', async () => {
    await requestPage(steadyServer)
    const client = await open('', steadyServer)
    expect((await listOn(client, 1)).answeredBy).toBe('ok')
    expect(framesOf(client).some((frame) => frame.t === 'pre' || frame.t === 'okpre')).toBe(false)
    client.socket.close()
    // The read is still there for the page's own socket.
    const page = await open('?prefetch=containers.list', steadyServer)
    await untilPushed(page)
    page.socket.close()
  })

  it('includes a container created between the page request and the page’s socket', async () => {
    await requestPage()
    const { created, watcher } = await createSeenByBerth()
    const connection = await open('?prefetch=containers.list')
    const { rows } = await listOn(connection, 1)
    expect(rows.map((row) => row.id)).toContain(created)
    connection.socket.close()
    watcher.socket.close()
  })
})
