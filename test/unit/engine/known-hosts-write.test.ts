/** Accepting a host key the OpenSSH way, and @cert-authority lines (reported, never trusted for a plain key). */
import { execFileSync } from 'node:child_process'
import { generateKeyPairSync } from 'node:crypto'
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { checkHostKey, parseKnownHosts } from '../../../electron/core/engine/knownHosts'
import { HostKeyStore } from '../../../electron/core/engine/ssh-host-keys'

function ed25519Blob(): Buffer {
  const raw = generateKeyPairSync('ed25519').publicKey.export({ format: 'der', type: 'spki' }).subarray(-32)
  const prefixed = (b: Buffer): Buffer => Buffer.concat([Buffer.from([0, 0, 0, b.length]), b])
  return Buffer.concat([prefixed(Buffer.from('ssh-ed25519')), prefixed(raw)])
}

describe('accepting host keys', () => {
  it('appends [host]:port lines (creating ~/.ssh), hashed when the file already hashes, and OpenSSH finds them', () => {
    const dir = mkdtempSync(join(tmpdir(), 'berth-kh-'))
    const file = join(dir, '.ssh', 'known_hosts')
    const store = new HostKeyStore({ user: [file], global: [join(dir, 'none')], hash: false })
    const key = ed25519Blob()
    expect(store.check('box', 2222, key).status).toBe('unknown')
    store.accept('box', 2222, key)
    expect(readFileSync(file, 'utf8')).toBe(`[box]:2222 ssh-ed25519 ${key.toString('base64')}\n`)
    expect(store.check('box', 2222, key)).toEqual({ status: 'trusted' })
    store.accept('plain.example', 22, key)
    expect(readFileSync(file, 'utf8').split('\n')[1]).toBe(`plain.example ssh-ed25519 ${key.toString('base64')}`)

    // A file that hashes gets hashed lines, even without HashKnownHosts.
    const hashedFile = join(dir, 'hashed_hosts')
    writeFileSync(hashedFile, `|1|c2FsdHNhbHRzYWx0c2FsdHNhbHQ=|AAAAAAAAAAAAAAAAAAAAAAAAAAA= ssh-ed25519 ${ed25519Blob().toString('base64')}`)
    const hashing = new HostKeyStore({ user: [hashedFile], global: [], hash: false })
    hashing.accept('10.1.2.3', 2200, key)
    const added = readFileSync(hashedFile, 'utf8').trim().split('\n')[1]
    expect(added).toMatch(/^\|1\|/)
    expect(added).not.toContain('10.1.2.3')
    expect(execFileSync('ssh-keygen', ['-F', '[10.1.2.3]:2200', '-f', hashedFile], { encoding: 'utf8' })).toContain('ssh-ed25519')
    expect(hashing.check('10.1.2.3', 2200, key)).toEqual({ status: 'trusted' })
  })

  it('reads the system file too, names the file of a changed key, and reports a CA it cannot use', () => {
    const dir = mkdtempSync(join(tmpdir(), 'berth-kh-'))
    const user = join(dir, 'user')
    const global = join(dir, 'global')
    const key = ed25519Blob()
    const old = ed25519Blob()
    writeFileSync(user, '')
    writeFileSync(global, `# system\nbox ssh-ed25519 ${old.toString('base64')}\n`)
    expect(new HostKeyStore({ user: [user], global: [global], hash: false }).check('box', 22, key)).toMatchObject({ status: 'changed', file: global, line: 2 })
    const ca = parseKnownHosts(`@cert-authority *.corp ssh-ed25519 ${old.toString('base64')}\n`)
    expect(checkHostKey(ca, 'db.corp', 22, key)).toMatchObject({ status: 'unknown', certAuthority: true })
    expect(checkHostKey(ca, 'db.corp', 22, old)).toMatchObject({ status: 'unknown' })
  })
})
