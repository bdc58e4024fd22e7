/**
 * One-click setup as a service of the core: detect (with the registry's view of the active
 * engine and Berth's engine-start.json), compose plans and keep them by id for a while, run one
 * plan at a time, and afterwards make sure the registry has found the engine and is connected to
 * it, switching to it when the engine Berth was set to use is still unavailable. The renderer
 * names plans by id only, so nothing it sends can become a command line.
 */
import { randomBytes } from 'node:crypto'
import { realpathSync } from 'node:fs'
import { join } from 'node:path'
import { RpcError } from '../../../shared/errors'
import type { EngineSummary } from '../../../shared/models'
import type { PlanRequest, RunRequest, SetupDetection, SetupPlan, SetupProgress } from '../../../shared/setup-models'
import type { EngineCandidate } from '../engine/discovery'
import type { EngineRegistry } from '../engine/registry'
import { detectHost } from './detect'
import { composePlan } from './plan'
import { pingUnixSocket } from './ping'
import { nodeHostProbe, type HostProbe } from './probe'
import { runSteps } from './runner'
import { profileFor, readStartProfiles } from './startProfiles'

export interface SetupServiceOptions {
  engines: EngineRegistry
  env: NodeJS.ProcessEnv
  configDir: string
  log: (message: string) => void
  probe?: HostProbe
  /** How long Berth waits for the registry to connect once the engine answers. */
  connectTimeoutMs?: number
}

const PLAN_TTL_MS = 15 * 60_000
const MAX_PLANS = 20
const CONNECT_TIMEOUT_MS = 15_000

interface Outcome {
  ok: boolean
  message: string
  engineId?: string
}

function canonical(path: string): string {
  try {
    return realpathSync(path)
  } catch {
    return path
  }
}

/** What people call the engine a plan sets up. */
function engineName(plan: SetupPlan): string {
  if (plan.target === 'docker') return 'Docker'
  if (plan.target === 'podman') return 'Podman'
  return plan.title.replace(/^Start /, '')
}

export class SetupService {
  private readonly plans = new Map<string, { plan: SetupPlan; madeAt: number }>()
  private running = false
  private readonly probe: HostProbe

  constructor(private readonly options: SetupServiceOptions) {
    this.probe = options.probe ?? nodeHostProbe(options.env)
  }

  get logDir(): string {
    return join(this.options.configDir, 'engine-logs')
  }

  async detect(): Promise<SetupDetection> {
    const { profiles, problem } = readStartProfiles(this.options.configDir)
    return detectHost({ probe: this.probe, active: this.options.engines.activeSummary(), profiles, profilesProblem: problem })
  }

  async plan(request: PlanRequest): Promise<SetupPlan> {
    const detection = await this.detect()
    const profile = profileFor(readStartProfiles(this.options.configDir).profiles, detection.activeEngine?.socket)
    const plan: SetupPlan = { id: `plan-${randomBytes(10).toString('hex')}`, ...composePlan(detection, request, { logDir: this.logDir, profile }) }
    const now = Date.now()
    for (const [id, stored] of this.plans) if (now - stored.madeAt > PLAN_TTL_MS) this.plans.delete(id)
    while (this.plans.size >= MAX_PLANS) this.plans.delete(this.plans.keys().next().value as string)
    this.plans.set(plan.id, { plan, madeAt: now })
    return plan
  }

