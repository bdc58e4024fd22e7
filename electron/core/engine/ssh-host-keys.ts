/**
 * Which known_hosts files a connection checks, and accepting a key into them, as OpenSSH does:
 * the user's files (UserKnownHostsFile, default ~/.ssh/known_hosts) and the system's
 * (/etc/ssh/ssh_known_hosts). Accepting appends one line to the user's first file, creating
 * ~/.ssh (0700) and the file (0600) when missing; the line is hashed when HashKnownHosts is set
 * or the file already hashes its names, and names `[host]:port` for ports other than 22.
 */
import { appendFileSync, mkdirSync, readFileSync } from 'node:fs'
import { dirname } from 'node:path'
import { checkHostKey, formatKnownHostsLine, parseKnownHosts, usesHashing, type HostKeyVerdict, type KnownHostEntry } from './knownHosts'

export interface HostKeyFiles {
  /** The user's files; accepted keys go to the first. */
  user: string[]
  global: string[]
  /** HashKnownHosts from ~/.ssh/config. */
  hash: boolean
}

function readEntries(path: string): KnownHostEntry[] {
  try {
    return parseKnownHosts(readFileSync(path, 'utf8'), path)
  } catch {
    return []
  }
}

export class HostKeyStore {
  constructor(private readonly files: HostKeyFiles) {}

  /** Where an accepted key is written. */
  get writeFile(): string {
    return this.files.user[0]
  }

  entries(): KnownHostEntry[] {
    return [...this.files.user, ...this.files.global].flatMap(readEntries)
  }

  check(name: string, port: number, keyBlob: Buffer): HostKeyVerdict {
    return checkHostKey(this.entries(), name, port, keyBlob)
  }

  /** Appends the key for `name`/`port`; returns the line written (never a secret: a public key). */
  accept(name: string, port: number, keyBlob: Buffer): string {
    const file = this.writeFile
    const existing = readEntries(file)
    const line = formatKnownHostsLine(name, port, keyBlob, this.files.hash || usesHashing(existing))
    mkdirSync(dirname(file), { recursive: true, mode: 0o700 })
    let text: string
    try {
      text = readFileSync(file, 'utf8')
    } catch {
      text = ''
    }
    const separator = text.length > 0 && !text.endsWith('\n') ? '\n' : ''
    appendFileSync(file, `${separator}${line}\n`, { mode: 0o600 })
    return line
  }
}
