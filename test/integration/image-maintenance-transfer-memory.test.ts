/**
 * The HTTP transfer routes stream: a ~400 MiB image is saved through browser mode's one-time URL
 * and loaded back through another, while the serve process's resident memory (VmRSS, sampled
 * every 20 ms from /proc) stays flat — roughly measured, with a margin that holds on a loaded
 * machine but not if the tar were ever held in memory. The serve process is the real CLI
 * (out/main/serve.js, main only, built into a scratch dir), driven over its WebSocket.
 */
import { spawn, spawnSync, type ChildProcessWithoutNullStreams } from 'node:child_process'
import { createReadStream, createWriteStream, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { request } from 'node:http'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { tokenCookieName } from '../../electron/core/rpc/http-security'
import type { ServerFrame } from '../../shared/wire'
import { createTestCore, type TestCore } from './handlers-kit'
import { makeImage, removeAreaObjects, uniqueRepo, waitUntil } from './image-maintenance-kit'
import { openConnection, type OpenConnection } from './support/wsClient'

const BIG_BYTES = 400 * 1024 * 1024
/** Growth allowed over the idle serve process: far below the 400 MiB a buffered tar would add. */
const FLAT_MARGIN_BYTES = 100 * 1024 * 1024
const TOKEN = 'image-maintenance-memory-0123456789'
const repoRoot = resolve(__dirname, '../..')

let t: TestCore
let scratch: string
let outDir: string
let child: ChildProcessWithoutNullStreams | undefined
let port = 0
let rpc: OpenConnection
let reference: string
let imageId: string

function rssBytes(pid: number): number {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8')
    .split('\n')
    .find((l) => l.startsWith('VmRSS:'))
  return Number(/(\d+)/.exec(line ?? '')?.[1] ?? 0) * 1024
}

/** Samples the serve process's RSS while `work` runs; returns the work's result and the peak. */
async function whileSampling<T>(work: () => Promise<T>): Promise<{ result: T; peak: number }> {
  const pid = child?.pid as number
  let peak = rssBytes(pid)
  const timer = setInterval(() => (peak = Math.max(peak, rssBytes(pid))), 20)
  try {
    return { result: await work(), peak }
  } finally {
    clearInterval(timer)
  }
}

let nextId = 1
/** Subscribes to a transfer stream over the WebSocket; resolves the ready URL and, later, the done event. */
async function startTransfer(method: 'images.save' | 'images.load', input: unknown): Promise<{ url: string; finished: Promise<{ bytes: number; loaded: string[] }> }> {
  const id = nextId++
  const from = rpc.frames.length
  rpc.socket.send(JSON.stringify({ t: 'sub', id, method, input }))
  const mine = (): ServerFrame[] => rpc.frames.slice(from).filter((frame) => frame.id === id)
  await waitUntil('the ready event', () => mine().some((f) => f.t === 'ev' || f.t === 'err'), 30_000)
  const ready = mine().find((f) => f.t === 'ev')
  if (!ready || ready.t !== 'ev') throw new Error(`no ready event: ${JSON.stringify(mine())}`)
  const finished = (async () => {
    await waitUntil('the end of the stream', () => mine().some((f) => f.t === 'end' || f.t === 'err'), 300_000)
    const frames = mine()
    const failed = frames.find((f) => f.t === 'err')
    if (failed) throw new Error(JSON.stringify(failed))
    const last = frames.filter((f) => f.t === 'ev').pop()
    return (last?.t === 'ev' ? last.event : {}) as { bytes: number; loaded: string[] }
  })()
  return { url: (ready.event as { url: string }).url, finished }
}

function httpTransfer(method: 'GET' | 'POST', path: string, file: string): Promise<number> {
  return new Promise((resolvePromise, reject) => {
    const headers: Record<string, string> = { cookie: `${tokenCookieName(port)}=${TOKEN}`, origin: `http://127.0.0.1:${port}` }
    if (method === 'POST') headers['content-length'] = String(statSync(file).size)
    const req = request({ host: '127.0.0.1', port, method, path, headers }, (res) => {
      if (res.statusCode !== 200) return reject(new Error(`${method} ${path} → ${res.statusCode}`))
      if (method === 'POST') {
        res.resume()
        return res.on('end', () => resolvePromise(statSync(file).size))
      }
      const out = createWriteStream(file)
      res.pipe(out)
      out.on('finish', () => resolvePromise(statSync(file).size))
      out.on('error', reject)
    })
    req.on('error', reject)
    if (method === 'POST') createReadStream(file).pipe(req)
    else req.end()
  })
}

beforeAll(async () => {
  t = await createTestCore()
  scratch = mkdtempSync(join(tmpdir(), 'berth-im-memory-'))
  const repo = uniqueRepo('big')
  reference = `${repo}:v1`
  imageId = await makeImage(t.docker, t.host.testImage, repo, 'v1', BIG_BYTES)

  mkdirSync(join(repoRoot, '.berth-test'), { recursive: true })
  outDir = mkdtempSync(join(repoRoot, '.berth-test', 'serve-im-'))
  const cli = join(repoRoot, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js')
  const built = spawnSync(process.execPath, [cli, 'build', '--outDir', outDir, '--logLevel', 'error'], { cwd: repoRoot, env: { ...process.env, BERTH_BUILD_ONLY: 'main' }, encoding: 'utf8' })
  if (built.status !== 0) throw new Error(`build failed: ${built.stderr}`)
  mkdirSync(join(outDir, 'renderer'))
  writeFileSync(join(outDir, 'renderer', 'index.html'), '<!doctype html><title>Berth</title>')
  child = spawn(process.execPath, [join(outDir, 'main', 'serve.js'), '--port', '0'], {
    env: { PATH: process.env.PATH, HOME: scratch, BERTH_CONFIG_DIR: join(scratch, 'config'), DOCKER_HOST: t.host.dockerHost, BERTH_TOKEN: TOKEN }
  })
  let stdout = ''
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk))
  child.stderr.resume()
  await waitUntil('the address line', () => /:(\d+)\/\?token=/.test(stdout), 20_000)
  port = Number(/:(\d+)\/\?token=/.exec(stdout)?.[1])
  rpc = await openConnection(`ws://127.0.0.1:${port}/rpc?token=${TOKEN}`)
}, 240_000)

