/**
 * A registry v2 API client for browsing: catalog and tags (paginated by `n`/`last` and the Link
 * header), manifests by tag (Docker schema 2, OCI, manifest lists and indexes), config blobs,
 * and deleting a manifest by digest. Authentication follows the challenges the registry sends
 * (see auth.ts): a request goes out with what is already known for its scope; a 401 teaches the
 * scheme and scope, and the request is retried once with credentials or a token.
 */
import { createHash } from 'node:crypto'
import { RpcError } from '../../../shared/errors'
import type { RegistryAuth } from '../credentials/store'
import { basicHeader, fetchToken, parseChallenge, type Challenge, type Token } from './auth'
import { registryErrors, registryFetch } from './http'
import { MANIFEST_ACCEPT } from './manifests'
import { pageOf, type Page } from './paging'

export interface RegistryEndpoint {
  /** The registry's id: "docker.io" or host[:port]. */
  id: string
  /** Where its v2 API lives, without a trailing slash: https://host or http://127.0.0.1:5000. */
  base: string
  /** How people name it in messages ("Docker Hub", "127.0.0.1:5000"). */
  name: string
}

interface SendOptions {
  method?: 'GET' | 'HEAD' | 'DELETE'
  accept?: string
  /** The token scope the request needs (bearer registries); the 401 challenge may name a better one. */
  scope?: string
  signal?: AbortSignal
}

/** Config blobs are a few kB; anything this big is not one and is not read into memory. */
const MAX_JSON_BYTES = 4 * 1024 * 1024

export class RegistryClient {
  private challenge: Challenge | null = null
  private readonly tokens = new Map<string, Token>()

  constructor(
    readonly endpoint: RegistryEndpoint,
    private readonly auth: RegistryAuth | undefined
  ) {}

  /** GET /v2/_catalog: one page of repository names after `last`. */
  async catalog(pageSize: number, last: string | undefined, signal?: AbortSignal): Promise<Page> {
    const query = new URLSearchParams({ n: String(pageSize) })
    if (last) query.set('last', last)
    const response = await this.send(`/v2/_catalog?${query}`, { scope: 'registry:catalog:*', signal })
    await this.expectOk(response, 'list its repositories')
    const body = (await response.json()) as { repositories?: unknown }
    const names = Array.isArray(body.repositories) ? body.repositories.filter((name): name is string => typeof name === 'string') : []
    return pageOf(names, pageSize, last, response.headers.get('link'))
  }

  /** GET /v2/<name>/tags/list: one page of tags after `last` (registries that ignore `n` are paged here). */
  async tags(repository: string, pageSize: number, last: string | undefined, signal?: AbortSignal): Promise<Page> {
    const query = new URLSearchParams({ n: String(pageSize) })
    if (last) query.set('last', last)
    const response = await this.send(`/v2/${repository}/tags/list?${query}`, { scope: pullScope(repository), signal })
    await this.expectOk(response, `list the tags of ${repository}`)
    const body = (await response.json()) as { tags?: unknown }
    // A repository whose tags were all deleted answers "tags": null.
    const names = Array.isArray(body.tags) ? body.tags.filter((tag): tag is string => typeof tag === 'string') : []
    return pageOf(names, pageSize, last, response.headers.get('link'))
  }

  /** GET a manifest by tag or digest: its digest (as the registry says, else computed), media type and JSON. */
  async manifest(repository: string, reference: string, signal?: AbortSignal): Promise<{ digest: string; mediaType: string | null; body: unknown }> {
    const response = await this.send(`/v2/${repository}/manifests/${reference}`, { accept: MANIFEST_ACCEPT, scope: pullScope(repository), signal })
    await this.expectOk(response, `read ${repository}:${reference}`)
    const bytes = Buffer.from(await response.arrayBuffer())
    const digest = response.headers.get('docker-content-digest') ?? `sha256:${createHash('sha256').update(bytes).digest('hex')}`
    let body: unknown
    try {
      body = JSON.parse(bytes.toString('utf8'))
    } catch {
      throw new RpcError('INTERNAL', `${this.endpoint.name} sent a manifest for ${repository}:${reference} that is not JSON.`)
    }
    const mediaType = response.headers.get('content-type')?.split(';')[0].trim() ?? null
    return { digest, mediaType, body }
  }

  /** HEAD a manifest: the digest a tag points at right now. */
  async digestOf(repository: string, reference: string, signal?: AbortSignal): Promise<string> {
    const response = await this.send(`/v2/${repository}/manifests/${reference}`, { method: 'HEAD', accept: MANIFEST_ACCEPT, scope: pullScope(repository), signal })
    await this.expectOk(response, `read ${repository}:${reference}`)
    const digest = response.headers.get('docker-content-digest')
    return digest ?? (await this.manifest(repository, reference, signal)).digest
  }

