/**
 * EngineRegistry: every discovered engine by id, each with a connection state kept honest by
 * health checks, and the one active engine handlers talk to.
 *
 * Health: the active engine keeps an events stream open (the "watchdog"); the stream dropping
 * marks it unavailable at once. A ping every second catches sockets that hang instead of
 * closing. Unavailable engines are retried with backoff: 100 ms doubling to 1 s for the active
 * engine (so it is back within ~2 s of the engine returning), 1 s to 5 s for the others.
 * Engine events read by the watchdog are fanned out to subscribers (events.watch), so one
 * stream per engine serves every window.
 */
import type { ConnectionState, EngineSummary } from '../../../shared/models'
import { RpcError } from '../../../shared/errors'
import type { SettingsStore } from '../settings'
import type { EngineClient, RawEngineEvent } from './client'
import type { EngineCandidate } from './discovery'
import { DockerEngineClient } from './docker'
import { describeEndpoint } from './endpoint'
import { describeFailure, engineUnavailableError } from './failures'
import { sshOptionsFromEnv } from './ssh'
import { createTransport } from './transports'

export interface RegistryOptions {
  candidates: EngineCandidate[]
  settings: SettingsStore
  env: NodeJS.ProcessEnv
  homeDir: string
  log?: (msg: string) => void
  /** Tests may substitute how a client is made; production uses dockerode over our transports. */
  createClient?: (candidate: EngineCandidate) => EngineClient
}

const ACTIVE_BACKOFF = { firstMs: 100, capMs: 1_000, pingEveryMs: 1_000, pingTimeoutMs: 1_500 }
const OTHER_BACKOFF = { firstMs: 1_000, capMs: 5_000, pingEveryMs: 5_000, pingTimeoutMs: 3_000 }
const CONNECT_TIMEOUT_MS = 5_000
/** How long a call waits for an engine that is still connecting before it says so. */
const WAIT_FOR_CONNECTING_MS = 5_000

interface Entry {
  candidate: EngineCandidate
  client?: EngineClient
  state: ConnectionState
  error?: string
  version?: string
  /** Has the first connection attempt finished (either way)? Used for the first-run choice. */
  settled: boolean
  failures: number
  /** Bumped whenever health work is torn down, so late callbacks from it are ignored. */
  generation: number
  timer?: NodeJS.Timeout
  work?: AbortController
}

export type EngineChangeListener = (engine: EngineSummary) => void
export type EngineEventListener = (engineId: string, event: RawEngineEvent) => void

export class EngineRegistry {
  private readonly entries = new Map<string, Entry>()
  private readonly changeListeners = new Set<EngineChangeListener>()
  private readonly eventListeners = new Set<EngineEventListener>()
  private activeId: string
  /** False until the active engine was chosen (settings, or the first reachable on a first run). */
  private chosen: boolean
  private closed = false
  private readonly log: (msg: string) => void
  private readonly createClient: (candidate: EngineCandidate) => EngineClient

  constructor(private readonly options: RegistryOptions) {
    this.log = options.log ?? (() => {})
    const ssh = sshOptionsFromEnv(options.env, options.homeDir, this.log)
    this.createClient =
      options.createClient ?? ((c) => new DockerEngineClient(c.id, createTransport(c.endpoint, ssh)))
    for (const candidate of options.candidates) {
      this.entries.set(candidate.id, { candidate, state: 'connecting', settled: false, failures: 0, generation: 0 })
    }
    if (this.entries.size === 0) throw new Error('EngineRegistry needs at least one candidate (discovery always lists the platform default).')
    const remembered = options.settings.get().activeEngineId
    this.chosen = remembered !== undefined && this.entries.has(remembered)
    // Until the first-run choice settles, the first candidate stands in, so there is always an answer.
    this.activeId = this.chosen ? (remembered as string) : options.candidates[0].id
  }

  /** Starts connecting to every engine in the background. */
  start(): void {
    for (const entry of this.entries.values()) void this.connect(entry)
  }

  list(): EngineSummary[] {
    return [...this.entries.values()].map((e) => this.summary(e))
  }

  get(id: string): EngineSummary {
    return this.summary(this.entry(id))
  }

  activeSummary(): EngineSummary {
    return this.get(this.activeId)
  }

