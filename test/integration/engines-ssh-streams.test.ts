/**
 * Berth over SSH (our own throwaway sshd, streamlocal to the test engine): lists, logs, a
 * terminal and a file download all go through ONE SSH connection; when that connection is
 * killed mid-stream the registry reconnects, a followed log carries on from where it was with
 * no line lost or repeated, the events feed says unavailable → connected (lists are re-read) and
 * then delivers new events. Switching engines ends the previous engine's streams.
 */
import { execFileSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { contract, type EventOf, type InputOf, type StreamName } from '../../shared/contract'
import { batchLines } from '../../shared/logs-models'
import type { WatchEvent } from '../../shared/models'
import { createCore, type Core } from '../../electron/core/app'
import { toRpcError } from '../../electron/core/rpc/errors'
import { generateKey, startSshd, type KeyPair, type TestSshd } from '../support/sshd'
import { download } from './files-kit'
import { call, createLabelledContainer, createTestCore, removeLabelledContainers, type TestCore } from './handlers-kit'

let local: TestCore
let sshd: TestSshd
let key: KeyPair
let root: string
let core: Core
let remoteId: string
let ticker: string
const LABELS = { 'berth.test.area': 'engines-ssh' }

interface OpenStream<E> {
  events: E[]
  done: Promise<void>
  settled: () => boolean
  cancel(): void
}

function open<K extends StreamName>(c: Core, method: K, input: InputOf<K>): OpenStream<EventOf<K>> {
  const controller = new AbortController()
  const events: EventOf<K>[] = []
  const parsed = contract[method].input.parse(input)
  const handler = c.handlers[method] as (input: unknown, emit: (e: EventOf<K>) => void, signal: AbortSignal) => Promise<void>
  let settled = false
  const done = handler(parsed, (e) => events.push(e), controller.signal).then(
    () => void (settled = true),
    (err: unknown) => {
      settled = true
      throw toRpcError(err)
    }
  )
  done.catch(() => {})
  return { events, done, settled: () => settled, cancel: () => controller.abort() }
}

/** Established TCP connections from this process to the sshd's port. */
function sshConnections(port: number): number {
  const out = execFileSync('ss', ['-Htn', 'state', 'established', `( dport = :${port} )`], { encoding: 'utf8' })
  return out.split('\n').filter((line) => line.trim()).length
}

function counterLines(events: EventOf<'containers.logs'>[]): number[] {
  return events.flatMap((batch) => batchLines(batch).map((line) => Number(line.text)))
}

beforeAll(async () => {
  local = await createTestCore()
  root = mkdtempSync(join(tmpdir(), 'berth-streams-'))
  key = generateKey(root, 'id_streams')
  sshd = await startSshd('streams', { authorizedKeys: [key.publicLine] })
  const home = join(root, 'home')
  mkdirSync(join(home, '.ssh'), { recursive: true })
  writeFileSync(join(home, '.ssh', 'known_hosts'), `[127.0.0.1]:${sshd.port} ${sshd.hostKeyLine}\n`)
  core = await createCore({ env: { PATH: process.env.PATH, DOCKER_HOST: local.host.dockerHost, USER: 'root' }, configDir: join(root, 'config'), homeDir: home })
  const added = await call(core, 'engines.addRemote', {
    remote: { name: 'engines-ssh-streams', host: '127.0.0.1', port: sshd.port, user: 'root', auth: { method: 'key', keyFile: key.privatePath }, remoteSocket: local.host.dockerSocket },
    decisions: {},
    use: true
  })
  if (added.status !== 'connected') throw new Error(`could not add the remote: ${JSON.stringify(added)}`)
  remoteId = added.engineId as string
  for (let waited = 0; core.engines.get(remoteId).state !== 'connected'; waited += 50) {
    if (waited > 15_000) throw new Error(`the remote did not connect: ${core.engines.get(remoteId).error}`)
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
  // A container that prints 0, 1, 2, … ten times a second: any lost or repeated line shows.
  const container = await local.docker.createContainer({
    Image: local.host.testImage,
    name: `engines-ssh-ticker-${process.pid}`,
    Cmd: ['sh', '-c', 'i=0; while true; do echo $i; i=$((i+1)); sleep 0.1; done'],
    Labels: { ...local.labels, ...LABELS }
  })
  await container.start()
  ticker = container.id
}, 60_000)

afterAll(async () => {
  await core?.close()
  await removeLabelledContainers(local)
  await local.dispose()
  await sshd?.stop()
  rmSync(root, { recursive: true, force: true })
})

describe('over SSH', () => {
  it('lists, follows logs, runs a terminal and downloads a file through one SSH connection', async () => {
    const id = await createLabelledContainer(local, { start: true, labels: LABELS })
    const list = await call(core, 'containers.list', {})
    expect(list.map((c) => c.id)).toEqual(expect.arrayContaining([id, ticker]))
    const parallel = await Promise.all(Array.from({ length: 10 }, () => call(core, 'images.list', {})))
    expect(parallel.every((images) => images.length > 0)).toBe(true)

    const logs = open(core, 'containers.logs', { id: ticker, tail: 5, timestamps: true, follow: true })
    const terminal = open(core, 'exec.session', { containerId: id, cols: 80, rows: 24 })
    await expect.poll(() => terminal.events.find((e) => e.type === 'ready'), { timeout: 10_000 }).toBeTruthy()
    const ready = terminal.events.find((e) => e.type === 'ready')
    const sessionId = ready && ready.type === 'ready' ? ready.sessionId : ''
    await call(core, 'exec.input', { sessionId, data: 'echo engines-ssh-$((6*7))\r' })
    const output = (): string => terminal.events.map((e) => (e.type === 'data' ? e.data : '')).join('')
    await expect.poll(output, { timeout: 10_000 }).toMatch(/engines-ssh-42/)

    const file = await download(core, 'files.download', { id, path: '/etc/passwd' })
    expect(file.bytes.toString()).toContain('root:')
    await expect.poll(() => counterLines(logs.events).length, { timeout: 10_000 }).toBeGreaterThan(10)

    // Everything above shared one SSH connection (the registry's own included).
    expect(sshConnections(sshd.port)).toBe(1)
    logs.cancel()
    terminal.cancel()
    await Promise.allSettled([logs.done, terminal.done])
  }, 60_000)

  it('reconnects after the SSH connection is killed mid-stream: nothing lost, events resumed, lists re-read', async () => {
    const watch = open(core, 'events.watch', {})
    const logs = open(core, 'containers.logs', { id: ticker, tail: 3, timestamps: true, follow: true })
    await expect.poll(() => counterLines(logs.events).length, { timeout: 10_000 }).toBeGreaterThan(5)

    expect(sshd.killConnections()).toBeGreaterThan(0)
    await expect.poll(() => watch.events.some((e) => e.type === 'engine' && e.engine.state === 'unavailable'), { timeout: 10_000 }).toBe(true)
    await expect.poll(() => core.engines.get(remoteId).state, { timeout: 15_000 }).toBe('connected')
    const engineStates = watch.events.filter((e): e is Extract<WatchEvent, { type: 'engine' }> => e.type === 'engine').map((e) => e.engine.state)
    expect(engineStates.slice(-2)).toEqual(['unavailable', 'connected'])

    // The log carried on: a run of consecutive numbers, none missing, none twice, past the drop.
    const before = counterLines(logs.events).length
    await expect.poll(() => counterLines(logs.events).length, { timeout: 15_000 }).toBeGreaterThan(before + 20)
    expect(logs.settled()).toBe(false)
    const numbers = counterLines(logs.events)
    const expected = Array.from({ length: numbers.length }, (_, i) => numbers[0] + i)
    expect(numbers).toEqual(expected)

    // Events flow again over the new connection.
    const id = await createLabelledContainer(local, { labels: LABELS })
    await expect.poll(() => watch.events.some((e) => e.type === 'container' && e.id === id), { timeout: 10_000 }).toBe(true)
    expect((await call(core, 'containers.list', {})).map((c) => c.id)).toContain(id)
    expect(sshConnections(sshd.port)).toBe(1)
    logs.cancel()
    watch.cancel()
    await Promise.allSettled([logs.done, watch.done])
  }, 60_000)

  it('switching engines ends the previous engine’s logs, stats and terminal streams', async () => {
    const id = await createLabelledContainer(local, { start: true, labels: LABELS })
    const logs = open(core, 'containers.logs', { id: ticker, tail: 1, timestamps: true, follow: true })
    const stats = open(core, 'containers.stats', { id })
    const terminal = open(core, 'exec.session', { containerId: id, cols: 80, rows: 24 })
    await expect.poll(() => logs.events.length > 0 && stats.events.length > 0 && terminal.events.length > 0, { timeout: 15_000 }).toBe(true)
    const transport = core.engines.connectionOf(remoteId)?.transport
    expect(transport?.openSockets()).toBeGreaterThanOrEqual(3)

    await call(core, 'engines.use', { id: 'env' })
    await expect.poll(() => [logs.settled(), stats.settled(), terminal.settled()], { timeout: 5_000 }).toEqual([true, true, true])
    // The old engine keeps only what its slow health check opens.
    await expect.poll(() => transport?.openSockets() ?? 0, { timeout: 5_000 }).toBeLessThanOrEqual(1)
    // The new engine answers; the old one is still listed and checked.
    expect((await call(core, 'containers.list', {})).map((c) => c.id)).toContain(id)
    expect(core.engines.get(remoteId)).toMatchObject({ active: false, state: 'connected' })
  }, 60_000)

  it('keeps a remote that is not in use honest: a dropped connection is checked at once, a dead sshd shows unavailable', async () => {
    expect(core.engines.get(remoteId)).toMatchObject({ active: false, state: 'connected' })
    const before = core.engines.get(remoteId).checkedAt ?? 0
    expect(sshd.killConnections()).toBeGreaterThan(0)
    // Checked (and reconnected) right away, not at the next 10 s ping.
    await expect.poll(() => core.engines.get(remoteId).checkedAt ?? 0, { timeout: 3_000 }).toBeGreaterThan(before)
    expect(core.engines.get(remoteId).state).toBe('connected')
    await expect.poll(() => sshConnections(sshd.port), { timeout: 3_000 }).toBe(1)

    await sshd.stop()
    await expect.poll(() => core.engines.get(remoteId).state, { timeout: 5_000 }).toBe('unavailable')
    expect(core.engines.get(remoteId).error).toMatch(/refused|closed|reach/i)
    // Its facts stay from the last connect, so the page still says what it was.
    expect(core.engines.get(remoteId).facts?.version).toMatch(/^\d+\.\d+/)
  }, 30_000)
})
