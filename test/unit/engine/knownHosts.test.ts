/** known_hosts parsing and host key checks. */
import { createHash, createHmac, generateKeyPairSync } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import {
  checkHostKey,
  entryMatchesHost,
  fingerprintSha256,
  hostPattern,
  keyTypeOfBlob,
  knownKeyTypes,
  parseKnownHosts
} from '../../../electron/core/engine/knownHosts'

/** An SSH wire-format ed25519 public key blob: string "ssh-ed25519", string key. */
function ed25519Blob(): Buffer {
  const { publicKey } = generateKeyPairSync('ed25519')
  const raw = publicKey.export({ format: 'der', type: 'spki' }).subarray(-32)
  const lengthPrefixed = (b: Buffer): Buffer => {
    const length = Buffer.alloc(4)
    length.writeUInt32BE(b.length)
    return Buffer.concat([length, b])
  }
  return Buffer.concat([lengthPrefixed(Buffer.from('ssh-ed25519')), lengthPrefixed(raw)])
}

function hashed(name: string, salt = Buffer.from('0123456789abcdefghij')): string {
  return `|1|${salt.toString('base64')}|${createHmac('sha1', salt).update(name).digest('base64')}`
}

describe('known_hosts', () => {
  const key = ed25519Blob()
  const other = ed25519Blob()
  const b64 = key.toString('base64')

  it('writes non-22 ports as [host]:port', () => {
    expect(hostPattern('example.com', 22)).toBe('example.com')
    expect(hostPattern('127.0.0.1', 2222)).toBe('[127.0.0.1]:2222')
  })

  it('parses entries, comments, markers and comma lists', () => {
    const entries = parseKnownHosts(
      `# comment\n\nbox,10.0.0.2 ssh-ed25519 ${b64} me@box\n@revoked * ssh-rsa AAAA\n@cert-authority *.corp ssh-ed25519 AAAA\n`
    )
    expect(entries).toHaveLength(3)
    expect(entries[0]).toMatchObject({ hosts: 'box,10.0.0.2', keyType: 'ssh-ed25519', keyBase64: b64, line: 3 })
    expect(entries[1].marker).toBe('revoked')
    expect(entries[2].marker).toBe('cert-authority')
  })

  it('matches plain, [host]:port, wildcard, negated and hashed patterns', () => {
    const [plain, ported, wild, negated, hashedEntry] = parseKnownHosts(
      [
        `box ssh-ed25519 ${b64}`,
        `[box]:2222 ssh-ed25519 ${b64}`,
        `*.example.com ssh-ed25519 ${b64}`,
        `*.example.com,!bad.example.com ssh-ed25519 ${b64}`,
        `${hashed('[127.0.0.1]:2222')} ssh-ed25519 ${b64}`
      ].join('\n')
    )
    expect(entryMatchesHost(plain, 'box', 22)).toBe(true)
    expect(entryMatchesHost(plain, 'box', 2222)).toBe(false)
    expect(entryMatchesHost(ported, 'box', 2222)).toBe(true)
    expect(entryMatchesHost(wild, 'a.example.com', 22)).toBe(true)
    expect(entryMatchesHost(wild, 'example.org', 22)).toBe(false)
    expect(entryMatchesHost(negated, 'bad.example.com', 22)).toBe(false)
    expect(entryMatchesHost(negated, 'good.example.com', 22)).toBe(true)
    expect(entryMatchesHost(hashedEntry, '127.0.0.1', 2222)).toBe(true)
    expect(entryMatchesHost(hashedEntry, '127.0.0.1', 22)).toBe(false)
  })

  it('fingerprints like OpenSSH: SHA256 and unpadded base64', () => {
    const expected = createHash('sha256').update(key).digest('base64').replace(/=+$/, '')
    expect(fingerprintSha256(key)).toBe(`SHA256:${expected}`)
    expect(fingerprintSha256(key)).not.toMatch(/=$/)
    expect(keyTypeOfBlob(key)).toBe('ssh-ed25519')
  })

  it('trusts a known key, calls a missing host unknown, and a different same-type key CHANGED', () => {
    const entries = parseKnownHosts(`[h]:2222 ssh-ed25519 ${b64}\nh2 ssh-rsa AAAAB3NzaC1yc2E=\n`)
    expect(checkHostKey(entries, 'h', 2222, key)).toEqual({ status: 'trusted' })
    expect(checkHostKey(entries, 'nobody', 22, key)).toEqual({ status: 'unknown', fingerprint: fingerprintSha256(key) })
    expect(checkHostKey(entries, 'h', 2222, other)).toMatchObject({ status: 'changed', line: 1, fingerprint: fingerprintSha256(other) })
    // Only a key of another type is known: that is "unknown", not "changed" (OpenSSH does the same).
    expect(checkHostKey(entries, 'h2', 22, key).status).toBe('unknown')
    expect(knownKeyTypes(entries, 'h', 2222)).toEqual(['ssh-ed25519'])
  })

  it('refuses a revoked key even when another line trusts it', () => {
    const entries = parseKnownHosts(`h ssh-ed25519 ${b64}\n@revoked * ssh-ed25519 ${b64}\n`)
    expect(checkHostKey(entries, 'h', 22, key)).toMatchObject({ status: 'revoked', line: 2 })
  })
})