  /** The active engine's client, or ENGINE_UNAVAILABLE in words with what to do. */
  active(): EngineClient {
    const entry = this.entry(this.activeId)
    if (entry.state !== 'connected' || !entry.client) {
      throw engineUnavailableError(entry.candidate, entry.error, entry.state === 'connecting')
    }
    return entry.client
  }

  /** Like active(), but first waits (bounded) while the engine is still connecting. */
  async whenActive(signal?: AbortSignal): Promise<EngineClient> {
    const deadline = Date.now() + WAIT_FOR_CONNECTING_MS
    while (!this.closed && Date.now() < deadline && !signal?.aborted) {
      const entry = this.entry(this.activeId)
      if (this.chosen && entry.state !== 'connecting') break
      await new Promise((resolve) => setTimeout(resolve, 20))
    }
    return this.active()
  }

  async use(id: string): Promise<EngineSummary> {
    if (!this.entries.has(id)) {
      throw new RpcError('NOT_FOUND', `There is no engine "${id.slice(0, 200)}". Pick one from the Engines list.`)
    }
    this.switchActive(id)
    await this.options.settings.update({ activeEngineId: id })
    return this.get(id)
  }

  /**
   * An engine may exist now that didn't a moment ago (one-click setup just started it): adds it
   * when it is new, else retries it at once instead of at its next backoff. A connected engine
   * is left alone. Returns its summary.
   */
  noticeEngine(candidate: EngineCandidate): EngineSummary {
    let entry = this.entries.get(candidate.id)
    if (!entry) {
      entry = { candidate, state: 'connecting', settled: false, failures: 0, generation: 0 }
      this.entries.set(candidate.id, entry)
      this.notify(entry)
    }
    if (entry.state !== 'connected' && !this.closed) {
      entry.failures = 0
      void this.connect(entry)
    }
    return this.summary(entry)
  }

  onChange(listener: EngineChangeListener): () => void {
    this.changeListeners.add(listener)
    return () => this.changeListeners.delete(listener)
  }

  onEngineEvent(listener: EngineEventListener): () => void {
    this.eventListeners.add(listener)
    return () => this.eventListeners.delete(listener)
  }

  async close(): Promise<void> {
    this.closed = true
    for (const entry of this.entries.values()) this.stopWork(entry)
    await Promise.all([...this.entries.values()].map((e) => e.client?.close()))
    this.changeListeners.clear()
    this.eventListeners.clear()
  }

  private entry(id: string): Entry {
    const entry = this.entries.get(id)
    if (!entry) throw new RpcError('NOT_FOUND', `There is no engine "${id.slice(0, 200)}".`)
    return entry
  }

  private summary(entry: Entry): EngineSummary {
    const { candidate } = entry
    const summary: EngineSummary = {
      id: candidate.id,
      name: candidate.name,
      kind: candidate.endpoint.kind,
      source: candidate.source,
      endpoint: describeEndpoint(candidate.endpoint),
      state: entry.state,
      active: candidate.id === this.activeId
    }
    if (entry.state === 'unavailable' && entry.error) summary.error = entry.error
    if (entry.version) summary.version = entry.version
    return summary
  }

  private notify(entry: Entry): void {
    const summary = this.summary(entry)
    for (const listener of this.changeListeners) listener(summary)
  }

  private setState(entry: Entry, state: ConnectionState, error?: string): void {
    const changed = entry.state !== state || entry.error !== error
    entry.state = state
    entry.error = error
    if (changed) this.notify(entry)
  }

  private isActive(entry: Entry): boolean {
    return entry.candidate.id === this.activeId
  }

  private stopWork(entry: Entry): void {
    entry.generation += 1
    clearTimeout(entry.timer)
    entry.timer = undefined
    entry.work?.abort()
    entry.work = undefined
  }

  private switchActive(id: string): void {
    const previous = this.entries.get(this.activeId)
    this.activeId = id
    this.chosen = true
    const next = this.entry(id)
    if (previous && previous !== next) {
      // The old engine no longer needs a watchdog; keep it checked, slowly.
      if (previous.state === 'connected') this.startHealth(previous)
      this.notify(previous)
    }
    next.failures = 0
    // Say which engine is active now (watchers re-read), then reconnect it right away with the
    // active engine's watchdog and fast backoff.
    this.notify(next)
    void this.connect(next)
  }

