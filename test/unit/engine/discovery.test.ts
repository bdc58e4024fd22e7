/** Discovery against temp HOMEs: DOCKER_HOST, contexts, TLS material, well-known sockets. */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { createServer, type Server } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { contextDirName, discoverEngines } from '../../../electron/core/engine/discovery'
import { describeEndpoint, parseDockerHost } from '../../../electron/core/engine/endpoint'

let home: string
const servers: Server[] = []

beforeEach(() => {
  home = mkdtempSync(join(tmpdir(), 'berth-discovery-'))
})

afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => new Promise((r) => s.close(r))))
  rmSync(home, { recursive: true, force: true })
})

/** A real listening unix socket, like an engine's. */
async function socketAt(path: string): Promise<void> {
  mkdirSync(join(path, '..'), { recursive: true })
  const server = createServer()
  servers.push(server)
  await new Promise<void>((resolve) => server.listen(path, resolve))
}

function writeContext(name: string, host: string, extra: Record<string, unknown> = {}, tls?: string[]): void {
  const dir = join(home, '.docker', 'contexts', 'meta', contextDirName(name))
  mkdirSync(dir, { recursive: true })
  writeFileSync(join(dir, 'meta.json'), JSON.stringify({ Name: name, Metadata: {}, Endpoints: { docker: { Host: host, ...extra } } }))
  if (tls) {
    const tlsDir = join(home, '.docker', 'contexts', 'tls', contextDirName(name), 'docker')
    mkdirSync(tlsDir, { recursive: true })
    for (const file of tls) writeFileSync(join(tlsDir, file), 'pem')
  }
}

const ids = (env: NodeJS.ProcessEnv, platform: NodeJS.Platform = 'linux') =>
  discoverEngines({ env, homeDir: home, platform }).map((c) => c.id)

describe('parseDockerHost', () => {
  it('understands unix, npipe, tcp and ssh (with a remote socket path)', () => {
    expect(parseDockerHost('unix:///var/run/docker.sock')).toEqual({ kind: 'unix', socketPath: '/var/run/docker.sock' })
    expect(parseDockerHost('npipe:////./pipe/docker_engine')).toEqual({ kind: 'npipe', socketPath: '//./pipe/docker_engine' })
    expect(parseDockerHost('tcp://10.0.0.5:2376')).toEqual({ kind: 'tcp', host: '10.0.0.5', port: 2376 })
    expect(parseDockerHost('10.0.0.5:2375')).toEqual({ kind: 'tcp', host: '10.0.0.5', port: 2375 })
    expect(parseDockerHost('ssh://me@box:2222')).toEqual({ kind: 'ssh', user: 'me', host: 'box', port: 2222, remoteSocket: '/var/run/docker.sock' })
    // No port in the URL: ~/.ssh/config (or 22) decides, as for `ssh box`.
    const noPort = parseDockerHost('ssh://box/run/user/1000/docker.sock')
    expect(noPort).toMatchObject({ kind: 'ssh', host: 'box', remoteSocket: '/run/user/1000/docker.sock' })
    expect(noPort.kind === 'ssh' && noPort.port).toBeUndefined()
    expect(describeEndpoint(parseDockerHost('ssh://me@box:2222'))).toBe('ssh://me@box:2222')
  })

  it('refuses nonsense with words', () => {
    expect(() => parseDockerHost('ftp://box')).toThrow(/not supported/)
    expect(() => parseDockerHost('unix://relative.sock')).toThrow(/absolute/)
  })
})

