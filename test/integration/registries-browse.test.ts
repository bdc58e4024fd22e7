/**
 * Browsing the real test registry through the handler table: adding it (plain HTTP detected on
 * loopback, kept in Berth's config folder), the catalog paged past one page, the filter, tags
 * paged with digest/size/created equal to what the registry itself says, deleting a tag by
 * digest, the words for anonymous and unreachable registries, and Docker Hub out of reach.
 * Repositories live under registries/<run>/ and are deleted again at the end.
 */
import { readFileSync } from 'node:fs'
import { createServer, type AddressInfo } from 'node:net'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { RpcError } from '../../shared/errors'
import type { CatalogPage } from '../../shared/registries-models'
import { call } from './handlers-kit'
import { loadTestHost } from '../support/testHost'
import {
  deleteRepositories,
  engineFor,
  loginOf,
  pushUniqueImage,
  rawRegistry,
  registriesCore,
  runPrefix,
  tempDockerConfig,
  type RegistriesCore,
  type TempDockerConfig
} from './registries-kit'

const host = loadTestHost()
const registry = host.registry.host
const prefix = runPrefix()
const REPOS = ['r-a', 'r-b', 'r-c', 'r-d', 'r-e', 'r-f', 'r-g']
const TAGGED = `${prefix}/tagged`
const TAGS = ['t1', 't2', 't3']
const ACCEPT = 'application/vnd.docker.distribution.manifest.v2+json, application/vnd.oci.image.manifest.v1+json'

/** A port nothing listens on (taken from the OS, then released). */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo
      server.close(() => resolve(port))
    })
  })
}

let config: TempDockerConfig
let t: RegistriesCore

async function failure(promise: Promise<unknown>): Promise<RpcError> {
  const err = await promise.then(
    () => null,
    (e: unknown) => e
  )
  expect(err, 'the call should have failed').toBeInstanceOf(RpcError)
  return err as RpcError
}

beforeAll(async () => {
  const engine = engineFor(host)
  try {
    // One image under many names costs one upload: the registry mounts the same blobs.
    for (const repo of REPOS) await pushUniqueImage(engine, `${registry}/${prefix}/${repo}:v1`, loginOf(host))
    for (const tag of TAGS) await pushUniqueImage(engine, `${registry}/${TAGGED}:${tag}`, loginOf(host))
  } finally {
    engine.close()
  }
  config = tempDockerConfig()
  t = await registriesCore(host, config.dir)
})

afterAll(async () => {
  await t?.dispose()
  config?.cleanup()
  await deleteRepositories(host, prefix)
})

describe('the registry list', () => {
  it('adds 127.0.0.1:5000 as plain HTTP, keeps it in the config folder, removes it again', async () => {
    const added = await call(t.core, 'registries.add', { address: registry })
    expect(added).toMatchObject({ id: registry, kind: 'v2', url: `http://${registry}`, source: 'added', login: { username: null } })
    const stored = JSON.parse(readFileSync(join(t.configDir, 'registries.json'), 'utf8')) as { registries: Array<{ id: string; scheme: string }> }
    expect(stored.registries).toEqual([expect.objectContaining({ id: registry, scheme: 'http' })])
    expect((await call(t.core, 'registries.list', {})).map((entry) => entry.id)).toEqual(['docker.io', registry])
    const again = await failure(call(t.core, 'registries.add', { address: `http://${registry}/` }))
    expect(again.code).toBe('CONFLICT')
    await call(t.core, 'registries.remove', { registry })
    expect((await call(t.core, 'registries.list', {})).map((entry) => entry.id)).toEqual(['docker.io'])
  })

  it('refuses addresses that are not registries, in words', async () => {
    const port = await freePort()
    const nothing = await failure(call(t.core, 'registries.add', { address: `127.0.0.1:${port}` }))
    expect(nothing.message).toBe(`Nothing answers at 127.0.0.1:${port} (connection refused): is the registry running, and on that port?`)
    await expect(call(t.core, 'registries.add', { address: 'https://host/path' })).rejects.toThrow(/without a path/)
    await expect(call(t.core, 'registries.add', { address: 'docker.io' })).rejects.toThrow(/Docker Hub is always in the list/)
  })
})

