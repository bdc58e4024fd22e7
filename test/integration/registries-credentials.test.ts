/**
 * Credentials the Docker way, against the real htpasswd registry and the real docker CLI:
 * a refused login saves nothing; an accepted one lands in config.json where `docker pull` finds
 * it; a CLI login is seen by Berth; a real docker-credential-* helper works both ways
 * (credsStore and credHelpers); logging out erases. Each test has its own DOCKER_CONFIG.
 */
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { RpcError } from '../../shared/errors'
import { DockerConfigCredentials } from '../../electron/core/credentials/store'
import { call, createTestCore, type TestCore } from './handlers-kit'
import { loadTestHost } from '../support/testHost'
import {
  deleteRepositories,
  docker,
  engineFor,
  helperFileFor,
  loginOf,
  pushUniqueImage,
  runPrefix,
  tempDockerConfig,
  writeCredentialHelper,
  type TempDockerConfig
} from './registries-kit'

const host = loadTestHost()
const registry = host.registry.host
const prefix = runPrefix()
const image = `${registry}/${prefix}/cli:v1`

let config: TempDockerConfig
let t: TestCore | undefined

async function coreWith(env: NodeJS.ProcessEnv = {}): Promise<TestCore> {
  t = await createTestCore({ DOCKER_CONFIG: config.dir, ...env })
  return t
}

function readConfig(): Record<string, unknown> {
  return JSON.parse(readFileSync(config.configPath, 'utf8')) as Record<string, unknown>
}

async function refusal(promise: Promise<unknown>): Promise<RpcError> {
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
    await pushUniqueImage(engine, image, loginOf(host))
  } finally {
    engine.close()
  }
})

afterAll(async () => {
  await deleteRepositories(host, prefix)
})

afterEach(async () => {
  await t?.dispose()
  t = undefined
  // The image `docker pull` brought in, if any.
  docker(host, { DOCKER_CONFIG: config.dir }, ['rmi', '-f', image])
  config.cleanup()
})

describe('config.json auths', () => {
  it('refuses a wrong password and saves nothing', async () => {
    config = tempDockerConfig()
    const core = await coreWith()
    const err = await refusal(call(core.core, 'registries.login', { registry, username: host.registry.user, password: 'not-the-password' }))
    expect(err.code).toBe('UNAUTHORIZED')
    expect(err.message).toContain(`${registry} refused this user name and password`)
    expect((err.detail as { field?: string }).field).toBe('password')
    expect(existsSync(config.configPath)).toBe(false)
    const status = await call(core.core, 'registries.status', { registry })
    expect(status.username).toBeNull()
  })

  it('saves an accepted login in auths (0600, other keys kept) and docker pull then works', async () => {
    config = tempDockerConfig()
    writeFileSync(config.configPath, JSON.stringify({ proxies: { default: { noProxy: '127.0.0.1' } }, 'x-custom': [1, 2], auths: { 'other.example:5000': { auth: 'dTpw' } } }))
    const core = await coreWith()
    const before = docker(host, { DOCKER_CONFIG: config.dir }, ['pull', image])
    expect(before.status, before.output).not.toBe(0)
    expect(before.output).toMatch(/no basic auth credentials|unauthorized/i)

    const status = await call(core.core, 'registries.login', { registry, username: host.registry.user, password: host.registry.password })
    expect(status).toMatchObject({ registry, username: host.registry.user, storedIn: { kind: 'file', path: config.configPath }, problem: null })
    expect(JSON.stringify(status)).not.toContain(host.registry.password)

    const saved = readConfig()
    expect(saved.proxies).toEqual({ default: { noProxy: '127.0.0.1' } })
    expect(saved['x-custom']).toEqual([1, 2])
    const auths = saved.auths as Record<string, { auth: string }>
    expect(auths['other.example:5000']).toEqual({ auth: 'dTpw' })
    expect(Buffer.from(auths[registry].auth, 'base64').toString()).toBe(`${host.registry.user}:${host.registry.password}`)
    expect(statSync(config.configPath).mode & 0o777).toBe(0o600)

    const pulled = docker(host, { DOCKER_CONFIG: config.dir }, ['pull', image])
    expect(pulled.status, pulled.output).toBe(0)
    // What pull and push use inside Berth sees the same login.
    const auth = await new DockerConfigCredentials({ DOCKER_CONFIG: config.dir }, '/nonexistent').authFor(registry)
    expect(auth).toEqual({ username: host.registry.user, password: host.registry.password, serveraddress: registry })

    const after = await call(core.core, 'registries.logout', { registry })
    expect(after.username).toBeNull()
    const auths2 = readConfig().auths as Record<string, unknown>
    expect(Object.keys(auths2)).toEqual(['other.example:5000'])
    expect(readConfig()['x-custom']).toEqual([1, 2])
  })

  it('sees a login done with `docker login --password-stdin`, lists that registry, and the CLI sees the logout', async () => {
    config = tempDockerConfig()
    const core = await coreWith()
    const login = docker(host, { DOCKER_CONFIG: config.dir }, ['login', '-u', host.registry.user, '--password-stdin', registry], host.registry.password)
    expect(login.status, login.output).toBe(0)
    const status = await call(core.core, 'registries.status', { registry })
    expect(status.username).toBe(host.registry.user)
    const listed = await call(core.core, 'registries.list', {})
    expect(listed.find((entry) => entry.id === registry)).toMatchObject({ source: 'docker-config', url: `http://${registry}`, login: { username: host.registry.user } })
    expect(listed[0]).toMatchObject({ id: 'docker.io', kind: 'hub', login: { username: null } })

    await call(core.core, 'registries.logout', { registry })
    const pulled = docker(host, { DOCKER_CONFIG: config.dir }, ['pull', image])
    expect(pulled.status, pulled.output).not.toBe(0)
  })
})

