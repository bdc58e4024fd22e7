/**
 * Words for pull and push failures. The engine reports them two ways: as an HTTP error before the
 * progress starts (pull: 404 for a missing manifest, 500 for auth, network and TLS problems) or
 * as an `errorDetail` line inside a 200 progress stream (push, and pull failures mid-way). Either
 * way only the engine's sentence says what happened, so it is matched here, once, and turned into
 * an RpcError that names the registry and says what to do next. `detail.registry` lets the UI
 * offer "Log in to REGISTRY"; `detail.reason` says which kind of failure it was.
 */
import { RpcError, type ErrorCode } from '../../../shared/errors'
import { engineSentence, engineStatus } from './failures'

export interface TransferContext {
  action: 'pull' | 'push'
  /** The familiar reference, e.g. alpine:latest or 127.0.0.1:5000/team/app:v1. */
  reference: string
  /** The registry host[:port], "docker.io" for Docker Hub. */
  registry: string
  /** Who the credentials sent were for, or null when none were sent. */
  username: string | null
}

export type FailureReason = 'not-found' | 'not-local' | 'unauthorized' | 'denied' | 'unreachable' | 'tls' | 'no-space' | 'engine'

interface Rule {
  test: RegExp
  reason: FailureReason
}

// Order matters: "denied" must win over the generic auth words, TLS over "connection" words.
const RULES: Rule[] = [
  { test: /no space left on device|disk quota exceeded/i, reason: 'no-space' },
  { test: /does not exist locally|No such image/i, reason: 'not-local' },
  { test: /manifest unknown|manifest for \S+ not found|not found: manifest|name unknown|repository name not known|pull access denied|repository does not exist/i, reason: 'not-found' },
  { test: /requested access to the resource is denied|insufficient_scope|denied:/i, reason: 'denied' },
  { test: /no basic auth credentials|unauthorized|authentication required|incorrect username or password|403 Forbidden/i, reason: 'unauthorized' },
  { test: /server gave HTTP response to HTTPS client|x509:|tls:|certificate/i, reason: 'tls' },
  {
    test: /connection refused|no such host|server misbehaving|name resolution|i\/o timeout|TLS handshake timeout|network is unreachable|no route to host|connection reset|context deadline exceeded|dial tcp/i,
    reason: 'unreachable'
  }
]

export function failureReason(message: string): FailureReason {
  return RULES.find((rule) => rule.test.test(message))?.reason ?? 'engine'
}

const CODES: Record<FailureReason, ErrorCode> = {
  'not-found': 'NOT_FOUND',
  'not-local': 'NOT_FOUND',
  unauthorized: 'UNAUTHORIZED',
  denied: 'UNAUTHORIZED',
  unreachable: 'UNREACHABLE',
  tls: 'UNREACHABLE',
  'no-space': 'NO_SPACE',
  engine: 'INTERNAL'
}

/** "Docker Hub" reads better than docker.io in a sentence. */
function registryName(registry: string): string {
  return registry === 'docker.io' ? 'Docker Hub (docker.io)' : registry
}

function unreachableWords(message: string, where: string): string {
  if (/connection refused/i.test(message)) {
    return `Nothing answers at ${where} (connection refused): check the address and port, and that the registry is running.`
  }
  const lookup = /lookup (\S+?)(?: on \S+)?: /i.exec(message)
  if (lookup || /no such host|name resolution/i.test(message)) {
    const host = lookup?.[1] ?? where
    return `${where} can't be reached: the name ${host} can't be found (DNS). Check the name, or your network: this machine may be offline.`
  }
  return `${where} can't be reached (${message.replace(/^.*?: /, '')}): check your network, proxy or firewall, and that the registry is running.`
}

function tlsWords(message: string, where: string, registry: string): string {
  if (/server gave HTTP response to HTTPS client/i.test(message)) {
    return (
      `${where} answers over plain HTTP, but the engine talks to it over HTTPS only. Serve the registry over TLS, ` +
      `or add "${registry}" to "insecure-registries" in the engine's daemon.json and restart the engine.`
    )
  }
  const why = /x509: (.*)$/i.exec(message)?.[1] ?? message
  return (
    `The engine does not trust ${where}'s TLS certificate (${why}). Give the engine the registry's CA ` +
    `(/etc/docker/certs.d/${registry}/ca.crt), or fix the registry's certificate.`
  )
}

function words(reason: FailureReason, message: string, context: TransferContext): string {
  const { action, reference, registry, username } = context
  const where = registryName(registry)
  switch (reason) {
    case 'not-found':
      return username === null && /pull access denied|may require/i.test(message)
        ? `${reference} was not found on ${where}, or it is private: check the name and tag, or log in to ${registry}.`
        : `${reference} was not found on ${where}: check the name and tag.`
    case 'not-local':
      return `There is no image called ${reference} on this engine to push: tag an image with that name first (Tag…).`
    case 'unauthorized':
      return username === null
        ? `Log in to ${registry} to ${action} ${reference}: the registry asks for credentials.`
        : `${where} did not accept the saved credentials for ${username}: log in to ${registry} again to ${action} ${reference}.`
    case 'denied':
      return username === null
        ? `Log in to ${registry} to ${action} ${reference}: the registry refused access without credentials.`
        : `${where} refused to let ${username} ${action} ${reference}: check that this account may ${action} there, or log in as one that may.`
    case 'unreachable':
      return unreachableWords(message, where)
    case 'tls':
      return tlsWords(message, where, registry)
    case 'no-space':
      return `The engine ran out of disk space while ${action === 'pull' ? 'pulling' : 'pushing'} ${reference}: free some space (remove unused images or prune the build cache in Disk usage), then try again.`
    case 'engine':
      return `The engine could not ${action} ${reference}: ${message}`
  }
}

/** An RpcError from the engine's own words for a failed pull or push. */
export function transferFailure(message: string, context: TransferContext): RpcError {
  const reason = failureReason(message)
  return new RpcError(CODES[reason], words(reason, message, context), { registry: context.registry, reason })
}

/** The same for an error thrown by the request itself (an HTTP status before the progress began). */
export function transferRequestFailure(thrown: unknown, context: TransferContext): unknown {
  // No status: a socket error or an abort, which the generic mapping (rpc/errors) words already.
  if (engineStatus(thrown) === undefined) return thrown
  return transferFailure(engineSentence(thrown), context)
}
