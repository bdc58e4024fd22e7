/**
 * One engine in the registry: its candidate, connection, state and facts; how its summary reads;
 * and the pace of its health checks and retries.
 */
import type { EngineAttention, EngineCapabilities, EngineFacts, EngineIdentity } from '../../../shared/engines-models'
import type { ConnectionState, EngineSummary } from '../../../shared/models'
import type { EngineCandidate } from './discovery'
import { describeEndpoint } from './endpoint'
import type { EngineConnection } from './engine-connection'
import type { SshSecrets } from './ssh'

export interface Pace {
  firstMs: number
  capMs: number
  pingEveryMs: number
  pingTimeoutMs: number
}
export const ACTIVE_PACE: Pace = { firstMs: 100, capMs: 1_000, pingEveryMs: 1_000, pingTimeoutMs: 1_500 }
export const LOCAL_PACE: Pace = { firstMs: 1_000, capMs: 5_000, pingEveryMs: 5_000, pingTimeoutMs: 3_000 }
export const REMOTE_PACE: Pace = { firstMs: 2_000, capMs: 30_000, pingEveryMs: 10_000, pingTimeoutMs: 5_000 }
export const WAITING_FOR_PERSON_MS = 30_000
export const CONNECT_TIMEOUT_MS = { local: 5_000, remote: 15_000 }
/** How long a call waits for an engine that is still connecting before it says so. */
export const WAIT_FOR_CONNECTING_MS = 5_000

export interface Entry {
  candidate: EngineCandidate
  connection?: EngineConnection
  /** Passphrases the person typed for this engine's keys: memory only. */
  secrets: SshSecrets
  state: ConnectionState
  error?: string
  attention?: EngineAttention
  version?: string
  /** Which product it is and what it can do, from its last connect (kept while it is unavailable). */
  identity?: EngineIdentity
  capabilities?: EngineCapabilities
  facts?: EngineFacts
  linkHost?: string
  checkedAt?: number
  /** Has the first connection attempt finished (either way)? Used for the first-run choice. */
  settled: boolean
  failures: number
  /** Bumped whenever health work is torn down, so late callbacks from it are ignored. */
  generation: number
  timer?: NodeJS.Timeout
  work?: AbortController
}

export function isRemote(candidate: EngineCandidate): boolean {
  return candidate.endpoint.kind === 'ssh' || candidate.endpoint.kind === 'tcp'
}

export function newEntry(candidate: EngineCandidate, secrets: SshSecrets = new Map()): Entry {
  return { candidate, secrets, state: 'connecting', settled: false, failures: 0, generation: 0 }
}

export function summaryOf(entry: Entry, activeId: string): EngineSummary {
  const { candidate } = entry
  const summary: EngineSummary = {
    id: candidate.id,
    name: candidate.name,
    kind: candidate.endpoint.kind,
    source: candidate.source,
    endpoint: describeEndpoint(candidate.endpoint),
    state: entry.state,
    active: candidate.id === activeId
  }
  if (entry.state === 'unavailable' && entry.error) summary.error = entry.error
  if (entry.version) summary.version = entry.version
  if (entry.identity) summary.identity = entry.identity
  if (entry.capabilities) summary.capabilities = entry.capabilities
  if (entry.facts) summary.facts = entry.facts
  if (entry.linkHost) summary.linkHost = entry.linkHost
  if (entry.attention && entry.state !== 'connected') summary.attention = entry.attention
  if (entry.checkedAt) summary.checkedAt = entry.checkedAt
  return summary
}
