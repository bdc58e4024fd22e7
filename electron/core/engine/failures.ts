/**
 * Words for why an engine is unavailable, the error handlers throw when people act on it, and
 * the two readings of an engine error (its HTTP status, its sentence) every engine file needs.
 */
import { RpcError } from '../../../shared/errors'
import type { EngineCandidate } from './discovery'
import { describeEndpoint } from './endpoint'

/** The HTTP status dockerode/docker-modem put on an engine error (undefined for socket errors). */
export function engineStatus(thrown: unknown): number | undefined {
  const status = (thrown as { statusCode?: unknown } | null | undefined)?.statusCode
  return typeof status === 'number' ? status : undefined
}

/** The engine's own sentence, without docker-modem's "(HTTP code 409) unexpected - " prefix. */
export function engineSentence(thrown: unknown): string {
  const err = (typeof thrown === 'object' && thrown !== null ? thrown : { message: String(thrown) }) as {
    message?: string
    json?: { message?: unknown } | null
  }
  const fromJson = err.json && typeof err.json.message === 'string' ? err.json.message : undefined
  const raw = fromJson ?? err.message ?? 'unknown engine error'
  return raw.replace(/^\(HTTP code \d+\)\s*[a-z ]*-\s*/i, '').trim()
}

export function describeFailure(candidate: EngineCandidate, thrown: unknown): string {
  if (candidate.source === 'vm' && /connection refused|ECONNREFUSED/i.test(`${(thrown as { code?: string })?.code ?? ''} ${(thrown as Error)?.message ?? ''}`)) {
    // Nothing listens on the VM's SSH port: QEMU is not running (Berth itself would be forwarding it).
    return 'The Berth VM is not running: start it in the Berth VM section below.'
  }
  if (thrown instanceof RpcError) return thrown.message
  const err = (thrown ?? {}) as { code?: string; name?: string; message?: string; statusCode?: number }
  const where = describeEndpoint(candidate.endpoint)
  if (err.name === 'TimeoutError' || err.name === 'AbortError' || err.code === 'ETIMEDOUT') {
    return `${where} did not answer in time; the engine may be hung or overloaded.`
  }
  switch (err.code) {
    case 'ENOENT':
      return `There is no engine at ${where} (the socket does not exist).`
    case 'ECONNREFUSED':
      return `Nothing answers at ${where} (connection refused): the engine is not running.`
    case 'EACCES':
    case 'EPERM':
      return `Berth may not use ${where} (permission denied): add your user to the "docker" group, then log in again.`
    case 'ECONNRESET':
    case 'EPIPE':
      return `The engine at ${where} closed the connection.`
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return `The host in ${where} cannot be found (DNS).`
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
      return `The host in ${where} cannot be reached on the network.`
  }
  if (typeof err.statusCode === 'number') return `The engine at ${where} answered ${err.statusCode}: ${err.message ?? ''}`.trim()
  return `${where}: ${err.message ?? String(thrown)}`
}

export function engineUnavailableError(candidate: EngineCandidate, why: string | undefined, connecting: boolean): RpcError {
  if (connecting) {
    return new RpcError(
      'ENGINE_UNAVAILABLE',
      `Berth is still connecting to ${candidate.name} (${describeEndpoint(candidate.endpoint)}). Try again in a moment.`,
      { engineId: candidate.id }
    )
  }
  if (candidate.source === 'vm') {
    return new RpcError('ENGINE_UNAVAILABLE', `${candidate.name} is not running: start it on the Engines page, or pick another engine.`, { engineId: candidate.id })
  }
  return new RpcError(
    'ENGINE_UNAVAILABLE',
    `${candidate.name} is unavailable: ${why ?? 'not connected.'} Start it, or pick another engine in Engines; Berth reconnects by itself.`,
    { engineId: candidate.id }
  )
}

/**
 * A name another container already has, in words that name it (short id, no engine sentence):
 * Docker says 409 "Conflict. The container name "/web" is already in use by container "<64 hex>"…",
 * and so does Podman once its answer has passed engine/podman-dialect.ts. Null for anything else.
 */
export function nameConflictRefusal(thrown: unknown, name: string | undefined): RpcError | null {
  if (engineStatus(thrown) !== 409) return null
  // Podman doesn't say which container has the name when renaming: then there is no id to give.
  const match = /container name "\/?([^"]+)" is already in use(?: by container "([0-9a-f]{12,64})")?/.exec(engineSentence(thrown))
  if (!match) return null
  const taken = name ?? match[1]
  const holder = match[2]
  return new RpcError(
    'CONFLICT',
    `The name ${taken} is already taken by another container${holder ? ` (${holder.slice(0, 12)})` : ''}: pick another name, or rename or remove that container.`,
    holder ? { containerName: taken, container: holder } : { containerName: taken }
  )
}
