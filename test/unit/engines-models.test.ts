/** The remote form's field checks: the same words in the form and at the RPC boundary. */
import { describe, expect, it } from 'vitest'
import { draftFromForm, RemoteDraft, remoteFormProblems, type RemoteForm } from '../../shared/engines-models'
import { isRootless, toEngineFacts } from '../../electron/core/engine/engine-facts'

const form = (patch: Partial<RemoteForm> = {}): RemoteForm => ({ name: '', host: 'box.example', port: '', user: '', auth: 'agent', keyFile: '', remoteSocket: '', ...patch })

describe('remote form', () => {
  it('accepts a host alone, and builds the smallest draft', () => {
    expect(remoteFormProblems(form())).toEqual({})
    expect(draftFromForm(form())).toEqual({ host: 'box.example', auth: { method: 'agent' } })
    expect(draftFromForm(form({ host: '[::1]', port: '2222', user: 'me', auth: 'key', keyFile: '~/.ssh/id_ed25519', remoteSocket: '/run/user/1000/docker.sock', name: 'lab' }))).toEqual({
      name: 'lab',
      host: '::1',
      port: 2222,
      user: 'me',
      auth: { method: 'key', keyFile: '~/.ssh/id_ed25519' },
      remoteSocket: '/run/user/1000/docker.sock'
    })
  })

  it('names the field and what to do', () => {
    expect(remoteFormProblems(form({ host: '' })).host).toMatch(/Enter the host/)
    expect(remoteFormProblems(form({ host: 'me@box' })).host).toMatch(/User field/)
    expect(remoteFormProblems(form({ host: 'box:22' })).host).toMatch(/Port field/)
    expect(remoteFormProblems(form({ host: 'ssh://box' })).host).toMatch(/no ssh:\/\//)
    expect(remoteFormProblems(form({ port: '70000' })).port).toMatch(/between 1 and 65535/)
    expect(remoteFormProblems(form({ port: 'ssh' })).port).toMatch(/number/)
    expect(remoteFormProblems(form({ user: 'a b' })).user).toBeDefined()
    expect(remoteFormProblems(form({ auth: 'key', keyFile: '' })).keyFile).toMatch(/private key file/)
    expect(remoteFormProblems(form({ auth: 'key', keyFile: 'id_rsa' })).keyFile).toMatch(/full path/)
    expect(remoteFormProblems(form({ auth: 'key', keyFile: '~/.ssh/id_rsa.pub' })).keyFile).toMatch(/public key/)
    expect(remoteFormProblems(form({ remoteSocket: 'docker.sock' })).remoteSocket).toMatch(/absolute/)
  })

  it('the boundary schema refuses the same input with the same words', () => {
    const parsed = RemoteDraft.safeParse({ host: 'me@box', auth: { method: 'agent' } })
    expect(parsed.success).toBe(false)
    expect(parsed.error?.issues[0].message).toMatch(/User field/)
    expect(RemoteDraft.safeParse({ host: 'box', auth: { method: 'agent' }, extra: 1 }).success).toBe(false)
  })
})

describe('engine facts', () => {
  it('reads rootless from the security options and the rest from /info', () => {
    expect(isRootless(['name=seccomp,profile=default', 'name=rootless'])).toBe(true)
    expect(isRootless(['name=seccomp,profile=default'])).toBe(false)
    const facts = toEngineFacts({ ServerVersion: '24.0.7', Driver: 'overlay2', CgroupDriver: 'systemd', CgroupVersion: '2', NCPU: 4, MemTotal: 8e9, OSType: 'linux', Architecture: 'x86_64', SecurityOptions: ['name=rootless'] }, '1.43', 5)
    expect(facts).toMatchObject({ version: '24.0.7', apiVersion: '1.43', storageDriver: 'overlay2', cgroupDriver: 'systemd', cgroupVersion: '2', rootless: true, cpus: 4, readAt: 5 })
  })
})