describe('browsing', () => {
  beforeAll(async () => {
    await call(t.core, 'registries.add', { address: registry })
  })

  it('asks for a login before showing anything', async () => {
    const err = await failure(call(t.core, 'registries.catalog', { registry, pageSize: 10 }))
    expect(err.code).toBe('UNAUTHORIZED')
    expect(err.message).toBe(`Log in to ${registry} to list its repositories.`)
    expect(err.detail).toMatchObject({ needsLogin: true, registry })
  })

  it('pages through the catalog past one page with the Link header', async () => {
    await call(t.core, 'registries.login', { registry, username: host.registry.user, password: host.registry.password })
    const seen: string[] = []
    const sizes: number[] = []
    // Start just before this run's names (the registry is shared): the catalog is sorted.
    let last: string | undefined = prefix
    for (let page = 0; page < 20; page++) {
      const result: CatalogPage = await call(t.core, 'registries.catalog', { registry, pageSize: 3, last })
      const ours = result.repositories.filter((name) => name.startsWith(`${prefix}/`))
      seen.push(...ours)
      sizes.push(result.repositories.length)
      if (ours.length < result.repositories.length || result.next === null) break
      last = result.next
    }
    expect(seen).toEqual([...REPOS.map((repo) => `${prefix}/${repo}`), TAGGED])
    expect(sizes.slice(0, 2)).toEqual([3, 3])
  })

  it('filters the catalog across pages', async () => {
    const first = await call(t.core, 'registries.catalog', { registry, pageSize: 4, filter: `${prefix}/r-` })
    expect(first.repositories).toEqual(REPOS.slice(0, 4).map((repo) => `${prefix}/${repo}`))
    expect(first.next).not.toBeNull()
    const second = await call(t.core, 'registries.catalog', { registry, pageSize: 4, filter: `${prefix}/r-`, last: first.next ?? undefined })
    expect(second.repositories).toEqual(REPOS.slice(4).map((repo) => `${prefix}/${repo}`))
    expect(second.next).toBeNull()
  })

  it('lists tags in pages with the digest, size and created the registry holds', async () => {
    const first = await call(t.core, 'registries.tags', { registry, repository: TAGGED, pageSize: 2 })
    expect(first.tags.map((tag) => tag.tag)).toEqual(['t1', 't2'])
    expect(first.next).toBe('t2')
    const second = await call(t.core, 'registries.tags', { registry, repository: TAGGED, pageSize: 2, last: 't2' })
    expect(second.tags.map((tag) => tag.tag)).toEqual(['t3'])
    expect(second.next).toBeNull()

    for (const details of [...first.tags, ...second.tags]) {
      const manifestResponse = await rawRegistry(host, `/v2/${TAGGED}/manifests/${details.tag}`, { accept: ACCEPT })
      const manifest = (await manifestResponse.json()) as { config: { digest: string; size: number }; layers: Array<{ size: number }> }
      const config = (await (await rawRegistry(host, `/v2/${TAGGED}/blobs/${manifest.config.digest}`)).json()) as { created: string; os: string; architecture: string }
      expect(details).toEqual({
        tag: details.tag,
        digest: manifestResponse.headers.get('docker-content-digest'),
        kind: 'image',
        mediaType: 'application/vnd.docker.distribution.manifest.v2+json',
        size: manifest.config.size + manifest.layers.reduce((sum, layer) => sum + layer.size, 0),
        created: config.created,
        platform: `${config.os}/${config.architecture}`,
        platforms: [],
        problem: null
      })
    }
    // Each tag is its own image here, so deleting one digest leaves the others.
    expect(new Set([...first.tags, ...second.tags].map((tag) => tag.digest)).size).toBe(3)
  })

  it('deletes a tag by digest, and refuses when the tag moved', async () => {
    const page = await call(t.core, 'registries.tags', { registry, repository: TAGGED, pageSize: 10 })
    const [t1, t2] = page.tags
    const moved = await failure(call(t.core, 'registries.deleteTag', { registry, repository: TAGGED, tag: 't2', digest: t1.digest ?? '' }))
    expect(moved.code).toBe('CONFLICT')
    expect(moved.message).toContain('Nothing was deleted')

    await call(t.core, 'registries.deleteTag', { registry, repository: TAGGED, tag: 't2', digest: t2.digest ?? '' })
    const after = await call(t.core, 'registries.tags', { registry, repository: TAGGED, pageSize: 10 })
    expect(after.tags.map((tag) => tag.tag)).toEqual(['t1', 't3'])
    const gone = await rawRegistry(host, `/v2/${TAGGED}/manifests/${t2.digest}`, { method: 'HEAD', accept: ACCEPT })
    expect(gone.status).toBe(404)
  })

  it('says when a repository does not exist', async () => {
    const err = await failure(call(t.core, 'registries.tags', { registry, repository: `${prefix}/never-pushed`, pageSize: 10 }))
    expect(err.code).toBe('NOT_FOUND')
    expect(err.message).toContain('That repository does not exist in 127.0.0.1:5000')
  })
})

describe('Docker Hub', () => {
  it('says clearly that Docker Hub cannot be reached from this machine', async () => {
    const result = await call(t.core, 'registries.hubSearch', { query: 'busybox' })
    // This machine has no internet; where it has, the search must come back with results instead.
    if (result.reachable) {
      expect(result.results.length).toBeGreaterThan(0)
      return
    }
    expect(result.message).toMatch(/^Docker Hub can't be reached from this machine, so it cannot be searched: this machine seems to have no internet access/)
  })

  it('cannot be browsed, and a Hub login that cannot be checked saves nothing', async () => {
    await expect(call(t.core, 'registries.catalog', { registry: 'docker.io', pageSize: 10 })).rejects.toThrow(/search it instead/)
    const err = await failure(call(t.core, 'registries.login', { registry: 'docker.io', username: 'someone', password: 'secret' }))
    if (err.code === 'UNAUTHORIZED') return // internet after all: Hub refused the made-up login
    expect(err.message).toMatch(/^(Docker Hub can't be reached from this machine|Docker Hub did not answer in time).* Berth could not check the login, so nothing was saved\.$/)
    expect((await call(t.core, 'registries.status', { registry: 'docker.io' })).username).toBeNull()
  })
})
