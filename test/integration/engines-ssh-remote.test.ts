/**
 * "Add remote engine" against the test host's real sshd (127.0.0.1:2222), with a temp HOME so
 * the real ~/.ssh is never read or written: an unknown host key is asked about, accepting it
 * writes known_hosts the OpenSSH way and connects; a changed or revoked key is refused (naming
 * the file and line) even when an "accept" is sent; the remote is kept in settings without
 * secrets, survives a restart, is renamed and removed; discovered engines can't be removed.
 */
import { execFileSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { RemoteDraft } from '../../shared/engines-models'
import { createCore, type Core } from '../../electron/core/app'
import { loadTestHost, type TestHost } from '../support/testHost'
import { fingerprintOf } from '../support/sshd'
import { call } from './handlers-kit'

let host: TestHost
let root: string
const cores: Core[] = []

beforeAll(() => {
  host = loadTestHost()
  root = mkdtempSync(join(tmpdir(), 'berth-remote-'))
})

afterAll(async () => {
  await Promise.all(cores.map((c) => c.close()))
  rmSync(root, { recursive: true, force: true })
})

interface Setup {
  core: Core
  home: string
  configDir: string
  knownHosts: string
}

async function newCore(name: string, sshConfig?: string, reuse?: { home: string; configDir: string }): Promise<Setup> {
  const home = reuse?.home ?? join(root, name, 'home')
  const configDir = reuse?.configDir ?? join(root, name, 'config')
  mkdirSync(join(home, '.ssh'), { recursive: true, mode: 0o700 })
  if (sshConfig !== undefined) writeFileSync(join(home, '.ssh', 'config'), sshConfig)
  // No SSH_AUTH_SOCK: this machine's agent (if any) must not take part.
  const core = await createCore({ env: { PATH: process.env.PATH, DOCKER_HOST: host.dockerHost, USER: 'root' }, configDir, homeDir: home })
  cores.push(core)
  return { core, home, configDir, knownHosts: join(home, '.ssh', 'known_hosts') }
}

function draft(extra: Partial<RemoteDraft> = {}): RemoteDraft {
  return {
    host: host.ssh.host,
    port: host.ssh.port,
    user: host.ssh.user,
    auth: { method: 'key', keyFile: host.ssh.privateKeyPath },
    remoteSocket: host.dockerSocket,
    ...extra
  }
}

/** The server's key as the shared known_hosts has it: "ssh-ed25519 AAAA…". */
function serverKeyLine(): string {
  return readFileSync(host.ssh.knownHostsPath, 'utf8').trim().split('\n')[0].split(/\s+/).slice(1, 3).join(' ')
}

describe('adding a remote engine over SSH', () => {
  it('asks about an unknown host key, writes it on accept, connects, and keeps the remote without secrets', async () => {
    const s = await newCore('accept')
    const expected = fingerprintOf(serverKeyLine(), root)

    const first = await call(s.core, 'engines.testRemote', { remote: draft(), decisions: {} })
    expect(first).toEqual({
      status: 'needs-host-key',
      hostKey: expect.objectContaining({ host: host.ssh.host, port: host.ssh.port, keyType: 'ssh-ed25519', fingerprint: expected, knownHostsFile: s.knownHosts })
    })
    // Asking wrote nothing.
    expect(() => readFileSync(s.knownHosts, 'utf8')).toThrow()

    const accept = { host: host.ssh.host, port: host.ssh.port, fingerprint: expected }
    const added = await call(s.core, 'engines.addRemote', { remote: draft({ name: 'engines-ssh-box' }), decisions: { acceptHostKey: accept }, use: false })
    expect(added.status).toBe('connected')
    if (added.status !== 'connected') return
    const raw = execFileSync('docker', ['-H', host.dockerHost, 'info', '--format', '{{.ServerVersion}} {{.Driver}} {{.CgroupVersion}}'], { encoding: 'utf8' }).trim().split(' ')
    expect(added.probe).toMatchObject({ socket: host.dockerSocket, rootlessSocketDetected: false, user: 'root', hostName: host.ssh.host, port: host.ssh.port })
    expect([added.probe.facts.version, added.probe.facts.storageDriver, added.probe.facts.cgroupVersion]).toEqual(raw)

    // known_hosts got exactly the line ssh would write: [host]:port for a port other than 22.
    const lines = readFileSync(s.knownHosts, 'utf8').trim().split('\n')
    expect(lines).toEqual([`[${host.ssh.host}]:${host.ssh.port} ${serverKeyLine()}`])
    execFileSync('ssh-keygen', ['-F', `[${host.ssh.host}]:${host.ssh.port}`, '-f', s.knownHosts])

    const id = added.engineId as string
    await expect.poll(() => s.core.engines.get(id).state, { timeout: 15_000 }).toBe('connected')
    const engine = s.core.engines.get(id)
    expect(engine).toMatchObject({ name: 'engines-ssh-box', kind: 'ssh', source: 'settings', active: false, linkHost: host.ssh.host })
    expect(engine.facts?.storageDriver).toBe(raw[1])

    const settings = readFileSync(join(s.configDir, 'settings.json'), 'utf8')
    expect(JSON.parse(settings).remotes).toEqual([
      { id, name: 'engines-ssh-box', host: host.ssh.host, port: host.ssh.port, user: 'root', identityFile: host.ssh.privateKeyPath, remoteSocket: host.dockerSocket }
    ])
    expect(settings).not.toContain('PRIVATE KEY')

    // Switch to it and use it: lists over SSH.
    await call(s.core, 'engines.use', { id })
    const list = await call(s.core, 'containers.list', {})
    expect(Array.isArray(list)).toBe(true)

    // A restart lists the remote again, active, and connects without asking (known_hosts has it).
    await s.core.close()
    const again = await newCore('accept', undefined, { home: s.home, configDir: s.configDir })
    expect(again.core.engines.activeSummary()).toMatchObject({ id, name: 'engines-ssh-box' })
    await expect.poll(() => again.core.engines.get(id).state, { timeout: 15_000 }).toBe('connected')

    // Rename and remove (switching away first: the engine in use can't be removed).
    expect(await call(again.core, 'engines.rename', { id, name: 'engines-ssh-renamed' })).toMatchObject({ id, name: 'engines-ssh-renamed' })
    await expect(call(again.core, 'engines.remove', { id })).rejects.toMatchObject({ code: 'CONFLICT' })
    await call(again.core, 'engines.use', { id: 'env' })
    await call(again.core, 'engines.remove', { id })
    expect((await call(again.core, 'engines.list', {})).map((e) => e.id)).not.toContain(id)
    await again.core.engines.settings.flush()
    expect(JSON.parse(readFileSync(join(s.configDir, 'settings.json'), 'utf8')).remotes).toEqual([])
  }, 60_000)

  it('hashes the accepted line when HashKnownHosts is set, and the hashed line is trusted next time', async () => {
    const s = await newCore('hashed', 'Host *\n  HashKnownHosts yes\n')
    const first = await call(s.core, 'engines.testRemote', { remote: draft(), decisions: {} })
    if (first.status !== 'needs-host-key') throw new Error(`expected a host key question, got ${first.status}`)
    const accepted = await call(s.core, 'engines.testRemote', {
      remote: draft(),
      decisions: { acceptHostKey: { host: first.hostKey.host, port: first.hostKey.port, fingerprint: first.hostKey.fingerprint } }
    })
    expect(accepted.status).toBe('connected')
    const line = readFileSync(s.knownHosts, 'utf8').trim()
    expect(line).toMatch(/^\|1\|[A-Za-z0-9+/=]+\|[A-Za-z0-9+/=]+ ssh-ed25519 /)
    // OpenSSH itself finds the hashed entry.
    expect(execFileSync('ssh-keygen', ['-F', `[${host.ssh.host}]:${host.ssh.port}`, '-f', s.knownHosts], { encoding: 'utf8' })).toContain('ssh-ed25519')
    expect((await call(s.core, 'engines.testRemote', { remote: draft(), decisions: {} })).status).toBe('connected')
  }, 30_000)

  it('refuses a CHANGED host key with the file and line, even when an accept is sent', async () => {
    const s = await newCore('changed')
    const wrongKey = readFileSync(`${host.ssh.privateKeyPath}.pub`, 'utf8').trim().split(/\s+/).slice(0, 2).join(' ')
    writeFileSync(s.knownHosts, `# hand-written\nother.example ${wrongKey}\n[${host.ssh.host}]:${host.ssh.port} ${wrongKey}\n`)
    const expected = fingerprintOf(serverKeyLine(), root)
    for (const decisions of [{}, { acceptHostKey: { host: host.ssh.host, port: host.ssh.port, fingerprint: expected } }]) {
      const outcome = await call(s.core, 'engines.testRemote', { remote: draft(), decisions })
      expect(outcome).toEqual({
        status: 'host-key-refused',
        refusal: { reason: 'changed', host: host.ssh.host, port: host.ssh.port, keyType: 'ssh-ed25519', fingerprint: expected, file: s.knownHosts, line: 3 }
      })
    }
    // Nothing was appended.
    expect(readFileSync(s.knownHosts, 'utf8').trim().split('\n')).toHaveLength(3)
  }, 30_000)

  it('refuses a key that known_hosts revokes', async () => {
    const s = await newCore('revoked')
    writeFileSync(s.knownHosts, `[${host.ssh.host}]:${host.ssh.port} ${serverKeyLine()}\n@revoked * ${serverKeyLine()}\n`)
    const outcome = await call(s.core, 'engines.testRemote', { remote: draft(), decisions: {} })
    expect(outcome).toMatchObject({ status: 'host-key-refused', refusal: { reason: 'revoked', file: s.knownHosts, line: 2 } })
  }, 30_000)

  it('says which field is wrong: a missing key file, a socket that is not there, a closed port', async () => {
    const s = await newCore('fields')
    writeFileSync(s.knownHosts, `[${host.ssh.host}]:${host.ssh.port} ${serverKeyLine()}\n`)
    await expect(call(s.core, 'engines.testRemote', { remote: draft({ auth: { method: 'key', keyFile: join(s.home, '.ssh', 'nope') } }), decisions: {} })).rejects.toMatchObject({
      code: 'INVALID_INPUT',
      detail: { field: 'keyFile' }
    })
    await expect(call(s.core, 'engines.testRemote', { remote: draft({ remoteSocket: '/run/engines-ssh-nothing.sock' }), decisions: {} })).rejects.toMatchObject({
      code: 'ENGINE_UNAVAILABLE',
      detail: { field: 'remoteSocket' }
    })
    await expect(call(s.core, 'engines.testRemote', { remote: draft({ port: 1 }), decisions: {} })).rejects.toMatchObject({ detail: { field: 'port' } })
    // The boundary refuses bad input with the form's words before anything connects.
    await expect(call(s.core, 'engines.testRemote', { remote: draft({ host: 'root@box' }), decisions: {} })).rejects.toThrow(/User field/)
  }, 30_000)

  it('will not remove or rename an engine it found by itself, and says why', async () => {
    const s = await newCore('discovered')
    await expect(call(s.core, 'engines.remove', { id: 'env' })).rejects.toMatchObject({ code: 'UNSUPPORTED', message: expect.stringMatching(/DOCKER_HOST/) })
    await expect(call(s.core, 'engines.rename', { id: 'env', name: 'x' })).rejects.toMatchObject({ code: 'UNSUPPORTED' })
  })
})
