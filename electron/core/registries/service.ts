/**
 * The registries a person works with and what Berth does with them: the list (Docker Hub, the
 * ones added in Berth, the ones the docker CLI is logged in to), adding and removing, logging
 * in and out through the Docker credential store, and browsing. Clients are kept per registry
 * and login, so bearer tokens are reused from one page to the next.
 */
import { createHash } from 'node:crypto'
import { RpcError } from '../../../shared/errors'
import { DOCKER_HUB_ID, parseRegistryAddress, type CatalogPage, type LoginStatus, type RegistryEntry, type TagsPage } from '../../../shared/registries-models'
import type { DockerConfigCredentials, RegistryAuth } from '../credentials/store'
import { RegistryClient, type RegistryEndpoint } from './client'
import { HUB_ENDPOINT, detectScheme, endpointFor, isLoopbackHost, probeRegistry, type Scheme } from './endpoints'
import { KnownRegistries } from './known'
import { checkLogin } from './login'
import { tagsPage } from './tags'

/** How much of a catalog one filtered search may read before it returns what it found so far. */
const FILTER_SCAN_PAGES = 40
const FILTER_SCAN_PAGE_SIZE = 500

export class RegistriesService {
  private readonly known: KnownRegistries
  /** Schemes found for registries not in Berth's list (CLI logins), for this run. */
  private readonly detected = new Map<string, Scheme>()
  private readonly clients = new Map<string, { fingerprint: string; client: RegistryClient }>()

  constructor(
    readonly credentials: DockerConfigCredentials,
    configDir: string,
    log: (message: string) => void
  ) {
    this.known = new KnownRegistries(configDir, log)
  }

  async list(signal?: AbortSignal): Promise<RegistryEntry[]> {
    const added = await this.known.list()
    const addedIds = new Set(added.map((entry) => entry.id))
    let fromConfig: string[] = []
    try {
      fromConfig = (await this.credentials.knownRegistries(signal)).filter((id) => id !== DOCKER_HUB_ID && !addedIds.has(id))
    } catch {
      // An unreadable config.json shows as each registry's login problem; the list still comes.
    }
    const rows: Array<Omit<RegistryEntry, 'login'>> = [
      { id: DOCKER_HUB_ID, name: 'Docker Hub', kind: 'hub', url: HUB_ENDPOINT.base, source: 'builtin' },
      ...added.map((entry) => ({ id: entry.id, name: entry.id, kind: 'v2' as const, url: endpointFor(entry.id, entry.scheme).base, source: 'added' as const })),
      ...fromConfig.sort().map((id) => ({ id, name: id, kind: 'v2' as const, url: endpointFor(id, this.guessScheme(id)).base, source: 'docker-config' as const }))
    ]
    return Promise.all(rows.map(async (row) => ({ ...row, login: await this.credentials.status(row.id, signal) })))
  }

  /** Adds a registry after checking something at that address answers like a registry. */
  async add(address: string, signal?: AbortSignal): Promise<RegistryEntry> {
    const parsed = parseRegistryAddress(address)
    if (!parsed) throw new RpcError('INVALID_INPUT', 'use host or host:port, e.g. registry.example.com or 127.0.0.1:5000')
    if ((await this.known.list()).some((entry) => entry.id === parsed.id)) {
      throw new RpcError('CONFLICT', `${parsed.id} is already in the list.`, { field: 'address' })
    }
    let scheme = parsed.scheme
    if (scheme) await probeRegistry(endpointFor(parsed.id, scheme), signal)
    else scheme = await detectScheme(parsed.id, signal)
    await this.known.add({ id: parsed.id, scheme, added: new Date().toISOString() })
    this.detected.delete(parsed.id)
    const login = await this.credentials.status(parsed.id, signal)
    return { id: parsed.id, name: parsed.id, kind: 'v2', url: endpointFor(parsed.id, scheme).base, source: 'added', login }
  }

  async remove(id: string): Promise<void> {
    if (id === DOCKER_HUB_ID) throw new RpcError('UNSUPPORTED', 'Docker Hub is always in the list.')
    if (!(await this.known.remove(id))) throw new RpcError('NOT_FOUND', `${id} is not in Berth's list of registries (a docker CLI login shows it; log out to remove it).`)
    this.clients.delete(id)
  }

  status(id: string, signal?: AbortSignal): Promise<LoginStatus> {
    return this.credentials.status(id, signal)
  }

