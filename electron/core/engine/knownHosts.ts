/**
 * known_hosts: parsing and checking a server's host key the way OpenSSH does, for the cases
 * people meet: plain and `[host]:port` patterns, comma lists, wildcards, negation, hashed
 * `|1|salt|hash` entries, and @revoked markers. @cert-authority lines do not vouch for a plain
 * key (Berth does not verify host certificates), but they are reported so the person knows why
 * a host they trust through a CA is asked about. Files are read fresh on every check (another
 * `ssh` may have added a line meanwhile); see hostKeyFiles.ts for which files and appending.
 */
import { createHash, createHmac, randomBytes } from 'node:crypto'

export interface KnownHostEntry {
  marker?: 'revoked' | 'cert-authority'
  /** Either comma-separated patterns or one hashed `|1|salt|hash` token. */
  hosts: string
  keyType: string
  /** Base64 of the key blob, as written in the file. */
  keyBase64: string
  line: number
  /** The file it came from (set when read through readKnownHosts). */
  file?: string
}

export type HostKeyVerdict =
  | { status: 'trusted' }
  | { status: 'unknown'; fingerprint: string; certAuthority?: boolean }
  | { status: 'changed'; fingerprint: string; line: number; file?: string }
  | { status: 'revoked'; fingerprint: string; line: number; file?: string }

export function parseKnownHosts(text: string, file?: string): KnownHostEntry[] {
  const entries: KnownHostEntry[] = []
  const lines = text.split('\n')
  for (let index = 0; index < lines.length; index += 1) {
    const line = lines[index].trim()
    if (!line || line.startsWith('#')) continue
    const fields = line.split(/\s+/)
    let marker: KnownHostEntry['marker']
    if (fields[0].startsWith('@')) {
      const name = fields.shift()
      if (name === '@revoked') marker = 'revoked'
      else if (name === '@cert-authority') marker = 'cert-authority'
      else continue
    }
    if (fields.length < 3) continue
    const entry: KnownHostEntry = { marker, hosts: fields[0], keyType: fields[1], keyBase64: fields[2], line: index + 1 }
    if (file) entry.file = file
    entries.push(entry)
  }
  return entries
}

/** How a host is written in known_hosts: bare for port 22, `[host]:port` otherwise. */
export function hostPattern(host: string, port: number): string {
  return port === 22 ? host : `[${host}]:${port}`
}

/** OpenSSH's fingerprint format: SHA256:<unpadded base64 of sha256(key blob)>. */
export function fingerprintSha256(keyBlob: Buffer): string {
  return `SHA256:${createHash('sha256').update(keyBlob).digest('base64').replace(/=+$/, '')}`
}

function wildcardMatches(pattern: string, name: string): boolean {
  const regex = new RegExp(
    '^' + pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.') + '$',
    'i'
  )
  return regex.test(name)
}

function hashedMatches(token: string, name: string): boolean {
  const parts = token.split('|')
  // ['', '1', salt, hash]
  if (parts.length !== 4 || parts[1] !== '1') return false
  const salt = Buffer.from(parts[2], 'base64')
  const expected = Buffer.from(parts[3], 'base64')
  const actual = createHmac('sha1', salt).update(name).digest()
  return expected.length === actual.length && expected.equals(actual)
}

/** Does this entry's host field name `host:port`? Negated patterns (!pat) veto a match. */
export function entryMatchesHost(entry: KnownHostEntry, host: string, port: number): boolean {
  const name = hostPattern(host, port)
  if (entry.hosts.startsWith('|')) return hashedMatches(entry.hosts, name)
  let matched = false
  for (const raw of entry.hosts.split(',')) {
    const negated = raw.startsWith('!')
    const pattern = negated ? raw.slice(1) : raw
    if (!wildcardMatches(pattern, name)) continue
    if (negated) return false
    matched = true
  }
  return matched
}

/** The key types known_hosts holds for this host, so the client can ask the server for one of them. */
export function knownKeyTypes(entries: KnownHostEntry[], host: string, port: number): string[] {
  const types = entries.filter((e) => !e.marker && entryMatchesHost(e, host, port)).map((e) => e.keyType)
  return [...new Set(types)]
}

/**
 * Checks a presented key blob. `keyType` is the algorithm name inside the blob (ssh-ed25519,
 * ecdsa-sha2-nistp256, ssh-rsa …).
 */
export function checkHostKey(entries: KnownHostEntry[], host: string, port: number, keyBlob: Buffer): HostKeyVerdict {
  const keyBase64 = keyBlob.toString('base64')
  const keyType = keyTypeOfBlob(keyBlob)
  const fingerprint = fingerprintSha256(keyBlob)
  const revoked = entries.find((e) => e.marker === 'revoked' && e.keyBase64 === keyBase64)
  if (revoked) return { status: 'revoked', fingerprint, line: revoked.line, file: revoked.file }
  const forHost = entries.filter((e) => !e.marker && entryMatchesHost(e, host, port))
  if (forHost.some((e) => e.keyBase64 === keyBase64)) return { status: 'trusted' }
  const sameType = forHost.find((e) => e.keyType === keyType)
  if (sameType) return { status: 'changed', fingerprint, line: sameType.line, file: sameType.file }
  const certAuthority = entries.some((e) => e.marker === 'cert-authority' && entryMatchesHost(e, host, port))
  return certAuthority ? { status: 'unknown', fingerprint, certAuthority } : { status: 'unknown', fingerprint }
}

/**
 * One known_hosts line for a host key, as `ssh` writes it after "yes": `[host]:port` for ports
 * other than 22, hashed (`|1|salt|HMAC-SHA1(salt, name)`) when asked.
 */
export function formatKnownHostsLine(host: string, port: number, keyBlob: Buffer, hashed: boolean): string {
  const name = hostPattern(host, port)
  const key = `${keyTypeOfBlob(keyBlob)} ${keyBlob.toString('base64')}`
  if (!hashed) return `${name} ${key}`
  const salt = randomBytes(20)
  return `|1|${salt.toString('base64')}|${createHmac('sha1', salt).update(name).digest('base64')} ${key}`
}

/** Does the file already hash its host names? Then new lines are hashed too, as OpenSSH would. */
export function usesHashing(entries: KnownHostEntry[]): boolean {
  return entries.some((e) => e.hosts.startsWith('|1|'))
}

/** The SSH wire format starts with a length-prefixed algorithm name. */
export function keyTypeOfBlob(blob: Buffer): string {
  if (blob.length < 4) return ''
  const length = blob.readUInt32BE(0)
  if (length > blob.length - 4 || length > 64) return ''
  return blob.toString('ascii', 4, 4 + length)
}
