/**
 * EngineRegistry: every engine (discovered, and SSH remotes the person added) by id, each with
 * a connection state kept honest by health checks (registry-health.ts), its facts read at each
 * connect, and the one active engine handlers talk to.
 *
 * Switching engines ends everything still open on the previous one (its watchdog, and every
 * request and stream: logs, stats, exec, pulls), so nothing keeps reading an engine that is no
 * longer shown; it is then only pinged.
 */
import type { ConnectDecisions } from '../../../shared/engines-models'
import type { ConnectionState, EngineSummary } from '../../../shared/models'
import { RpcError } from '../../../shared/errors'
import type { SettingsStore } from '../settings'
import type { EngineClient, RawEngineEvent } from './client'
import type { EngineCandidate } from './discovery'
import { createEngineConnection, type EngineConnection } from './engine-connection'
import { WAIT_FOR_CONNECTING_MS, newEntry, summaryOf, type Entry } from './registry-entry'
import { EngineKeeper } from './registry-health'
import { engineUnavailableError } from './failures'
import { sshOptionsFromEnv, type SshOptions, type SshSecrets } from './ssh'
import { remoteCandidates } from './ssh-remotes'

export interface RegistryOptions {
  candidates: EngineCandidate[]
  settings: SettingsStore
  env: NodeJS.ProcessEnv
  homeDir: string
  log?: (msg: string) => void
  /** Where engine facts that can't change are kept across restarts (absent: memory only). */
  cacheDir?: string
  /** Tests may substitute how a connection is made; production uses dockerode over our transports. */
  createConnection?: (candidate: EngineCandidate, secrets: SshSecrets) => EngineConnection
}

export type EngineChangeListener = (engine: EngineSummary) => void
export type EngineRemoveListener = (id: string) => void
export type EngineEventListener = (engineId: string, event: RawEngineEvent) => void


export class EngineRegistry {
  private readonly entries = new Map<string, Entry>()
  private readonly changeListeners = new Set<EngineChangeListener>()
  private readonly removeListeners = new Set<EngineRemoveListener>()
  private readonly eventListeners = new Set<EngineEventListener>()
  private activeId: string
  /** False until the active engine was chosen (settings, or the first reachable on a first run). */
  private chosen: boolean
  private closed = false
  private readonly log: (msg: string) => void
  readonly ssh: SshOptions
  private readonly keeper: EngineKeeper

  constructor(private readonly options: RegistryOptions) {
    this.log = options.log ?? (() => {})
    this.ssh = sshOptionsFromEnv(options.env, options.homeDir, this.log)
    const createConnection = options.createConnection ?? ((c: EngineCandidate, secrets: SshSecrets) => createEngineConnection(c, this.ssh, secrets, options.cacheDir, this.log))
    this.keeper = new EngineKeeper(
      {
        isActive: (entry) => this.isActive(entry),
        isListed: (entry) => this.entries.get(entry.candidate.id) === entry,
        closed: () => this.closed,
        setState: (entry, state, error) => this.setState(entry, state, error),
        settled: () => this.maybeChooseFirstActive(),
        engineEvent: (engineId, event) => {
          for (const listener of this.eventListeners) listener(engineId, event)
        },
        log: this.log
      },
      createConnection
    )
    // Discovered engines first, then the remotes the person added (kept in settings).
    for (const candidate of [...options.candidates, ...remoteCandidates(options.settings)]) {
      if (!this.entries.has(candidate.id)) this.entries.set(candidate.id, newEntry(candidate))
    }
    if (this.entries.size === 0) throw new Error('EngineRegistry needs at least one candidate (discovery always lists the platform default).')
    const remembered = options.settings.get().activeEngineId
    this.chosen = remembered !== undefined && this.entries.has(remembered)
    // Until the first-run choice settles, the first candidate stands in, so there is always an answer.
    this.activeId = this.chosen ? (remembered as string) : options.candidates[0].id
  }

  /** Where the person's choices live (active engine, added remotes). */
  get settings(): SettingsStore {
    return this.options.settings
  }

  /** Starts connecting to every engine in the background. */
  start(): void {
    for (const entry of this.entries.values()) void this.keeper.connect(entry)
  }

  list(): EngineSummary[] {
    return [...this.entries.values()].map((e) => this.summary(e))
  }

  get(id: string): EngineSummary {
    return this.summary(this.entry(id))
  }

  has(id: string): boolean {
    return this.entries.has(id)
  }

  candidate(id: string): EngineCandidate {
    return this.entry(id).candidate
  }

  activeSummary(): EngineSummary {
    return this.get(this.activeId)
  }

  /** The active engine's client, or ENGINE_UNAVAILABLE in words with what to do. */
  active(): EngineClient {
    const entry = this.entry(this.activeId)
    if (entry.state !== 'connected' || !entry.connection) {
      throw engineUnavailableError(entry.candidate, entry.error, entry.state === 'connecting')
    }
    return entry.connection.client
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

  /**
   * After a connection to engine `id` broke: its client once it is connected again, or
   * undefined when another engine became active, `signal` aborted, or `deadline` passed.
   */
  async reconnected(id: string, signal: AbortSignal, deadline: number): Promise<EngineClient | undefined> {
    // Give the registry a moment to notice the drop (the watchdog fails at once; pings within a second).
    await new Promise((resolve) => setTimeout(resolve, 200))
    while (!this.closed && !signal.aborted && Date.now() < deadline && this.activeId === id) {
      const entry = this.entries.get(id)
      if (!entry) return undefined
      if (entry.state === 'connected' && entry.connection) return entry.connection.client
      await new Promise((resolve) => setTimeout(resolve, 50))
    }
    return undefined
  }

  /** The connection of an engine (tests use it to cut an SSH connection or count open sockets). */
  connectionOf(id: string): EngineConnection | undefined {
    return this.entry(id).connection
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
      entry = newEntry(candidate)
      this.entries.set(candidate.id, entry)
      this.notify(entry)
    }
    if (entry.state !== 'connected' && !this.closed) {
      entry.failures = 0
      void this.keeper.connect(entry)
    }
    return this.summary(entry)
  }