  /** Checks the credentials with the registry, and only then saves them where docker would. */
  async login(id: string, username: string, password: string, signal?: AbortSignal): Promise<LoginStatus> {
    try {
      await checkLogin(await this.endpoint(id, signal), { username, password, serveraddress: id }, signal)
    } catch (err) {
      // Out of reach: say that the login was not checked, and therefore not kept.
      if (err instanceof RpcError && (err.code === 'UNREACHABLE' || err.code === 'TIMEOUT')) {
        throw new RpcError(err.code, `${err.message} Berth could not check the login, so nothing was saved.`, err.detail)
      }
      throw err
    }
    await this.credentials.save(id, username, password, signal)
    this.clients.delete(id)
    return this.credentials.status(id, signal)
  }

  async logout(id: string, signal?: AbortSignal): Promise<LoginStatus> {
    await this.credentials.erase(id, signal)
    this.clients.delete(id)
    return this.credentials.status(id, signal)
  }

  async catalog(id: string, pageSize: number, last: string | undefined, filter: string | undefined, signal?: AbortSignal): Promise<CatalogPage> {
    const client = await this.browsable(id, signal)
    const needle = filter?.trim().toLowerCase()
    if (!needle) {
      const page = await client.catalog(pageSize, last, signal)
      return { registry: id, repositories: page.names, next: page.next }
    }
    // The v2 API cannot filter: read the catalog in big pages until a page of matches is found.
    const found: string[] = []
    let cursor = last
    for (let scanned = 0; scanned < FILTER_SCAN_PAGES; scanned++) {
      const page = await client.catalog(FILTER_SCAN_PAGE_SIZE, cursor, signal)
      for (const name of page.names) {
        if (!name.includes(needle)) continue
        found.push(name)
        if (found.length === pageSize) return { registry: id, repositories: found, next: name }
      }
      if (page.next === null) return { registry: id, repositories: found, next: null }
      cursor = page.next
    }
    return { registry: id, repositories: found, next: cursor ?? null }
  }

  async tags(id: string, repository: string, pageSize: number, last: string | undefined, signal?: AbortSignal): Promise<TagsPage> {
    return tagsPage(await this.browsable(id, signal), repository, pageSize, last, signal)
  }

  /** Deletes the manifest a tag points at, but only if it still points at the digest the person saw. */
  async deleteTag(id: string, repository: string, tag: string, digest: string, signal?: AbortSignal): Promise<void> {
    const client = await this.browsable(id, signal)
    const current = await client.digestOf(repository, tag, signal)
    if (current !== digest) {
      throw new RpcError('CONFLICT', `${repository}:${tag} now points at ${current.slice(0, 19)}…, not the image you saw. Nothing was deleted; reload the tags and check again.`)
    }
    await client.deleteManifest(repository, digest, signal)
  }

  private async browsable(id: string, signal?: AbortSignal): Promise<RegistryClient> {
    if (id === DOCKER_HUB_ID) throw new RpcError('UNSUPPORTED', 'Docker Hub does not list its repositories: search it instead.')
    return this.clientFor(id, signal)
  }

  private async clientFor(id: string, signal?: AbortSignal): Promise<RegistryClient> {
    const auth = await this.credentials.authFor(id, signal)
    const fingerprint = fingerprintOf(auth)
    const cached = this.clients.get(id)
    if (cached && cached.fingerprint === fingerprint) return cached.client
    const client = new RegistryClient(await this.endpoint(id, signal), auth)
    this.clients.set(id, { fingerprint, client })
    return client
  }

  private async endpoint(id: string, signal?: AbortSignal): Promise<RegistryEndpoint> {
    if (id === DOCKER_HUB_ID) return HUB_ENDPOINT
    const added = (await this.known.list()).find((entry) => entry.id === id)
    if (added) return endpointFor(id, added.scheme)
    let scheme = this.detected.get(id)
    if (!scheme) {
      scheme = await detectScheme(id, signal)
      this.detected.set(id, scheme)
    }
    return endpointFor(id, scheme)
  }

  private guessScheme(id: string): Scheme {
    return this.detected.get(id) ?? (isLoopbackHost(id) ? 'http' : 'https')
  }
}

/** Tells one login from another without keeping the secret itself as a map key. */
function fingerprintOf(auth: RegistryAuth | undefined): string {
  if (!auth) return 'anonymous'
  return createHash('sha256').update(`${auth.username}\0${auth.password}\0${auth.identitytoken ?? ''}`).digest('hex')
}