afterAll(async () => {
  rpc?.socket.close()
  child?.kill('SIGKILL')
  await removeAreaObjects(t.docker)
  await t.dispose()
  rmSync(scratch, { recursive: true, force: true })
  if (outDir) rmSync(outDir, { recursive: true, force: true })
})

it('saves and loads a 400 MiB image through the HTTP routes with the serve process memory flat', async () => {
  const tar = join(scratch, 'big.tar')
  const save = await startTransfer('images.save', { refs: [reference], to: { kind: 'http' } })
  const idleBeforeSave = rssBytes(child?.pid as number)
  const saved = await whileSampling(() => httpTransfer('GET', save.url, tar))
  expect(saved.result).toBeGreaterThan(BIG_BYTES)
  expect((await save.finished).bytes).toBe(saved.result)

  await t.docker.getImage(imageId).remove({ force: true })
  const load = await startTransfer('images.load', { from: { kind: 'http' } })
  const idleBeforeLoad = rssBytes(child?.pid as number)
  const loaded = await whileSampling(() => httpTransfer('POST', load.url, tar))
  const loadDone = await load.finished
  expect(loadDone.bytes).toBe(saved.result)
  expect(loadDone.loaded).toEqual([reference])
  expect((await t.docker.getImage(reference).inspect()).Id).toBe(imageId)

  const mib = (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(1)} MiB`
  console.log(
    `serve RSS: save ${mib(idleBeforeSave)} → peak ${mib(saved.peak)}; load ${mib(idleBeforeLoad)} → peak ${mib(loaded.peak)}; tar ${mib(saved.result)}`
  )
  expect(saved.peak - idleBeforeSave).toBeLessThan(FLAT_MARGIN_BYTES)
  expect(loaded.peak - idleBeforeLoad).toBeLessThan(FLAT_MARGIN_BYTES)
}, 300_000)