describe('credential helpers', () => {
  it('credsStore: Berth stores through the helper, docker pull uses it, a CLI logout is seen, Berth logout erases', async () => {
    config = tempDockerConfig()
    const helper = writeCredentialHelper(config.dir)
    const PATH = `${helper.binDir}:${process.env.PATH}`
    writeFileSync(config.configPath, JSON.stringify({ credsStore: 'berthtest' }))
    const core = await coreWith({ PATH })

    const wrong = await refusal(call(core.core, 'registries.login', { registry, username: host.registry.user, password: 'nope' }))
    expect(wrong.code).toBe('UNAUTHORIZED')
    expect(existsSync(helperFileFor(helper.storeDir, registry))).toBe(false)

    const status = await call(core.core, 'registries.login', { registry, username: host.registry.user, password: host.registry.password })
    expect(status).toMatchObject({ username: host.registry.user, storedIn: { kind: 'helper', helper: 'berthtest' } })
    const stored = JSON.parse(readFileSync(helperFileFor(helper.storeDir, registry), 'utf8')) as Record<string, string>
    expect(stored).toEqual({ ServerURL: registry, Username: host.registry.user, Secret: host.registry.password })
    // Like the CLI: the registry is recorded in auths, without any secret.
    expect(readConfig().auths).toEqual({ [registry]: {} })
    expect(readFileSync(config.configPath, 'utf8')).not.toContain(Buffer.from(`${host.registry.user}:`).toString('base64').slice(0, 6))

    const pulled = docker(host, { DOCKER_CONFIG: config.dir, PATH }, ['pull', image])
    expect(pulled.status, pulled.output).toBe(0)

    const cliLogout = docker(host, { DOCKER_CONFIG: config.dir, PATH }, ['logout', registry])
    expect(cliLogout.status, cliLogout.output).toBe(0)
    expect((await call(core.core, 'registries.status', { registry })).username).toBeNull()

    const cliLogin = docker(host, { DOCKER_CONFIG: config.dir, PATH }, ['login', '-u', host.registry.user, '--password-stdin', registry], host.registry.password)
    expect(cliLogin.status, cliLogin.output).toBe(0)
    expect((await call(core.core, 'registries.status', { registry })).username).toBe(host.registry.user)

    await call(core.core, 'registries.logout', { registry })
    expect(existsSync(helperFileFor(helper.storeDir, registry))).toBe(false)
    expect(readConfig().auths).toEqual({})
    expect(readConfig().credsStore).toBe('berthtest')
  })

  it('credHelpers: only the named registry goes through its helper', async () => {
    config = tempDockerConfig()
    const helper = writeCredentialHelper(config.dir)
    const PATH = `${helper.binDir}:${process.env.PATH}`
    writeFileSync(config.configPath, JSON.stringify({ credHelpers: { [registry]: 'berthtest' } }))
    const core = await coreWith({ PATH })
    const status = await call(core.core, 'registries.login', { registry, username: host.registry.user, password: host.registry.password })
    expect(status.storedIn).toEqual({ kind: 'helper', helper: 'berthtest', path: config.configPath })
    expect(existsSync(helperFileFor(helper.storeDir, registry))).toBe(true)
    expect((await call(core.core, 'registries.status', { registry: 'docker.io' })).storedIn.kind).toBe('file')
    const pulled = docker(host, { DOCKER_CONFIG: config.dir, PATH }, ['pull', image])
    expect(pulled.status, pulled.output).toBe(0)
    await call(core.core, 'registries.logout', { registry })
    expect(existsSync(helperFileFor(helper.storeDir, registry))).toBe(false)
  })

  it('a helper that is not installed is named in the login state, not a crash', async () => {
    config = tempDockerConfig()
    writeFileSync(config.configPath, JSON.stringify({ credsStore: 'berth-missing-helper' }))
    const core = await coreWith()
    const status = await call(core.core, 'registries.status', { registry })
    expect(status.username).toBeNull()
    expect(status.problem).toContain('docker-credential-berth-missing-helper is not installed')
    const listed = await call(core.core, 'registries.list', {})
    expect(listed[0].login.problem).toContain('not installed')
  })
})
