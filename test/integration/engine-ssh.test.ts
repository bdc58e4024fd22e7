/**
 * The SSH transport through the test host's real sshd: containers listed over
 * ssh://root@127.0.0.1:2222 (streamlocal to the test engine's socket), and host keys checked
 * against known_hosts: unknown and changed keys are refused with words and the fingerprint.
 */
import { execFileSync } from 'node:child_process'
import { createHmac, randomBytes } from 'node:crypto'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createCore, type Core } from '../../electron/core/app'
import { loadTestHost, type TestHost } from '../support/testHost'
import { call, createLabelledContainer, createTestCore, removeLabelledContainers, type TestCore } from './handlers-kit'

let host: TestHost
let local: TestCore
let dir: string
const cores: Core[] = []

beforeAll(async () => {
  host = loadTestHost()
  local = await createTestCore()
  dir = mkdtempSync(join(tmpdir(), 'berth-ssh-'))
})

afterAll(async () => {
  await Promise.all(cores.map((c) => c.close()))
  await removeLabelledContainers(local)
  await local.dispose()
  rmSync(dir, { recursive: true, force: true })
})

function sshDockerHost(): string {
  return `ssh://${host.ssh.user}@${host.ssh.host}:${host.ssh.port}${host.dockerSocket}`
}

async function sshCore(knownHostsPath: string): Promise<Core> {
  const configDir = mkdtempSync(join(dir, 'config-'))
  writeFileSync(join(configDir, 'settings.json'), JSON.stringify({ activeEngineId: 'env' }))
  const core = await createCore({
    env: { DOCKER_HOST: sshDockerHost(), BERTH_SSH_IDENTITY: host.ssh.privateKeyPath, BERTH_SSH_KNOWN_HOSTS: knownHostsPath },
    configDir,
    homeDir: dir
  })
  cores.push(core)
  return core
}

/** The server's real fingerprint, as OpenSSH computes it (independent of our code). */
function serverFingerprint(): string {
  const knownLine = readFileSync(host.ssh.knownHostsPath, 'utf8').trim().split('\n')[0]
  const publicKey = join(dir, 'server.pub')
  writeFileSync(publicKey, knownLine.split(/\s+/).slice(1).join(' ') + '\n')
  const out = execFileSync('ssh-keygen', ['-l', '-E', 'sha256', '-f', publicKey], { encoding: 'utf8' })
  return out.split(/\s+/)[1]
}

describe('SSH engine', () => {
  it('lists containers over ssh:// with the test key and known_hosts', async () => {
    const id = await createLabelledContainer(local)
    const core = await sshCore(host.ssh.knownHostsPath)
    const list = await call(core, 'containers.list', {})
    expect(list.map((c) => c.id)).toContain(id)
    const engine = (await call(core, 'engines.list', {})).find((e) => e.id === 'env')
    expect(engine).toMatchObject({ kind: 'ssh', state: 'connected', endpoint: sshDockerHost() })
    expect(engine?.version).toMatch(/^\d+\.\d+/)
    // Many parallel requests share the one SSH connection.
    const parallel = await Promise.all(Array.from({ length: 10 }, () => call(core, 'containers.list', {})))
    for (const answer of parallel) expect(answer.map((c) => c.id)).toContain(id)
  })

  it('accepts a hashed (|1|salt|hash) known_hosts entry', async () => {
    const [pattern, type, key] = readFileSync(host.ssh.knownHostsPath, 'utf8').trim().split('\n')[0].split(/\s+/)
    const salt = randomBytes(20)
    const hash = createHmac('sha1', salt).update(pattern).digest('base64')
    const hashed = join(dir, 'known_hosts_hashed')
    writeFileSync(hashed, `|1|${salt.toString('base64')}|${hash} ${type} ${key}\n`)
    const core = await sshCore(hashed)
    const info = await call(core, 'engines.info', {})
    expect(info.engineId).toBe('env')
    expect(info.version).toMatch(/^\d+\.\d+/)
  })

  it('refuses an unknown host key with its SHA256 fingerprint and what to do', async () => {
    const empty = join(dir, 'known_hosts_empty')
    writeFileSync(empty, '# nothing known yet\n')
    const core = await sshCore(empty)
    const failure = call(core, 'containers.list', {})
    await expect(failure).rejects.toMatchObject({ code: 'ENGINE_UNAVAILABLE' })
    await expect(failure).rejects.toThrow(/unknown host key/)
    await expect(failure).rejects.toThrow(serverFingerprint())
    await expect(failure).rejects.toThrow(/add it to known_hosts/)
  })

  it('refuses a CHANGED host key as a possible attack', async () => {
    // Same key type, different key: the client's own public key stands in for "the old key".
    const otherKey = readFileSync(`${host.ssh.privateKeyPath}.pub`, 'utf8').trim().split(/\s+/)
    const changed = join(dir, 'known_hosts_changed')
    writeFileSync(changed, `[${host.ssh.host}]:${host.ssh.port} ${otherKey[0]} ${otherKey[1]}\n`)
    const core = await sshCore(changed)
    const failure = call(core, 'containers.list', {})
    await expect(failure).rejects.toMatchObject({ code: 'ENGINE_UNAVAILABLE' })
    await expect(failure).rejects.toThrow(/host key CHANGED/)
    await expect(failure).rejects.toThrow(/possible attack/)
    await expect(failure).rejects.toThrow(serverFingerprint())
  })
})
