/**
 * One HTTP exchange with a registry (or its token server), with a timeout and failures put into
 * words a person can act on: the host cannot be found, nothing answers, the TLS handshake failed
 * (a self-signed certificate, or a plain-HTTP registry spoken to with HTTPS), it took too long.
 * Unreachable registries use UNREACHABLE (ENGINE_UNAVAILABLE stays about the engine), with
 * `detail.reason` saying which of these it was.
 */
import { RpcError } from '../../../shared/errors'

export const REQUEST_TIMEOUT_MS = 15_000

export type NetworkReason = 'dns' | 'refused' | 'unreachable' | 'tls' | 'plain-http' | 'timeout' | 'reset'

const TLS_CODES = new Set([
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
  'ERR_TLS_CERT_ALTNAME_INVALID',
  'ERR_SSL_SSLV3_ALERT_HANDSHAKE_FAILURE',
  'ERR_SSL_TLSV1_ALERT_PROTOCOL_VERSION'
])

function causeCode(thrown: unknown): string | undefined {
  let current: unknown = thrown
  for (let depth = 0; depth < 4 && current; depth++) {
    const code = (current as { code?: unknown }).code
    if (typeof code === 'string') return code
    current = (current as { cause?: unknown }).cause
  }
  return undefined
}

export function networkReason(thrown: unknown): NetworkReason | null {
  const name = (thrown as { name?: string } | null)?.name
  if (name === 'TimeoutError') return 'timeout'
  const code = causeCode(thrown)
  if (!code) return null
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN' || code === 'EAI_NONAME') return 'dns'
  if (code === 'ECONNREFUSED') return 'refused'
  if (code === 'EHOSTUNREACH' || code === 'ENETUNREACH' || code === 'ENETDOWN') return 'unreachable'
  if (code === 'UND_ERR_CONNECT_TIMEOUT' || code === 'ETIMEDOUT' || code === 'UND_ERR_HEADERS_TIMEOUT') return 'timeout'
  if (code === 'ERR_SSL_WRONG_VERSION_NUMBER' || code === 'EPROTO') return 'plain-http'
  if (TLS_CODES.has(code) || code.startsWith('ERR_TLS') || code.startsWith('ERR_SSL') || code.includes('CERT')) return 'tls'
  if (code === 'ECONNRESET' || code === 'UND_ERR_SOCKET' || code === 'EPIPE') return 'reset'
  return null
}

const REASON_WORDS: Record<NetworkReason, (where: string) => string> = {
  dns: (where) => `${where} can't be reached from this machine: its name does not resolve (no network or DNS here, or a typo in the address).`,
  refused: (where) => `Nothing answers at ${where} (connection refused): is the registry running, and on that port?`,
  unreachable: (where) => `${where} can't be reached from this machine (no route to it on the network).`,
  tls: (where) =>
    `Berth could not make a secure (TLS) connection to ${where}: its certificate is not trusted (self-signed, expired or for another name). Trust its CA on this machine, or use a valid certificate.`,
  'plain-http': (where) => `${where} does not speak HTTPS. Only registries on this machine (127.0.0.1, localhost) may use plain HTTP.`,
  timeout: (where) => `${where} did not answer in time; it may be down, overloaded or behind a firewall.`,
  reset: (where) => `${where} closed the connection; it may be restarting or not be a registry.`
}

/** Fetch failures (not HTTP statuses) as an RpcError in words, naming `where`. */
export function networkError(where: string, thrown: unknown): RpcError {
  if ((thrown as { name?: string } | null)?.name === 'AbortError') return new RpcError('CANCELLED', 'Cancelled.')
  const reason = networkReason(thrown) ?? 'unreachable'
  const words = REASON_WORDS[reason](where)
  const code = reason === 'timeout' ? 'TIMEOUT' : 'UNREACHABLE'
  return new RpcError(code, words, { registry: where, reason })
}

export interface RegistryRequest {
  method?: 'GET' | 'HEAD' | 'DELETE' | 'POST'
  headers?: Record<string, string>
  body?: string
  signal?: AbortSignal
  timeoutMs?: number
}

/** fetch with a timeout joined to the caller's signal; failures thrown as words about `where`. */
export async function registryFetch(url: string, where: string, request: RegistryRequest = {}): Promise<Response> {
  const timeout = AbortSignal.timeout(request.timeoutMs ?? REQUEST_TIMEOUT_MS)
  const signal = request.signal ? AbortSignal.any([request.signal, timeout]) : timeout
  try {
    return await fetch(url, { method: request.method ?? 'GET', headers: request.headers, body: request.body, signal, redirect: 'follow' })
  } catch (err) {
    // The caller's abort wins over our timeout: a closed window is "cancelled", not "too slow".
    if (request.signal?.aborted) throw new RpcError('CANCELLED', 'Cancelled.')
    if (timeout.aborted) throw networkError(where, Object.assign(new Error('timeout'), { name: 'TimeoutError' }))
    throw networkError(where, err)
  }
}

/** The registry's own error words from a v2 error body ({"errors":[{code, message, detail}]}). */
export async function registryErrors(response: Response): Promise<{ codes: string[]; message: string }> {
  let text: string
  try {
    text = await response.text()
  } catch {
    return { codes: [], message: '' }
  }
  try {
    const body = JSON.parse(text) as { errors?: Array<{ code?: unknown; message?: unknown }> }
    const errors = Array.isArray(body.errors) ? body.errors : []
    return {
      codes: errors.map((e) => (typeof e.code === 'string' ? e.code : '')).filter(Boolean),
      message: errors.map((e) => (typeof e.message === 'string' ? e.message : '')).filter(Boolean).join('; ')
    }
  } catch {
    return { codes: [], message: text.trim().slice(0, 200) }
  }
}
