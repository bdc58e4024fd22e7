/**
 * The test host itself works: the private test engine, the registry with auth, sshd with a
 * verified host key and streamlocal forwarding to the engine socket, and throwaway engines that
 * can be killed and restarted. If this file fails, every other integration test is suspect.
 */
import { readFileSync } from 'node:fs'
import { Client, type ClientChannel } from 'ssh2'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { removeLabelledObjects } from '../support/cleanup'
import { engineJson, engineRequest, pingEngine } from '../support/engineHttp'
import { ensureTestImage, startPrivateEngine, type PrivateEngine } from '../support/privateEngine'
import { loadTestHost, TEST_LABELS } from '../support/testHost'

const host = loadTestHost()

describe('test engine', () => {
  it('answers /_ping on its own socket', async () => {
    expect(host.dockerSocket).not.toBe('/var/run/docker.sock')
    expect(await pingEngine(host.dockerSocket)).toBe(true)
  })

  it('has the labelled busybox test image', async () => {
    const image = await engineJson<{ Config: { Labels: Record<string, string> | null; Cmd: string[] } }>(
      host.dockerSocket,
      `/images/${encodeURIComponent(host.testImage)}/json`
    )
    expect(image.Config.Labels).toMatchObject(TEST_LABELS)
    expect(image.Config.Cmd).toEqual(['/bin/sh'])
  })
})

describe('registry', () => {
  it('refuses anonymous requests', async () => {
    const response = await fetch(`${host.registry.url}/v2/`)
    expect(response.status).toBe(401)
    expect(response.headers.get('www-authenticate')).toMatch(/^Basic/)
  })

  it('accepts the test user', async () => {
    const credentials = Buffer.from(`${host.registry.user}:${host.registry.password}`).toString('base64')
    const response = await fetch(`${host.registry.url}/v2/`, { headers: { authorization: `Basic ${credentials}` } })
    expect(response.status).toBe(200)
  })

  it('rejects a wrong password', async () => {
    const credentials = Buffer.from(`${host.registry.user}:not-${host.registry.password}`).toString('base64')
    const response = await fetch(`${host.registry.url}/v2/`, { headers: { authorization: `Basic ${credentials}` } })
    expect(response.status).toBe(401)
  })
})

/** The raw host key (wire format) that known_hosts lists for [host]:port. */
function knownHostKey(knownHostsPath: string, hostName: string, port: number): Buffer {
  const pattern = port === 22 ? hostName : `[${hostName}]:${port}`
  for (const line of readFileSync(knownHostsPath, 'utf8').split('\n')) {
    const [hosts, , key] = line.trim().split(/\s+/)
    if (hosts?.split(',').includes(pattern) && key) return Buffer.from(key, 'base64')
  }
  throw new Error(`${knownHostsPath} has no key for ${pattern}`)
}

function connectSsh(hostKeyCheck: (key: Buffer) => boolean): Promise<Client> {
  return new Promise((resolve, reject) => {
    const client = new Client()
    client
      .on('ready', () => resolve(client))
      .on('error', reject)
      .connect({
        host: host.ssh.host,
        port: host.ssh.port,
        username: host.ssh.user,
        privateKey: readFileSync(host.ssh.privateKeyPath),
        hostVerifier: hostKeyCheck,
        readyTimeout: 10_000
      })
  })
}

function httpOverChannel(channel: ClientChannel, path: string): Promise<string> {
  return new Promise((resolve, reject) => {
    let response = ''
    channel.on('data', (chunk: Buffer) => (response += chunk.toString('utf8')))
    channel.on('close', () => resolve(response))
    channel.on('error', reject)
    // HTTP/1.0: the engine closes the connection after answering, which ends the channel.
    channel.end(`GET ${path} HTTP/1.0\r\nHost: docker\r\n\r\n`)
  })
}

