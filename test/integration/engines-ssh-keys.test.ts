/**
 * SSH keys and ~/.ssh/config against our OWN throwaway sshd instances (own host keys and
 * authorized_keys; the shared test sshd is left alone): an encrypted key that a real ssh-agent
 * holds works without its passphrase; without an agent the passphrase is asked for (wrong →
 * asked again), kept in memory only (not in settings, not in the log) and reused on reconnect;
 * an alias with ProxyJump through a second sshd asks about both host keys, then connects; a
 * missing default socket is found as a rootless one under /run/user/UID.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ConnectOutcome } from '../../shared/engines-models'
import { createCore, type Core } from '../../electron/core/app'
import { loadTestHost, loadTestPodman, type TestHost } from '../support/testHost'
import { generateKey, startAgent, startSshd, type KeyPair, type TestAgent, type TestSshd } from '../support/sshd'
import { call } from './handlers-kit'

const PASSPHRASE = 'engines-ssh correct horse'

let host: TestHost
let root: string
let encrypted: KeyPair
let plain: KeyPair
let target: TestSshd
let jump: TestSshd
let agent: TestAgent
const cores: Core[] = []
const logs: string[] = []

beforeAll(async () => {
  host = loadTestHost()
  root = mkdtempSync(join(tmpdir(), 'berth-keys-'))
  encrypted = generateKey(root, 'id_encrypted', PASSPHRASE)
  plain = generateKey(root, 'id_plain')
  target = await startSshd('target', { authorizedKeys: [encrypted.publicLine, plain.publicLine] })
  jump = await startSshd('jump', { authorizedKeys: [plain.publicLine] })
  agent = startAgent()
}, 30_000)

afterAll(async () => {
  await Promise.all(cores.map((c) => c.close()))
  agent?.stop()
  await target?.stop()
  await jump?.stop()
  rmSync(root, { recursive: true, force: true })
})

async function newCore(name: string, env: NodeJS.ProcessEnv = {}, knownHosts: string[] = []): Promise<{ core: Core; home: string; configDir: string }> {
  const home = join(root, name, 'home')
  const configDir = join(root, name, 'config')
  mkdirSync(join(home, '.ssh'), { recursive: true, mode: 0o700 })
  writeFileSync(join(home, '.ssh', 'known_hosts'), knownHosts.join('\n') + (knownHosts.length ? '\n' : ''))
  const core = await createCore({ env: { PATH: process.env.PATH, DOCKER_HOST: host.dockerHost, USER: 'root', ...env }, configDir, homeDir: home, log: (m) => logs.push(m) })
  cores.push(core)
  return { core, home, configDir }
}

const known = (sshd: TestSshd): string => `[127.0.0.1]:${sshd.port} ${sshd.hostKeyLine}`

function connected(outcome: ConnectOutcome): Extract<ConnectOutcome, { status: 'connected' }> {
  if (outcome.status !== 'connected') throw new Error(`expected connected, got ${JSON.stringify(outcome)}`)
  return outcome
}

describe('SSH keys', () => {
  it('uses the agent for an encrypted key it holds: no passphrase asked', async () => {
    agent.add(encrypted.privatePath, PASSPHRASE)
    const { core } = await newCore('agent', { SSH_AUTH_SOCK: agent.socket }, [known(target)])
    const remote = { host: '127.0.0.1', port: target.port, user: 'root', auth: { method: 'key' as const, keyFile: encrypted.privatePath }, remoteSocket: host.dockerSocket }
    const outcome = connected(await call(core, 'engines.testRemote', { remote, decisions: {} }))
    expect(outcome.probe.facts.version).toMatch(/^\d+\.\d+/)
    // "SSH agent" in the form (no key file): the agent's keys are offered too.
    connected(await call(core, 'engines.testRemote', { remote: { ...remote, auth: { method: 'agent' } }, decisions: {} }))
  }, 30_000)

  it('asks for the passphrase of an encrypted key when no agent holds it, again when wrong, and keeps it in memory only', async () => {
    const { core, configDir } = await newCore('passphrase', {}, [known(target)])
    const remote = { name: 'engines-ssh-pass', host: '127.0.0.1', port: target.port, user: 'root', auth: { method: 'key' as const, keyFile: encrypted.privatePath }, remoteSocket: host.dockerSocket }
    expect(await call(core, 'engines.testRemote', { remote, decisions: {} })).toEqual({ status: 'needs-passphrase', keyFile: encrypted.privatePath, wrong: false })
    expect(await call(core, 'engines.testRemote', { remote, decisions: { passphrase: 'not it' } })).toEqual({ status: 'needs-passphrase', keyFile: encrypted.privatePath, wrong: true })
    const added = connected(await call(core, 'engines.addRemote', { remote, decisions: { passphrase: PASSPHRASE }, use: true }))
    const id = added.engineId as string
    await expect.poll(() => core.engines.get(id).state, { timeout: 15_000 }).toBe('connected')

    // The connection drops; the registry reconnects with the passphrase it kept in memory.
    expect(target.killConnections()).toBeGreaterThan(0)
    await expect.poll(() => core.engines.get(id).state, { timeout: 10_000 }).toBe('unavailable')
    await expect.poll(() => core.engines.get(id).state, { timeout: 15_000 }).toBe('connected')
    expect(core.engines.get(id).attention).toBeUndefined()
    expect((await call(core, 'containers.list', {})).length).toBeGreaterThanOrEqual(0)

    await core.engines.settings.flush()
    const settings = readFileSync(join(configDir, 'settings.json'), 'utf8')
    expect(settings).toContain(encrypted.privatePath)
    expect(settings).not.toContain(PASSPHRASE)
    expect(logs.join('\n')).not.toContain(PASSPHRASE)
    expect(logs.join('\n')).not.toContain('not it')
  }, 60_000)

  it('after a restart, an added remote with an encrypted key asks again (the passphrase was never stored)', async () => {
    const first = await newCore('restart', {}, [known(target)])
    const remote = { name: 'engines-ssh-restart', host: '127.0.0.1', port: target.port, user: 'root', auth: { method: 'key' as const, keyFile: encrypted.privatePath }, remoteSocket: host.dockerSocket }
    const id = connected(await call(first.core, 'engines.addRemote', { remote, decisions: { passphrase: PASSPHRASE }, use: false })).engineId as string
    await first.core.close()
    const again = await createCore({ env: { PATH: process.env.PATH, DOCKER_HOST: host.dockerHost, USER: 'root' }, configDir: first.configDir, homeDir: first.home })
    cores.push(again)
    await expect.poll(() => again.engines.get(id).attention, { timeout: 15_000 }).toEqual({ kind: 'passphrase', keyFile: encrypted.privatePath, wrong: false })
    expect(connected(await call(again, 'engines.connect', { id, decisions: { passphrase: PASSPHRASE } })).engineId).toBe(id)
    expect(again.engines.get(id)).toMatchObject({ state: 'connected' })
    expect(again.engines.get(id).attention).toBeUndefined()
  }, 60_000)
})

describe('~/.ssh/config', () => {
  it('reaches ssh://alias through a ProxyJump host, asking about both host keys first', async () => {
    const config = [
      'Host engines-ssh-target',
      '  HostName 127.0.0.1',
      `  Port ${target.port}`,
      '  User root',
      '  IdentityFile ~/.ssh/id_plain',
      '  IdentitiesOnly yes',
      '  ProxyJump engines-ssh-jump',
      '',
      'Host engines-ssh-jump',
      '  HostName 127.0.0.1',
      `  Port ${jump.port}`,
      '  User root',
      '  IdentityFile %d/.ssh/id_plain',
      ''
    ].join('\n')
    const { core, home } = await newCore('jump', { DOCKER_HOST: `ssh://engines-ssh-target${host.dockerSocket}` })
    writeFileSync(join(home, '.ssh', 'config'), config)
    writeFileSync(join(home, '.ssh', 'id_plain'), readFileSync(plain.privatePath), { mode: 0o600 })

    await expect.poll(() => core.engines.get('env').attention?.kind, { timeout: 15_000 }).toBe('host-key')
    const first = await call(core, 'engines.connect', { id: 'env', decisions: {} })
    expect(first).toMatchObject({ status: 'needs-host-key', hostKey: { host: '127.0.0.1', port: jump.port, fingerprint: jump.hostKeyFingerprint, jumpFor: 'engines-ssh-target' } })
    if (first.status !== 'needs-host-key') return
    const second = await call(core, 'engines.connect', { id: 'env', decisions: { acceptHostKey: { host: '127.0.0.1', port: jump.port, fingerprint: first.hostKey.fingerprint } } })
    expect(second).toMatchObject({ status: 'needs-host-key', hostKey: { port: target.port, fingerprint: target.hostKeyFingerprint } })
    if (second.status !== 'needs-host-key') return
    expect(second.hostKey.jumpFor).toBeUndefined()
    const done = connected(await call(core, 'engines.connect', { id: 'env', decisions: { acceptHostKey: { host: '127.0.0.1', port: target.port, fingerprint: second.hostKey.fingerprint } } }))
    expect(done.probe).toMatchObject({ user: 'root', hostName: '127.0.0.1', port: target.port, via: ['engines-ssh-jump'] })
    expect(core.engines.get('env')).toMatchObject({ state: 'connected', kind: 'ssh', endpoint: `ssh://engines-ssh-target${host.dockerSocket}` })
    expect((await call(core, 'engines.info', {})).engineId).toBe('env')
    const lines = readFileSync(join(home, '.ssh', 'known_hosts'), 'utf8').trim().split('\n')
    expect(lines).toEqual([known(jump), known(target)])
  }, 60_000)

  it('finds a rootless engine at /run/user/UID/docker.sock when the default socket is missing', async () => {
    // Our own sshd in a private mount namespace where /run/user/0/docker.sock leads to the test engine.
    const rootless = await startSshd('rootless', {
      authorizedKeys: [plain.publicLine],
      setup: `mount -t tmpfs tmpfs /run/user && mkdir -p /run/user/0 && ln -s ${host.dockerSocket} /run/user/0/docker.sock`
    })
    try {
      const { core } = await newCore('rootless', {}, [known(rootless)])
      const remote = { host: '127.0.0.1', port: rootless.port, user: 'root', auth: { method: 'key' as const, keyFile: plain.privatePath } }
      const outcome = connected(await call(core, 'engines.testRemote', { remote, decisions: {} }))
      expect(outcome.probe).toMatchObject({ socket: '/run/user/0/docker.sock', rootlessSocketDetected: true })
    } finally {
      await rootless.stop()
    }
  }, 30_000)

  it('finds rootless Podman’s service at /run/user/UID/podman/podman.sock when no Docker socket answers, and names the product', async () => {
    // As above: in our sshd's mount namespace, /run/user/0/podman/podman.sock leads to the test host's Podman.
    const podman = loadTestPodman(host)
    const sshd = await startSshd('podman-socket', {
      authorizedKeys: [plain.publicLine],
      setup: `mount -t tmpfs tmpfs /run/user && mkdir -p /run/user/0/podman && ln -s ${podman.socket} /run/user/0/podman/podman.sock`
    })
    try {
      const { core } = await newCore('podman-socket', {}, [known(sshd)])
      const remote = { host: '127.0.0.1', port: sshd.port, user: 'root', auth: { method: 'key' as const, keyFile: plain.privatePath } }
      const outcome = connected(await call(core, 'engines.testRemote', { remote, decisions: {} }))
      expect(outcome.probe).toMatchObject({ socket: '/run/user/0/podman/podman.sock', rootlessSocketDetected: true, identity: { product: 'podman' } })
    } finally {
      await sshd.stop()
    }
  }, 30_000)
})
