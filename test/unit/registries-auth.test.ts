/**
 * The Bearer token dance, against a small token-auth registry in this process (the test host's
 * registry only speaks Basic): the 401 challenge names the realm and scope, credentials are
 * traded for a token, tokens are reused per scope, a refused login is said in words, and an
 * identity token is traded with a POST. Also the challenge parser and the page cutter.
 */
import { createServer, type IncomingMessage, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { RpcError } from '../../shared/errors'
import { parseChallenge } from '../../electron/core/registries/auth'
import { RegistryClient, type RegistryEndpoint } from '../../electron/core/registries/client'
import { checkLogin } from '../../electron/core/registries/login'
import { pageOf } from '../../electron/core/registries/paging'

const USER = 'alice'
const PASSWORD = 'wonderland'
const REFRESH = 'refresh-123'

interface TokenRequest {
  method: string
  scopes: string[]
  account: string | null
  grant: string | null
}

let server: Server
let endpoint: RegistryEndpoint
const tokenRequests: TokenRequest[] = []
/** token → the scopes it grants */
const issued = new Map<string, string[]>()

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve) => {
    let body = ''
    req.on('data', (chunk: Buffer) => (body += chunk.toString()))
    req.on('end', () => resolve(body))
  })
}

function challenge(scope?: string): string {
  const port = (server.address() as AddressInfo).port
  return `Bearer realm="http://127.0.0.1:${port}/token",service="test-registry"${scope ? `,scope="${scope}"` : ''}`
}

beforeAll(async () => {
  server = createServer((req, res) => {
    void (async () => {
      const url = new URL(req.url ?? '/', 'http://x')
      if (url.pathname === '/token') {
        const body = req.method === 'POST' ? new URLSearchParams(await readBody(req)) : null
        const scopes = body ? (body.get('scope') ?? '').split(' ').filter(Boolean) : url.searchParams.getAll('scope')
        tokenRequests.push({ method: req.method ?? '', scopes, account: url.searchParams.get('account'), grant: body?.get('grant_type') ?? null })
        const basicOk = req.headers.authorization === `Basic ${Buffer.from(`${USER}:${PASSWORD}`).toString('base64')}`
        const refreshOk = body?.get('grant_type') === 'refresh_token' && body.get('refresh_token') === REFRESH
        if (!basicOk && !refreshOk) {
          res.writeHead(401, { 'content-type': 'application/json' }).end(JSON.stringify({ errors: [{ code: 'UNAUTHORIZED', message: 'bad credentials' }] }))
          return
        }
        const token = `tok-${issued.size + 1}`
        issued.set(token, scopes)
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body ? { access_token: token, expires_in: 300 } : { token, expires_in: 300 }))
        return
      }
      const needed = url.pathname === '/v2/' ? null : url.pathname === '/v2/_catalog' ? 'registry:catalog:*' : `repository:${url.pathname.split('/').slice(2, -2).join('/')}:pull`
      const token = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1]
      const granted = token ? issued.get(token) : undefined
      if (!granted || (needed && !granted.includes(needed))) {
        res.writeHead(401, { 'www-authenticate': challenge(needed ?? undefined), 'content-type': 'application/json' }).end('{"errors":[{"code":"UNAUTHORIZED","message":"authentication required"}]}')
        return
      }
      if (url.pathname === '/v2/') return void res.writeHead(200).end('{}')
      if (url.pathname === '/v2/_catalog') {
        const port = (server.address() as AddressInfo).port
        return void res.writeHead(200, { link: `<http://127.0.0.1:${port}/v2/_catalog?last=b&n=2>; rel="next"` }).end(JSON.stringify({ repositories: ['a', 'b'] }))
      }
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ name: 'team/app', tags: ['v2', 'v1'] }))
    })()
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const port = (server.address() as AddressInfo).port
  endpoint = { id: `127.0.0.1:${port}`, base: `http://127.0.0.1:${port}`, name: `127.0.0.1:${port}` }
})

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())))