  async run(request: RunRequest, emit: (event: SetupProgress) => void, signal: AbortSignal): Promise<void> {
    const stored = this.plans.get(request.planId)
    if (!stored || Date.now() - stored.madeAt > PLAN_TTL_MS) {
      throw new RpcError('NOT_FOUND', 'Berth no longer has this plan (it is older than 15 minutes, or Berth restarted). Check again to get a fresh one.')
    }
    const { plan } = stored
    if (plan.blocked) throw new RpcError('UNSUPPORTED', plan.blocked)
    if (plan.needsPassword && request.password === undefined) {
      throw new RpcError('INVALID_INPUT', 'password: Type your password for sudo (leave it empty if sudo never asks you for one).', { field: 'password' })
    }
    if (this.running) throw new RpcError('CONFLICT', 'Berth is already running a setup. Wait until it finishes.')
    this.running = true
    // A plan runs once: running it again means checking again, since the machine has changed.
    this.plans.delete(plan.id)
    try {
      this.options.log(`setup: running "${plan.title}" (${plan.steps.length} steps, escalation ${plan.escalation})`)
      const result = await runSteps(plan, { emit, signal, env: this.options.env, password: request.password })
      if (!result.ok) {
        const message = result.cancelled ? 'Stopped before the remaining steps.' : (result.error ?? 'A step failed.')
        this.options.log(`setup: "${plan.title}" did not finish: ${message}`)
        emit({ type: 'finished', ok: false, message })
        return
      }
      const outcome = await this.connect(plan, signal)
      this.options.log(`setup: "${plan.title}": ${outcome.message}`)
      emit({ type: 'finished', ...outcome })
    } finally {
      this.running = false
    }
  }

  /** The engine answers: make sure the registry knows it, uses it, and is connected to it. */
  private async connect(plan: SetupPlan, signal: AbortSignal): Promise<Outcome> {
    const { engines } = this.options
    const ping = await pingUnixSocket(plan.socket, AbortSignal.timeout(3_000))
    if (ping.state === 'stopped') return { ok: false, message: `Nothing answers on ${plan.socket}${ping.detail ? ` (${ping.detail})` : ''}.` }
    if (ping.state === 'no-permission') {
      return {
        ok: false,
        message: `The engine runs, but this session may not open ${plan.socket} yet. Log out and back in so the docker group applies; Berth then connects by itself.`
      }
    }
    const known = engines.list().find((engine) => engine.kind === 'unix' && canonical(engine.endpoint) === canonical(plan.socket))
    const summary = engines.noticeEngine(known ? this.candidateFor(plan, known) : this.candidateFor(plan))
    const active = engines.activeSummary()
    if (active.id !== summary.id && active.state !== 'connected') await engines.use(summary.id)
    const connected = await this.waitConnected(summary.id, signal)
    if (!connected) {
      const now = engines.get(summary.id)
      return { ok: false, message: `The engine answers on ${plan.socket}, but Berth could not connect to it${now.error ? `: ${now.error}` : '.'}`, engineId: summary.id }
    }
    const name = engineName(plan)
    const used = engines.activeSummary().id === summary.id
    return {
      ok: true,
      engineId: summary.id,
      message: used ? `${name} is running, and Berth is connected to it.` : `${name} is running. Pick it on the Engines page to use it.`
    }
  }

  private candidateFor(plan: SetupPlan, known?: EngineSummary): EngineCandidate {
    const endpoint = { kind: 'unix' as const, socketPath: plan.socket }
    if (known) return { id: known.id, name: known.name, source: known.source, endpoint }
    const name = plan.target === 'docker' ? 'Docker (default socket)' : engineName(plan)
    return { id: `socket:${plan.socket}`, name, source: plan.target === 'configured' ? 'settings' : 'well-known', endpoint }
  }

  private waitConnected(id: string, signal: AbortSignal): Promise<boolean> {
    const { engines } = this.options
    return new Promise((resolve) => {
      const done = (value: boolean): void => {
        off()
        clearTimeout(timer)
        signal.removeEventListener('abort', onAbort)
        resolve(value)
      }
      const onAbort = (): void => done(false)
      const off = engines.onChange((engine) => {
        if (engine.id === id && engine.state === 'connected') done(true)
      })
      const timer = setTimeout(() => done(false), this.options.connectTimeoutMs ?? CONNECT_TIMEOUT_MS)
      signal.addEventListener('abort', onAbort, { once: true })
      if (engines.get(id).state === 'connected') done(true)
    })
  }
}