  /** First run: the first reachable engine in discovery order, once earlier ones have settled. */
  private maybeChooseFirstActive(): void {
    if (this.chosen) return
    for (const entry of this.entries.values()) {
      if (!entry.settled) return
      if (entry.state === 'connected') {
        this.log(`engines: first run, using ${entry.candidate.id}`)
        this.switchActive(entry.candidate.id)
        void this.options.settings.update({ activeEngineId: entry.candidate.id })
        return
      }
    }
    // Nothing reachable: keep the first candidate so the UI can say why and what to do.
    this.chosen = true
    this.notify(this.entry(this.activeId))
  }

  private async connect(entry: Entry): Promise<void> {
    if (this.closed) return
    this.stopWork(entry)
    const generation = entry.generation
    const { candidate } = entry
    if (candidate.problem) {
      entry.settled = true
      this.setState(entry, 'unavailable', candidate.problem)
      this.maybeChooseFirstActive()
      return
    }
    if (entry.state !== 'connecting' && entry.state !== 'unavailable') this.setState(entry, 'connecting')
    const work = new AbortController()
    entry.work = work
    try {
      entry.client ??= this.createClient(candidate)
      const handshake = await entry.client.connect(AbortSignal.any([work.signal, AbortSignal.timeout(CONNECT_TIMEOUT_MS)]))
      if (generation !== entry.generation) return
      entry.version = handshake.version
      if (this.isActive(entry)) await this.attachWatchdog(entry, generation)
      if (generation !== entry.generation) return
      entry.failures = 0
      entry.settled = true
      this.setState(entry, 'connected')
      this.startHealth(entry)
    } catch (err) {
      if (generation === entry.generation && !this.closed) this.fail(entry, err)
      return
    }
    this.maybeChooseFirstActive()
  }

  /** Opens the active engine's events stream; resolves once the engine accepted it. */
  private attachWatchdog(entry: Entry, generation: number): Promise<void> {
    const client = entry.client as EngineClient
    const work = entry.work as AbortController
    return new Promise<void>((resolve, reject) => {
      const id = entry.candidate.id
      const fanOut = (event: RawEngineEvent): void => {
        for (const listener of this.eventListeners) listener(id, event)
      }
      client.events(fanOut, work.signal, resolve).then(
        () => reject(new Error('The event stream ended before it began.')),
        (err: unknown) => {
          reject(err)
          // After it was attached, a drop means the engine is gone: say so at once.
          if (generation === entry.generation && !this.closed) this.fail(entry, err)
        }
      )
    })
  }

  private startHealth(entry: Entry): void {
    clearTimeout(entry.timer)
    const generation = entry.generation
    const pace = this.isActive(entry) ? ACTIVE_BACKOFF : OTHER_BACKOFF
    entry.timer = setTimeout(() => {
      if (generation !== entry.generation || !entry.client) return
      entry.client.ping(AbortSignal.timeout(pace.pingTimeoutMs)).then(
        () => {
          if (generation === entry.generation) this.startHealth(entry)
        },
        (err: unknown) => {
          if (generation === entry.generation && !this.closed) this.fail(entry, err)
        }
      )
    }, pace.pingEveryMs)
  }

  private fail(entry: Entry, err: unknown): void {
    this.stopWork(entry)
    const why = describeFailure(entry.candidate, err)
    if (entry.state !== 'unavailable') this.log(`engines: ${entry.candidate.id} unavailable: ${why}`)
    entry.settled = true
    this.setState(entry, 'unavailable', why)
    // A refused host key or login won't fix itself in a second: retry those slowly even when active.
    const refused = err instanceof RpcError && err.code === 'UNAUTHORIZED'
    const pace = this.isActive(entry) && !refused ? ACTIVE_BACKOFF : OTHER_BACKOFF
    const delay = Math.min(pace.capMs, pace.firstMs * 2 ** entry.failures)
    entry.failures += 1
    const generation = entry.generation
    entry.timer = setTimeout(() => {
      if (generation === entry.generation) void this.connect(entry)
    }, delay)
    this.maybeChooseFirstActive()
  }
}