  /** Lists a new engine (an added remote) and starts connecting to it. */
  add(candidate: EngineCandidate, secrets?: SshSecrets): EngineSummary {
    if (this.entries.has(candidate.id)) throw new RpcError('CONFLICT', `An engine with the id ${candidate.id} already exists.`)
    const entry = newEntry(candidate, secrets)
    this.entries.set(candidate.id, entry)
    this.notify(entry)
    void this.keeper.connect(entry)
    return this.summary(entry)
  }

  /**
   * The same engine at a new address (the VM got another SSH port): its old connection closes
   * and the new address is tried at once. Lists it first when it isn't listed yet.
   */
  async replaceCandidate(candidate: EngineCandidate): Promise<EngineSummary> {
    const entry = this.entries.get(candidate.id)
    if (!entry) return this.add(candidate)
    this.keeper.stopWork(entry)
    const old = entry.connection
    entry.connection = undefined
    entry.candidate = candidate
    entry.failures = 0
    await old?.close()
    if (!this.closed) void this.keeper.connect(entry)
    return this.summary(entry)
  }

  rename(id: string, name: string): EngineSummary {
    const entry = this.entry(id)
    entry.candidate = { ...entry.candidate, name }
    this.notify(entry)
    return this.summary(entry)
  }

  /** Forgets an engine: its health checks stop and its connection closes. */
  async remove(id: string): Promise<void> {
    const entry = this.entry(id)
    if (id === this.activeId) throw new RpcError('CONFLICT', `${entry.candidate.name} is the engine in use: switch to another engine first.`)
    this.keeper.stopWork(entry)
    this.entries.delete(id)
    await entry.connection?.close()
    for (const listener of this.removeListeners) listener(id)
  }

  /**
   * Connects an engine now, with the person's answers (an accepted host key, a passphrase), and
   * resolves once this attempt ended; the entry then says how (connected, attention, error).
   */
  async connectNow(id: string, decisions: ConnectDecisions = {}): Promise<EngineSummary> {
    const entry = this.entry(id)
    this.keeper.connectionFor(entry).transport?.ssh?.decide(decisions)
    entry.failures = 0
    await this.keeper.connect(entry)
    return this.summary(entry)
  }

  /** Re-reads an engine's facts (connected) or retries it at once (unavailable). */
  async refresh(id: string, signal?: AbortSignal): Promise<EngineSummary> {
    const entry = this.entry(id)
    if (entry.state !== 'connected' || !entry.connection) return this.connectNow(id)
    entry.facts = await entry.connection.client.facts(signal)
    entry.checkedAt = Date.now()
    this.notify(entry)
    return this.summary(entry)
  }

  onChange(listener: EngineChangeListener): () => void {
    this.changeListeners.add(listener)
    return () => this.changeListeners.delete(listener)
  }

  onRemove(listener: EngineRemoveListener): () => void {
    this.removeListeners.add(listener)
    return () => this.removeListeners.delete(listener)
  }

  onEngineEvent(listener: EngineEventListener): () => void {
    this.eventListeners.add(listener)
    return () => this.eventListeners.delete(listener)
  }

  async close(): Promise<void> {
    this.closed = true
    for (const entry of this.entries.values()) this.keeper.stopWork(entry)
    await Promise.all([...this.entries.values()].map((e) => e.connection?.close()))
    this.changeListeners.clear()
    this.removeListeners.clear()
    this.eventListeners.clear()
  }

  private entry(id: string): Entry {
    const entry = this.entries.get(id)
    if (!entry) throw new RpcError('NOT_FOUND', `There is no engine "${id.slice(0, 200)}".`)
    return entry
  }

  private summary(entry: Entry): EngineSummary {
    return summaryOf(entry, this.activeId)
  }

  private notify(entry: Entry): void {
    if (!this.entries.has(entry.candidate.id)) return
    const summary = this.summary(entry)
    for (const listener of this.changeListeners) listener(summary)
  }

  private setState(entry: Entry, state: ConnectionState, error?: string): void {
    entry.state = state
    entry.error = error
    this.notify(entry)
  }

  private isActive(entry: Entry): boolean {
    return entry.candidate.id === this.activeId
  }

  private switchActive(id: string): void {
    const previous = this.entries.get(this.activeId)
    const next = this.entry(id)
    this.activeId = id
    this.chosen = true
    if (previous && previous !== next) {
      // Nothing keeps reading the engine people switched away from: its watchdog and every
      // request and stream on it end now. It stays listed and checked, slowly.
      const wasConnected = previous.state === 'connected'
      this.keeper.stopWork(previous)
      previous.connection?.transport?.endStreams()
      if (wasConnected) this.keeper.startHealth(previous)
      else this.keeper.retryLater(previous, this.keeper.pace(previous).firstMs)
      this.notify(previous)
    }
    next.failures = 0
    // Say which engine is active now (watchers re-read), then reconnect it right away with the
    // active engine's watchdog and fast backoff — unless it already is connected as the active
    // one (the first-run choice often confirms the stand-in): reconnecting would drop events.
    this.notify(next)
    if (previous === next && next.state === 'connected' && next.work) return
    void this.keeper.connect(next)
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

}
