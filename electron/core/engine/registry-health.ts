/**
 * Keeping each engine's connection honest, for the EngineRegistry (registry.ts): connect, the
 * active engine's events stream (the "watchdog"), pings, backoff after a failure. The registry
 * owns the list and which engine is active; this file owns one entry's connection life cycle.
 *
 * Health: the active engine keeps an events stream open; the stream dropping marks it
 * unavailable at once. A ping every second catches sockets that hang instead of closing. Every
 * other engine is pinged too, more slowly. Unavailable engines are retried with backoff: 100 ms
 * doubling to 1 s for the active engine (back within ~2 s of the engine returning), 1 s to 5 s
 * for other local ones, 2 s to 30 s for remote ones, and every 30 s for one that waits for a
 * person (a host key to accept, a passphrase).
 */
import type { ConnectionState } from '../../../shared/models'
import { RpcError } from '../../../shared/errors'
import type { RawEngineEvent } from './client'
import type { EngineCandidate } from './discovery'
import { linkHostOf, type EngineConnection } from './engine-connection'
import { ACTIVE_PACE, CONNECT_TIMEOUT_MS, LOCAL_PACE, REMOTE_PACE, WAITING_FOR_PERSON_MS, isRemote, type Entry, type Pace } from './registry-entry'
import { describeFailure } from './failures'
import type { SshSecrets } from './ssh'
import { attentionOf } from './ssh-errors'

/** What the keeper needs from the registry that owns the entries. */
export interface KeeperHost {
  isActive(entry: Entry): boolean
  /** Still in the registry's list (not removed meanwhile). */
  isListed(entry: Entry): boolean
  closed(): boolean
  setState(entry: Entry, state: ConnectionState, error?: string): void
  /** An attempt settled (connected or failed): the first-run choice may now be made. */
  settled(): void
  engineEvent(engineId: string, event: RawEngineEvent): void
  log(msg: string): void
}

export class EngineKeeper {
  constructor(
    private readonly host: KeeperHost,
    private readonly createConnection: (candidate: EngineCandidate, secrets: SshSecrets) => EngineConnection
  ) {}

  pace(entry: Entry): Pace {
    if (this.host.isActive(entry)) return ACTIVE_PACE
    return isRemote(entry.candidate) ? REMOTE_PACE : LOCAL_PACE
  }

  /**
   * The entry's connection, made on first use. When an SSH connection drops, the engine is
   * checked at once rather than at its next ping (10 s for a remote that is not active), so its
   * status dot never shows "connected" for a machine that went away.
   */
  connectionFor(entry: Entry): EngineConnection {
    if (entry.connection) return entry.connection
    const connection = this.createConnection(entry.candidate, entry.secrets)
    connection.transport?.ssh?.onDrop(() => {
      if (!this.host.closed() && entry.state === 'connected' && this.host.isListed(entry)) this.startHealth(entry, 0)
    })
    entry.connection = connection
    return connection
  }

  stopWork(entry: Entry): void {
    entry.generation += 1
    clearTimeout(entry.timer)
    entry.timer = undefined
    entry.work?.abort()
    entry.work = undefined
  }

  async connect(entry: Entry): Promise<void> {
    if (this.host.closed()) return
    this.stopWork(entry)
    const generation = entry.generation
    const { candidate } = entry
    if (candidate.problem) {
      entry.settled = true
      this.host.setState(entry, 'unavailable', candidate.problem)
      this.host.settled()
      return
    }
    if (entry.state !== 'connecting' && entry.state !== 'unavailable') this.host.setState(entry, 'connecting')
    const work = new AbortController()
    entry.work = work
    try {
      const { client } = this.connectionFor(entry)
      const timeout = isRemote(candidate) ? CONNECT_TIMEOUT_MS.remote : CONNECT_TIMEOUT_MS.local
      const signal = AbortSignal.any([work.signal, AbortSignal.timeout(timeout)])
      const handshake = await client.connect(signal)
      if (generation !== entry.generation) return
      // The watchdog first: events from here on are not missed while the facts are read.
      if (this.host.isActive(entry)) await this.attachWatchdog(entry, generation)
      // Facts are for people; an engine that answers pings but not /info is still usable.
      const facts = await client.facts(signal).catch((err: unknown) => {
        this.host.log(`engines: ${candidate.id}: could not read /info: ${describeFailure(candidate, err)}`)
        return entry.facts
      })
      if (generation !== entry.generation) return
      entry.version = handshake.version
      entry.identity = handshake.identity
      entry.capabilities = handshake.capabilities
      entry.facts = facts
      entry.linkHost = linkHostOf(entry.connection as EngineConnection, candidate)
      entry.failures = 0
      entry.settled = true
      entry.attention = undefined
      entry.checkedAt = Date.now()
      this.host.setState(entry, 'connected')
      this.startHealth(entry)
    } catch (err) {
      if (generation === entry.generation && !this.host.closed()) this.fail(entry, err)
      return
    }
    this.host.settled()
  }

  /** Opens the active engine's events stream; resolves once the engine accepted it. */
  private attachWatchdog(entry: Entry, generation: number): Promise<void> {
    const client = (entry.connection as EngineConnection).client
    const work = entry.work as AbortController
    return new Promise<void>((resolve, reject) => {
      const id = entry.candidate.id
      const fanOut = (event: RawEngineEvent): void => this.host.engineEvent(id, event)
      client.events(fanOut, work.signal, resolve).then(
        () => reject(new Error('The event stream ended before it began.')),
        (err: unknown) => {
          reject(err)
          // After it was attached, a drop means the engine is gone: say so at once.
          if (generation === entry.generation && !this.host.closed()) this.fail(entry, err)
        }
      )
    })
  }

  startHealth(entry: Entry, delayMs?: number): void {
    clearTimeout(entry.timer)
    const generation = entry.generation
    const pace = this.pace(entry)
    entry.timer = setTimeout(() => {
      if (generation !== entry.generation || !entry.connection) return
      entry.connection.client.ping(AbortSignal.timeout(pace.pingTimeoutMs)).then(
        () => {
          if (generation !== entry.generation) return
          entry.checkedAt = Date.now()
          this.startHealth(entry)
        },
        (err: unknown) => {
          if (generation === entry.generation && !this.host.closed()) this.fail(entry, err)
        }
      )
    }, delayMs ?? pace.pingEveryMs)
  }

  retryLater(entry: Entry, delayMs: number): void {
    clearTimeout(entry.timer)
    const generation = entry.generation
    entry.timer = setTimeout(() => {
      if (generation === entry.generation) void this.connect(entry)
    }, delayMs)
  }

  private fail(entry: Entry, err: unknown): void {
    this.stopWork(entry)
    const why = describeFailure(entry.candidate, err)
    if (entry.state !== 'unavailable' || entry.error !== why) this.host.log(`engines: ${entry.candidate.id} unavailable: ${why}`)
    entry.settled = true
    entry.attention = attentionOf(err)
    entry.checkedAt = Date.now()
    this.host.setState(entry, 'unavailable', why)
    // A refused host key or login won't fix itself in a second: retry those slowly even when active.
    const refused = err instanceof RpcError && err.code === 'UNAUTHORIZED'
    const pace = refused && this.host.isActive(entry) ? LOCAL_PACE : this.pace(entry)
    const delay = entry.attention ? WAITING_FOR_PERSON_MS : Math.min(pace.capMs, pace.firstMs * 2 ** entry.failures)
    entry.failures += 1
    this.retryLater(entry, delay)
    this.host.settled()
  }
}