  /** GET a small JSON blob (an image config). */
  async blobJson(repository: string, digest: string, signal?: AbortSignal): Promise<unknown> {
    const response = await this.send(`/v2/${repository}/blobs/${digest}`, { scope: pullScope(repository), signal })
    await this.expectOk(response, `read ${repository}@${digest}`)
    const length = Number(response.headers.get('content-length') ?? 0)
    if (length > MAX_JSON_BYTES) throw new RpcError('INTERNAL', `${repository}@${digest} is ${length} bytes: too big for an image config.`)
    return JSON.parse(Buffer.from(await response.arrayBuffer()).toString('utf8'))
  }

  /** DELETE /v2/<name>/manifests/<digest>: every tag pointing at that digest goes with it. */
  async deleteManifest(repository: string, digest: string, signal?: AbortSignal): Promise<void> {
    const response = await this.send(`/v2/${repository}/manifests/${digest}`, { method: 'DELETE', scope: `repository:${repository}:delete`, signal })
    await this.expectOk(response, `delete from ${repository}`)
  }

  /** Sends with what is known for the scope; on a 401, learns the challenge and retries once with credentials. */
  async send(path: string, options: SendOptions = {}): Promise<Response> {
    const url = `${this.endpoint.base}${path}`
    const request = (authorization: string | undefined): Promise<Response> =>
      registryFetch(url, this.endpoint.name, {
        method: options.method ?? 'GET',
        headers: { ...(options.accept ? { accept: options.accept } : {}), ...(authorization ? { authorization } : {}) },
        signal: options.signal
      })
    const known = this.knownAuthorization(options.scope)
    const first = await request(known)
    if (first.status !== 401) return first
    const challenge = parseChallenge(first.headers.get('www-authenticate'))
    if (!challenge) return first
    this.challenge = challenge
    if (challenge.scheme === 'basic' && (!this.auth || known)) return first
    await first.body?.cancel()
    if (challenge.scheme === 'basic' && this.auth) return request(basicHeader(this.auth))
    const scope = challenge.scope ?? options.scope
    let token: Token
    try {
      token = await fetchToken(challenge, this.endpoint.name, this.auth, scope ? [scope] : [], options.signal)
    } catch (err) {
      // The token server said no: answer as the registry's 401, so the words name what was being done.
      if (err instanceof RpcError && err.code === 'UNAUTHORIZED') return first
      throw err
    }
    this.tokens.set(scope ?? '', token)
    return request(`Bearer ${token.token}`)
  }

  private knownAuthorization(scope: string | undefined): string | undefined {
    if (!this.challenge) return undefined
    if (this.challenge.scheme === 'basic') return this.auth ? basicHeader(this.auth) : undefined
    const token = this.tokens.get(scope ?? '')
    return token && token.expiresAt > Date.now() ? `Bearer ${token.token}` : undefined
  }

  /** A non-2xx answer as an RpcError in words: who must log in, what is missing, what is not allowed. */
  async expectOk(response: Response, doing: string): Promise<void> {
    if (response.ok) return
    const { codes, message } = await registryErrors(response)
    const name = this.endpoint.name
    const said = message ? ` (${message})` : ''
    const detail = { registry: this.endpoint.id, status: response.status, codes }
    if (response.status === 401) {
      if (!this.auth) throw new RpcError('UNAUTHORIZED', `Log in to ${name} to ${doing}.`, { ...detail, needsLogin: true })
      throw new RpcError('UNAUTHORIZED', `${name} refused the saved login for ${this.auth.username || 'your token'}: log in to ${name} again.`, { ...detail, needsLogin: true })
    }
    if (response.status === 403 || codes.includes('DENIED')) {
      throw new RpcError('UNAUTHORIZED', `${name} does not allow ${this.auth?.username || 'anonymous users'} to ${doing}${said}.`, detail)
    }
    if (response.status === 405 || codes.includes('UNSUPPORTED')) {
      throw new RpcError('UNSUPPORTED', `${name} does not allow deleting (or this operation): it was not done${said}.`, detail)
    }
    if (response.status === 404) {
      const what = codes.includes('NAME_UNKNOWN') ? 'That repository does not exist' : codes.includes('MANIFEST_UNKNOWN') ? 'That tag or digest does not exist' : 'Not found'
      throw new RpcError('NOT_FOUND', `${what} in ${name}: could not ${doing}${said}.`, detail)
    }
    if (response.status === 429) throw new RpcError('TIMEOUT', `${name} says too many requests: wait a little, then try again.`, detail)
    throw new RpcError('INTERNAL', `${name} answered ${response.status} when asked to ${doing}${said}.`, detail)
  }
}

function pullScope(repository: string): string {
  return `repository:${repository}:pull`
}
