/**
 * Docker Hub search (the v1 search API the docker CLI's `docker search` uses). Hub being out of
 * reach is an expected state — machines without internet, or behind a firewall — so it comes
 * back as an answer in words rather than as an error.
 */
import { RpcError } from '../../../shared/errors'
import type { HubResult, HubSearchResult } from '../../../shared/registries-models'
import { registryFetch, type NetworkReason } from './http'

export const HUB_SEARCH_URL = 'https://index.docker.io/v1/search'
const SEARCH_TIMEOUT_MS = 8_000
const RESULTS = 25

const NO_INTERNET = 'this machine seems to have no internet access (or a firewall or proxy blocks index.docker.io). Images already on this machine, and your own registries, still work.'
const HUB_WHY: Record<NetworkReason, string> = {
  dns: NO_INTERNET,
  refused: NO_INTERNET,
  unreachable: NO_INTERNET,
  reset: NO_INTERNET,
  timeout: 'index.docker.io did not answer in time (a slow or blocked connection). Try again later.',
  tls: 'the secure connection to index.docker.io failed (a proxy that intercepts HTTPS, or a wrong clock?).',
  'plain-http': 'the secure connection to index.docker.io failed (something on the way answers without HTTPS).'
}

export async function searchDockerHub(query: string, signal?: AbortSignal, url: string = HUB_SEARCH_URL): Promise<HubSearchResult> {
  let response: Response
  try {
    response = await registryFetch(`${url}?${new URLSearchParams({ q: query, n: String(RESULTS) })}`, 'Docker Hub', { signal, timeoutMs: SEARCH_TIMEOUT_MS })
  } catch (err) {
    if (err instanceof RpcError && err.code === 'CANCELLED') throw err
    const reason = ((err as RpcError).detail as { reason?: NetworkReason } | undefined)?.reason
    return { reachable: false, message: `Docker Hub can't be reached from this machine, so it cannot be searched: ${HUB_WHY[reason ?? 'unreachable']}` }
  }
  if (!response.ok) {
    await response.body?.cancel()
    return { reachable: false, message: `Docker Hub answered ${response.status} to the search; try again later.` }
  }
  const body = (await response.json().catch(() => ({}))) as { results?: unknown; num_results?: unknown }
  const results: HubResult[] = (Array.isArray(body.results) ? body.results : []).flatMap((raw: unknown) => {
    const item = (typeof raw === 'object' && raw !== null ? raw : {}) as Record<string, unknown>
    if (typeof item.name !== 'string') return []
    return [
      {
        name: item.name,
        description: typeof item.description === 'string' ? item.description : '',
        stars: typeof item.star_count === 'number' ? item.star_count : 0,
        official: item.is_official === true
      }
    ]
  })
  return { reachable: true, results, total: typeof body.num_results === 'number' ? body.num_results : results.length }
}