describe('sshd', () => {
  let client: Client | undefined
  const expectedKey = knownHostKey(host.ssh.knownHostsPath, host.ssh.host, host.ssh.port)

  afterAll(() => client?.end())

  it('logs in with the client key and a host key matching known_hosts', async () => {
    const offered: Buffer[] = []
    client = await connectSsh((key) => {
      offered.push(key)
      return key.equals(expectedKey)
    })
    expect(offered).toHaveLength(1)
  })

  it('refuses to continue when the host key does not match', async () => {
    await expect(connectSsh(() => false)).rejects.toThrow(/verification failed/i)
  })

  it('forwards to the test engine socket (direct-streamlocal)', async () => {
    if (!client) throw new Error('the login test did not connect')
    const ssh = client
    const channel = await new Promise<ClientChannel>((resolve, reject) =>
      ssh.openssh_forwardOutStreamLocal(host.dockerSocket, (err, stream) => (err ? reject(err) : resolve(stream)))
    )
    const response = await httpOverChannel(channel, '/_ping')
    expect(response).toMatch(/^HTTP\/1\.[01] 200 OK/)
    expect(response.endsWith('\r\n\r\nOK')).toBe(true)
  })
})

describe('private engine', () => {
  let engine: PrivateEngine

  beforeAll(async () => {
    engine = await startPrivateEngine('host-check')
  })

  afterAll(async () => {
    await engine?.stop()
  })

  it('starts with its own socket and can import the test image', async () => {
    expect(engine.socketPath).not.toBe(host.dockerSocket)
    expect(await pingEngine(engine.socketPath)).toBe(true)
    await ensureTestImage(engine.socketPath)
    const image = await engineRequest(engine.socketPath, `/images/${encodeURIComponent(host.testImage)}/json`)
    expect(image.status).toBe(200)
  })

  it('refuses connections after kill and answers again after start, with its images kept', async () => {
    const running = await engineJson<{ Id: string }>(engine.socketPath, '/containers/create', {
      method: 'POST',
      // Exits on SIGTERM at once, so the restarted engine does not wait out a stop timeout.
      body: { Image: host.testImage, Cmd: ['sh', '-c', 'trap "exit 0" TERM; while :; do sleep 1; done'], Labels: TEST_LABELS }
    })
    await engineJson(engine.socketPath, `/containers/${running.Id}/start`, { method: 'POST' })
    await engine.kill()
    await expect(engineRequest(engine.socketPath, '/_ping', { timeoutMs: 2_000 })).rejects.toMatchObject({
      code: 'ECONNREFUSED'
    })
    await engine.start()
    expect(await pingEngine(engine.socketPath)).toBe(true)
    const image = await engineRequest(engine.socketPath, `/images/${encodeURIComponent(host.testImage)}/json`)
    expect(image.status).toBe(200)
    // Same data root: the container is still known (no live-restore, so the engine stopped it).
    const survivor = await engineJson<{ State: { Running: boolean } }>(engine.socketPath, `/containers/${running.Id}/json`)
    expect(survivor.State.Running).toBe(false)
    await engineJson(engine.socketPath, `/containers/${running.Id}?force=1`, { method: 'DELETE' })
  })

  it('cleanup removes labelled objects only', async () => {
    const socket = engine.socketPath
    const labelled = await engineJson<{ Id: string }>(socket, '/containers/create', {
      method: 'POST',
      body: { Image: host.testImage, Cmd: ['sleep', '300'], Labels: TEST_LABELS }
    })
    await engineJson(socket, `/containers/${labelled.Id}/start`, { method: 'POST' })
    await engineJson(socket, '/volumes/create', { method: 'POST', body: { Name: 'berth-labelled', Labels: TEST_LABELS } })
    await engineJson(socket, '/volumes/create', { method: 'POST', body: { Name: 'berth-unlabelled' } })
    await engineJson(socket, `/images/${encodeURIComponent(host.testImage)}/tag?repo=berth-test/extra&tag=1`, {
      method: 'POST'
    })

    const report = await removeLabelledObjects(socket)

    expect(report).toMatchObject({ containers: 1, volumes: 1, images: 1 })
    expect((await engineRequest(socket, `/containers/${labelled.Id}/json`)).status).toBe(404)
    expect((await engineRequest(socket, '/volumes/berth-labelled')).status).toBe(404)
    expect((await engineRequest(socket, '/volumes/berth-unlabelled')).status).toBe(200)
    expect((await engineRequest(socket, '/images/berth-test/extra:1/json')).status).toBe(404)
    expect((await engineRequest(socket, `/images/${encodeURIComponent(host.testImage)}/json`)).status).toBe(200)
    await engineJson(socket, '/volumes/berth-unlabelled', { method: 'DELETE' })
  })
})