describe('bearer registries', () => {
  it('checks a login at the token server, then at /v2/', async () => {
    tokenRequests.length = 0
    expect(await checkLogin(endpoint, { username: USER, password: PASSWORD, serveraddress: endpoint.id })).toBe('accepted')
    expect(tokenRequests).toEqual([{ method: 'GET', scopes: [], account: USER, grant: null }])
  })

  it('refuses a wrong password with a field-level error', async () => {
    const err = await checkLogin(endpoint, { username: USER, password: 'nope', serveraddress: endpoint.id }).catch((e: unknown) => e)
    expect(err).toBeInstanceOf(RpcError)
    expect((err as RpcError).code).toBe('UNAUTHORIZED')
    expect((err as RpcError).message).toBe(`${endpoint.name} refused this user name and password. Nothing was saved.`)
    expect((err as RpcError).detail).toMatchObject({ field: 'password' })
  })

  it('gets a token per scope from the challenge and reuses it', async () => {
    tokenRequests.length = 0
    const client = new RegistryClient(endpoint, { username: USER, password: PASSWORD, serveraddress: endpoint.id })
    expect(await client.catalog(2, undefined)).toEqual({ names: ['a', 'b'], next: 'b' })
    expect(await client.catalog(2, undefined)).toEqual({ names: ['a', 'b'], next: 'b' })
    expect(await client.tags('team/app', 10, undefined)).toEqual({ names: ['v1', 'v2'], next: null })
    expect(tokenRequests.map((request) => request.scopes)).toEqual([['registry:catalog:*'], ['repository:team/app:pull']])
  })

  it('trades an identity token with a POST', async () => {
    tokenRequests.length = 0
    const client = new RegistryClient(endpoint, { username: '', password: '', serveraddress: endpoint.id, identitytoken: REFRESH })
    expect((await client.tags('team/app', 10, undefined)).names).toEqual(['v1', 'v2'])
    expect(tokenRequests).toEqual([{ method: 'POST', scopes: ['repository:team/app:pull'], account: null, grant: 'refresh_token' }])
  })

  it('asks anonymous people to log in, naming the registry', async () => {
    const err = await new RegistryClient(endpoint, undefined).catalog(10, undefined).catch((e: unknown) => e)
    expect((err as RpcError).code).toBe('UNAUTHORIZED')
    expect((err as RpcError).message).toBe(`Log in to ${endpoint.name} to list its repositories.`)
  })
})

describe('challenges and pages', () => {
  it('parses Basic and Bearer challenges with quoted and bare values', () => {
    expect(parseChallenge('Basic realm="berth-test"')).toEqual({ scheme: 'basic', realm: 'berth-test' })
    expect(parseChallenge('Bearer realm="https://auth.docker.io/token",service="registry.docker.io",scope="repository:library/busybox:pull"')).toEqual({
      scheme: 'bearer',
      realm: 'https://auth.docker.io/token',
      service: 'registry.docker.io',
      scope: 'repository:library/busybox:pull'
    })
    expect(parseChallenge('bearer realm=https://x/t, service=reg')).toEqual({ scheme: 'bearer', realm: 'https://x/t', service: 'reg' })
    expect(parseChallenge('Negotiate abc')).toBeNull()
    expect(parseChallenge(null)).toBeNull()
  })

  it('cuts pages the registry did not cut, in lexical order, and ignores an empty next page', () => {
    expect(pageOf(['t3', 't1', 't2'], 2, undefined, null)).toEqual({ names: ['t1', 't2'], next: 't2' })
    expect(pageOf(['t3', 't1', 't2'], 2, 't2', null)).toEqual({ names: ['t3'], next: null })
    expect(pageOf(['a', 'b'], 2, undefined, '</v2/_catalog?last=b&n=2>; rel="next"')).toEqual({ names: ['a', 'b'], next: 'b' })
    expect(pageOf([], 2, 'b', '</v2/_catalog?last=b&n=2>; rel="next"')).toEqual({ names: [], next: null })
    expect(pageOf(['c'], 2, 'b', null)).toEqual({ names: ['c'], next: null })
  })
})