describe('discoverEngines', () => {
  it('always lists the platform default, even when absent', () => {
    expect(ids({})).toEqual(['socket:/var/run/docker.sock'])
    expect(ids({}, 'win32')).toEqual(['socket://./pipe/docker_engine'])
    expect(discoverEngines({ env: {}, homeDir: home, platform: 'win32' })[0].endpoint.kind).toBe('npipe')
  })

  it('puts DOCKER_HOST first as `env`, with TLS files from DOCKER_CERT_PATH when DOCKER_TLS_VERIFY is set', () => {
    const engines = discoverEngines({
      env: { DOCKER_HOST: 'tcp://build:2376', DOCKER_TLS_VERIFY: '1', DOCKER_CERT_PATH: '/certs' },
      homeDir: home,
      platform: 'linux'
    })
    expect(engines[0]).toMatchObject({
      id: 'env',
      source: 'env',
      endpoint: { kind: 'tcp', host: 'build', port: 2376, tls: { verify: true, caPath: '/certs/ca.pem', certPath: '/certs/cert.pem', keyPath: '/certs/key.pem' } }
    })
    const plain = discoverEngines({ env: { DOCKER_HOST: 'tcp://build:2375' }, homeDir: home, platform: 'linux' })
    expect(plain[0].endpoint).toEqual({ kind: 'tcp', host: 'build', port: 2375 })
  })

  it('lists a bad DOCKER_HOST with its problem instead of dropping it', () => {
    const [env] = discoverEngines({ env: { DOCKER_HOST: 'ftp://x' }, homeDir: home, platform: 'linux' })
    expect(env.id).toBe('env')
    expect(env.problem).toMatch(/not supported/)
  })

  it('reads docker contexts, current one first (config.json, then DOCKER_CONTEXT wins), with TLS', () => {
    writeContext('alpha', 'unix:///alpha.sock')
    writeContext('remote', 'tcp://remote:2376', { SkipTLSVerify: false }, ['ca.pem', 'cert.pem', 'key.pem'])
    writeContext('zeta', 'ssh://me@zeta')
    mkdirSync(join(home, '.docker'), { recursive: true })
    writeFileSync(join(home, '.docker', 'config.json'), JSON.stringify({ currentContext: 'zeta' }))
    expect(ids({}).slice(0, 3)).toEqual(['context:zeta', 'context:alpha', 'context:remote'])
    expect(ids({ DOCKER_CONTEXT: 'remote' })[0]).toBe('context:remote')

    const remote = discoverEngines({ env: {}, homeDir: home, platform: 'linux' }).find((c) => c.id === 'context:remote')
    const tlsDir = join(home, '.docker', 'contexts', 'tls', contextDirName('remote'), 'docker')
    expect(remote?.endpoint).toEqual({
      kind: 'tcp',
      host: 'remote',
      port: 2376,
      tls: { verify: true, caPath: join(tlsDir, 'ca.pem'), certPath: join(tlsDir, 'cert.pem'), keyPath: join(tlsDir, 'key.pem') }
    })
    expect(remote?.name).toBe('context: remote')
    // An ssh:// context names a host (or a ~/.ssh/config alias); no port means "ask ~/.ssh/config".
    const zeta = discoverEngines({ env: {}, homeDir: home, platform: 'linux' }).find((c) => c.id === 'context:zeta')
    expect(zeta?.endpoint).toEqual({ kind: 'ssh', user: 'me', host: 'zeta', port: undefined, remoteSocket: '/var/run/docker.sock' })
  })

  it('lists well-known sockets that exist and skips those that do not', async () => {
    const runtime = join(home, 'run-user')
    await socketAt(join(home, '.colima', 'default', 'docker.sock'))
    await socketAt(join(runtime, 'podman', 'podman.sock'))
    await socketAt(join(home, '.orbstack', 'run', 'docker.sock'))
    const engines = discoverEngines({ env: { XDG_RUNTIME_DIR: runtime }, homeDir: home, platform: 'linux' })
    expect(engines.map((e) => e.name)).toEqual(['Docker (default socket)', 'Podman', 'Colima', 'OrbStack'])
    expect(engines.map((e) => e.id)).not.toContain(`socket:${join(runtime, 'docker.sock')}`)
    expect(engines.every((e) => e.source === 'well-known')).toBe(true)
  })

  it('deduplicates one socket reached by DOCKER_HOST and as a well-known path', async () => {
    const colima = join(home, '.colima', 'default', 'docker.sock')
    await socketAt(colima)
    const found = ids({ DOCKER_HOST: `unix://${colima}` })
    expect(found).toEqual(['env', 'socket:/var/run/docker.sock'])
  })

  it('gives stable ids across runs', () => {
    writeContext('alpha', 'unix:///alpha.sock')
    expect(ids({ DOCKER_HOST: 'unix:///x.sock' })).toEqual(ids({ DOCKER_HOST: 'unix:///x.sock' }))
  })
})
