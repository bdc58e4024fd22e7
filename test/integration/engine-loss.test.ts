/**
 * Losing the engine and getting it back: a throwaway private engine (test/support/privateEngine.ts)
 * is SIGKILLed while events.watch runs; the feed must say `unavailable` within 1 s, keep going,
 * and say `connected` within 2 s of the engine answering again, after which calls work.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { WatchEvent } from '../../shared/models'
import { createCore, type Core } from '../../electron/core/app'
import { startPrivateEngine, type PrivateEngine } from '../support/privateEngine'
import { call } from './handlers-kit'

let engine: PrivateEngine
let core: Core
let configRoot: string

async function waitFor(what: string, check: () => boolean | Promise<boolean>, ms: number): Promise<void> {
  const deadline = Date.now() + ms
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`)
    await new Promise((r) => setTimeout(r, 20))
  }
}

beforeAll(async () => {
  engine = await startPrivateEngine(`engine-loss-${process.pid}`)
  configRoot = mkdtempSync(join(tmpdir(), 'berth-loss-'))
  mkdirSync(join(configRoot, 'config'))
  writeFileSync(join(configRoot, 'config', 'settings.json'), JSON.stringify({ activeEngineId: 'env' }))
  core = await createCore({ env: { DOCKER_HOST: engine.dockerHost }, configDir: join(configRoot, 'config'), homeDir: configRoot })
})

afterAll(async () => {
  await core?.close()
  await engine?.stop()
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
    await engine.kill()
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

    await engine.start()
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
