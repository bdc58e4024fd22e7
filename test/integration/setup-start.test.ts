/**
 * Starting a stopped engine for real: a private dockerd (own containerd, roots, socket and
 * network namespace) is started, then killed; Berth's engine-start.json says how to start it;
 * setup.detect offers "Start", setup.plan shows the command, setup.run starts it in the
 * background and ends only once the registry is connected — the same registry that said
 * "unavailable" a moment before, without re-creating the core. A second case has the engine's
 * socket unknown to the registry, so Berth must add it and switch to it.
 * Nothing here goes near /var/run/docker.sock or the host's network: the command is the private
 * engine's own (unshare --net), and the plan is asserted to hold nothing else.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { SetupProgress } from '../../shared/setup-models'
import { contract } from '../../shared/contract'
import { createCore, type Core } from '../../electron/core/app'
import { START_PROFILES_FILE } from '../../electron/core/setup/startProfiles'
import { startPrivateEngine, type PrivateEngine } from '../support/privateEngine'
import { call } from './handlers-kit'

const PROFILE_NAME = 'Private test engine'

let engine: PrivateEngine
let dir: string

/** Stops the dockerd Berth started (by the pid dockerd itself recorded) and waits until it is gone. */
async function stopBerthStartedDockerd(): Promise<void> {
  let pid: number
  try {
    pid = Number(readFileSync(engine.dockerPidFile, 'utf8').trim())
  } catch {
    return
  }
  try {
    process.kill(pid, 'SIGTERM')
  } catch {
    return
  }
  const deadline = Date.now() + 30_000
  while (Date.now() < deadline) {
    try {
      process.kill(pid, 0)
    } catch {
      return
    }
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
}

async function coreWith(dockerHost: string, name: string): Promise<{ core: Core; configDir: string }> {
  const configDir = join(dir, name, 'config')
  mkdirSync(configDir, { recursive: true })
  writeFileSync(
    join(configDir, START_PROFILES_FILE),
    JSON.stringify({ engines: [{ name: PROFILE_NAME, socket: engine.socketPath, command: engine.dockerdCommand, asRoot: true }] })
  )
  const core = await createCore({ env: { PATH: process.env.PATH, DOCKER_HOST: dockerHost }, configDir, homeDir: join(dir, name, 'home') })
  return { core, configDir }
}

async function runPlan(core: Core, planId: string): Promise<SetupProgress[]> {
  const events: SetupProgress[] = []
  await core.handlers['setup.run'](contract['setup.run'].input.parse({ planId }), (event) => events.push(event), new AbortController().signal)
  return events
}

async function untilUnavailable(core: Core): Promise<void> {
  const deadline = Date.now() + 15_000
  while (core.engines.activeSummary().state !== 'unavailable') {
    if (Date.now() > deadline) throw new Error(`active engine never became unavailable: ${JSON.stringify(core.engines.activeSummary())}`)
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'berth-setup-start-'))
  engine = await startPrivateEngine('setup-start')
  await engine.kill()
}, 120_000)

afterAll(async () => {
  await stopBerthStartedDockerd()
  await engine?.stop()
  rmSync(dir, { recursive: true, force: true })
}, 120_000)

describe('starting a stopped engine from Berth', () => {
  it('offers Start, shows the exact command, starts it, and the registry connects without a new core', async () => {
    const { core, configDir } = await coreWith(engine.dockerHost, 'active')
    try {
      await untilUnavailable(core)
      const detection = await call(core, 'setup.detect', {})
      expect(detection.activeEngine).toMatchObject({ id: 'env', state: 'unavailable', socket: engine.socketPath })
      expect(detection.configured).toMatchObject({ name: PROFILE_NAME, socket: { path: engine.socketPath, state: 'stopped' }, asRoot: true })
      expect(detection.offer).toMatchObject({ action: 'start', target: 'configured', label: `Start ${PROFILE_NAME}` })

      const plan = await call(core, 'setup.plan', { target: 'configured' })
      expect(plan.blocked).toBeUndefined()
      expect(plan.escalation).toBe('none')
      expect(plan.socket).toBe(engine.socketPath)
      expect(plan.steps.map((s) => s.kind)).toEqual(['daemon', 'wait'])
      expect(plan.steps[0].argv).toEqual(engine.dockerdCommand)
      expect(plan.steps[0].display.startsWith('unshare --net -- dockerd ')).toBe(true)
      // Never the machine's own Docker.
      expect(JSON.stringify(plan.steps)).not.toContain('/var/run/docker.sock')

      const started = Date.now()
      const events = await runPlan(core, plan.id)
      const finished = events.at(-1)
      expect(finished).toEqual({ type: 'finished', ok: true, engineId: 'env', message: `${PROFILE_NAME} is running, and Berth is connected to it.` })
      const steps = events.filter((e) => e.type === 'step-finished')
      expect(steps.map((s) => s.type === 'step-finished' && [s.index, s.ok])).toEqual([
        [1, true],
        [2, true]
      ])
      // dockerd's own words reached the progress stream through the log Berth keeps.
      const output = events.flatMap((e) => (e.type === 'output' ? [e.text] : [])).join('\n')
      expect(output).toContain('Daemon has completed initialization')
      console.log(`setup-start: Start → registry connected in ${Date.now() - started} ms`)

      // The same registry, the same core: connected now, and the engine answers Berth's calls.
      expect(core.engines.activeSummary()).toMatchObject({ id: 'env', state: 'connected' })
      expect(await call(core, 'containers.list', {})).toEqual([])
      const info = await call(core, 'engines.info', {})
      expect(info.version).toMatch(/^\d+\./)

      // Berth's record of what it started: the log and the pid, which is dockerd's own.
      const logFile = join(configDir, 'engine-logs', 'private-test-engine.log')
      expect(readFileSync(logFile, 'utf8')).toContain('Berth starts: unshare --net -- dockerd')
      const recorded = readFileSync(join(configDir, 'engine-logs', 'private-test-engine.pid'), 'utf8').trim()
      expect(recorded).toBe(readFileSync(engine.dockerPidFile, 'utf8').trim())

      // Nothing left to do once it runs.
      const again = await call(core, 'setup.detect', {})
      expect(again.offer.action).toBe('none')
    } finally {
      await core.close()
      await stopBerthStartedDockerd()
    }
  }, 90_000)

  it('adds an engine whose socket the registry did not know, and switches to it', async () => {
    const missing = join(dir, 'nothing-here.sock')
    const { core } = await coreWith(`unix://${missing}`, 'new-socket')
    try {
      await untilUnavailable(core)
      expect(core.engines.list().some((e) => e.endpoint === engine.socketPath)).toBe(false)
      const detection = await call(core, 'setup.detect', {})
      expect(detection.offer).toMatchObject({ action: 'start', target: 'configured' })
      const plan = await call(core, 'setup.plan', { target: 'configured' })
      const events = await runPlan(core, plan.id)
      expect(events.at(-1)).toMatchObject({ type: 'finished', ok: true, engineId: `socket:${engine.socketPath}` })
      const added = core.engines.list().find((e) => e.endpoint === engine.socketPath)
      expect(added).toMatchObject({ name: PROFILE_NAME, source: 'settings', state: 'connected', active: true })
      expect(core.engines.activeSummary().id).toBe(`socket:${engine.socketPath}`)
      expect(await call(core, 'containers.list', {})).toEqual([])
    } finally {
      await core.close()
      await stopBerthStartedDockerd()
    }
  }, 90_000)
})
