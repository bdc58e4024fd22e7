/**
 * Losing the engine and getting it back: a private dockerd (own roots under /run/berth-helperB)
 * is SIGKILLed while events.watch runs; the feed must say `unavailable` within 1 s, keep going,
 * and say `connected` within 2 s of the engine answering again, after which calls work.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import http from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { WatchEvent } from '../../shared/models'
import { createCore, type Core } from '../../electron/core/app'
import { call } from './handlers-kit'

const ROOT = `/run/berth-helperB/engine-loss-${process.pid}`
const SOCKET = join(ROOT, 'docker.sock')
const SHARED_CONTAINERD = '/run/berth-test/containerd/containerd.sock'
const NAMESPACE = `berth-helperb-${process.pid}`
let dockerd: ChildProcess | undefined
let core: Core
let configRoot: string

function ping(): Promise<boolean> {
  return new Promise((resolve) => {
    const req = http.get({ socketPath: SOCKET, path: '/_ping', timeout: 500 }, (res) => {
      res.resume()
      resolve(res.statusCode === 200)
    })
    req.on('error', () => resolve(false))
    req.on('timeout', () => req.destroy())
  })
}

async function waitFor(what: string, check: () => boolean | Promise<boolean>, ms: number): Promise<void> {
  const deadline = Date.now() + ms
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`)
    await new Promise((r) => setTimeout(r, 20))
  }
}

/** Starts the private engine and resolves once it answers /_ping. */
async function startEngine(): Promise<void> {
  mkdirSync(ROOT, { recursive: true })
  dockerd = spawn(
    'dockerd',
    [
      '--host', `unix://${SOCKET}`,
      '--data-root', join(ROOT, 'data'),
      '--exec-root', join(ROOT, 'exec'),
      '--pidfile', join(ROOT, 'docker.pid'),
      '--bridge=none', '--iptables=false', '--ip-masq=false',
      // The test host's containerd, in a namespace of our own: a dockerd-managed containerd does
      // not survive dockerd being SIGKILLed well enough to restart quickly.
      ...(existsSync(SHARED_CONTAINERD)
        ? ['--containerd', SHARED_CONTAINERD, '--containerd-namespace', NAMESPACE, '--containerd-plugins-namespace', `${NAMESPACE}-plugins`]
        : []),
      '--config-file', join(ROOT, 'daemon.json')
    ],
    { stdio: ['ignore', openSync(join(ROOT, 'dockerd.log'), 'a'), openSync(join(ROOT, 'dockerd.log'), 'a')] }
  )
  await waitFor('the private dockerd', ping, 30_000)
}

/** A SIGKILLed dockerd leaves its mounts under ROOT behind; unmount them, deepest first. */
function unmountUnder(root: string): void {
  const points = readFileSync('/proc/self/mountinfo', 'utf8')
    .split('\n')
    .map((line) => line.split(' ')[4])
    .filter((point): point is string => Boolean(point) && (point === root || point.startsWith(`${root}/`)))
    .sort((a, b) => b.length - a.length)
  for (const point of points) {
    try {
      execFileSync('umount', [point])
    } catch {
      // busy or already gone; rmSync below reports what is left
    }
  }
}

/** The containerd a private dockerd starts for itself; stopped by its recorded pid. */
function stopManagedContainerd(): void {
  const pidFile = join(ROOT, 'exec', 'containerd', 'containerd.pid')
  if (!existsSync(pidFile)) return
  const pid = Number(readFileSync(pidFile, 'utf8').trim())
  if (pid > 0) {
    try {
      process.kill(pid, 'SIGTERM')
    } catch {
      // already gone
    }
  }
}

beforeAll(async () => {
  mkdirSync(ROOT, { recursive: true })
  writeFileSync(join(ROOT, 'daemon.json'), '{}\n')
  await startEngine()
  configRoot = mkdtempSync(join(tmpdir(), 'berth-loss-'))
  mkdirSync(join(configRoot, 'config'))
  writeFileSync(join(configRoot, 'config', 'settings.json'), JSON.stringify({ activeEngineId: 'env' }))
  core = await createCore({ env: { DOCKER_HOST: `unix://${SOCKET}` }, configDir: join(configRoot, 'config'), homeDir: configRoot })
})

afterAll(async () => {
  await core?.close()
  if (dockerd && dockerd.exitCode === null && dockerd.signalCode === null) {
    dockerd.kill('SIGTERM')
    await new Promise((r) => dockerd?.once('exit', r))
  }
  stopManagedContainerd()
  unmountUnder(ROOT)
  if (!process.env.BERTH_KEEP_ENGINE_LOSS_ROOT) rmSync(ROOT, { recursive: true, force: true })
  rmSync(configRoot, { recursive: true, force: true })
})

describe('engine loss and return', () => {
  it('events.watch says unavailable within 1 s of SIGKILL and connected within 2 s of the engine returning', async () => {
    const events: Array<{ at: number; event: WatchEvent }> = []
    const controller = new AbortController()
    const done = core.handlers['events.watch']({}, (event) => events.push({ at: Date.now(), event }), controller.signal)
    const engineStates = () => events.flatMap(({ at, event }) => (event.type === 'engine' ? [{ at, state: event.engine.state, error: event.engine.error }] : []))

    await waitFor('connected', () => engineStates().some((e) => e.state === 'connected'), 10_000)
    expect((await call(core, 'containers.list', {})).length).toBeGreaterThanOrEqual(0)

    const killedAt = Date.now()
    dockerd?.kill('SIGKILL')
    await waitFor('unavailable', () => engineStates().some((e) => e.at >= killedAt && e.state === 'unavailable'), 5_000)
    const lost = engineStates().find((e) => e.at >= killedAt && e.state === 'unavailable')
    const detectMs = (lost?.at ?? 0) - killedAt
    expect(detectMs).toBeLessThan(1_000)
    expect(lost?.error).toMatch(/closed|refused|not running/)
    await expect(call(core, 'containers.list', {})).rejects.toMatchObject({ code: 'ENGINE_UNAVAILABLE' })

    // Stay down a while: the feed must not end, and backoff must not give up.
    await new Promise((r) => setTimeout(r, 1_500))
    let ended = false
    void done.then(() => (ended = true))
    await new Promise((r) => setImmediate(r))
    expect(ended).toBe(false)

    await startEngine()
    const backAt = Date.now()
    await waitFor('connected again', () => engineStates().some((e) => e.at >= backAt - 50 && e.state === 'connected'), 5_000)
    const back = engineStates().find((e) => e.at >= backAt - 50 && e.state === 'connected')
    const recoverMs = (back?.at ?? 0) - backAt
    expect(recoverMs).toBeLessThan(2_000)
    expect(Array.isArray(await call(core, 'containers.list', {}))).toBe(true)
    console.log(`engine loss: unavailable after ${detectMs} ms, connected ${recoverMs} ms after the engine answered`)

    controller.abort()
    await done
  })
})
