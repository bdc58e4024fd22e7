/**
 * Where a registry's v2 API is. Docker Hub's is registry-1.docker.io. Others are HTTPS, except
 * that — like the engine, which trusts 127.0.0.0/8 as an insecure registry out of the box — a
 * registry on this machine may speak plain HTTP: HTTPS is tried first, then HTTP. An address
 * typed with http:// is taken at its word (the person has configured the engine for it).
 */
import { RpcError } from '../../../shared/errors'
import { DOCKER_HUB_ID } from '../../../shared/registries-models'
import type { RegistryEndpoint } from './client'
import { networkReason, registryFetch } from './http'

export const HUB_ENDPOINT: RegistryEndpoint = { id: DOCKER_HUB_ID, base: 'https://registry-1.docker.io', name: 'Docker Hub' }

const PROBE_TIMEOUT_MS = 8_000

export type Scheme = 'http' | 'https'

export function isLoopbackHost(id: string): boolean {
  const host = id.startsWith('[') ? id.slice(0, id.indexOf(']') + 1) : id.split(':')[0]
  return host === 'localhost' || host === '[::1]' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host)
}

export function endpointFor(id: string, scheme: Scheme): RegistryEndpoint {
  if (id === DOCKER_HUB_ID) return HUB_ENDPOINT
  return { id, base: `${scheme}://${id}`, name: id }
}

/**
 * Asks /v2/ over HTTPS (then HTTP on loopback) and returns the scheme that got an answer from a
 * registry. Any HTTP status counts as an answer here; `probeRegistry` checks it is a registry.
 */
export async function detectScheme(id: string, signal?: AbortSignal): Promise<Scheme> {
  try {
    await probeRegistry(endpointFor(id, 'https'), signal)
    return 'https'
  } catch (httpsError) {
    const reason = networkReason(httpsError) ?? (httpsError as RpcError & { detail?: { reason?: string } }).detail?.reason
    if (!isLoopbackHost(id) || reason === undefined || reason === 'timeout' || reason === 'dns') throw httpsError
    try {
      await probeRegistry(endpointFor(id, 'http'), signal)
      return 'http'
    } catch (httpError) {
      throw reason === 'plain-http' ? httpError : httpsError
    }
  }
}

/** GET /v2/: 200 (open) or 401 (wants a login) is a registry; anything else is said in words. */
export async function probeRegistry(endpoint: RegistryEndpoint, signal?: AbortSignal): Promise<void> {
  const response = await registryFetch(`${endpoint.base}/v2/`, endpoint.name, { signal, timeoutMs: PROBE_TIMEOUT_MS })
  await response.body?.cancel()
  if (response.ok || response.status === 401) return
  if (response.status === 404) {
    throw new RpcError('NOT_FOUND', `${endpoint.name} answered, but it is not a Docker registry (no v2 API at ${endpoint.base}/v2/).`, { reason: 'not-registry' })
  }
  throw new RpcError('INTERNAL', `${endpoint.name} answered ${response.status} at ${endpoint.base}/v2/; is it a Docker registry?`, { reason: 'not-registry' })
}
