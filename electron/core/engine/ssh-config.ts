/**
 * ~/.ssh/config, read the way OpenSSH reads it for the options Berth needs, so `ssh://myalias`
 * reaches the same machine as `ssh myalias` and `DOCKER_HOST=ssh://myalias docker ps` do:
 * Host patterns (wildcards, negation), HostName, User, Port, IdentityFile (~ and %-tokens),
 * IdentitiesOnly, ProxyJump, HostKeyAlias, UserKnownHostsFile, GlobalKnownHostsFile,
 * HashKnownHosts, and Include. The first value found for an option wins (IdentityFile and the
 * known_hosts lists accumulate), and values given explicitly (the remote form, the URL) win over
 * the file, as command-line options do. `Match` blocks are skipped: Berth cannot evaluate `exec`.
 */
import { readFileSync, readdirSync } from 'node:fs'
import { basename, dirname, isAbsolute, join } from 'node:path'

export interface SshConfigFs {
  readText(path: string): string | undefined
  list(dir: string): string[]
}

export const nodeSshConfigFs: SshConfigFs = {
  readText(path) {
    try {
      return readFileSync(path, 'utf8')
    } catch {
      return undefined
    }
  },
  list(dir) {
    try {
      return readdirSync(dir)
    } catch {
      return []
    }
  }
}

interface ConfigLine {
  keyword: string
  args: string[]
}

/** A config file flattened (Includes inlined) into Host sections in file order. */
interface Section {
  patterns: string[]
  lines: ConfigLine[]
}

export interface ResolveInput {
  /** What the person typed: an alias or a host name. */
  alias: string
  port?: number
  user?: string
  identityFile?: string
}

export interface SshTarget {
  alias: string
  /** The machine to connect to (HostName, or the alias itself). */
  hostName: string
  port: number
  user: string
  /** Identity files in order, expanded; the defaults when neither the form nor the file names one. */
  identityFiles: string[]
  /** True when the form or the file named the identities (then only they, and the agent's copies, are tried with IdentitiesOnly). */
  identitiesExplicit: boolean
  identitiesOnly: boolean
  /** ProxyJump hops, first hop first, as written ([user@]host[:port]). */
  proxyJump: string[]
  /** The name host keys are filed under: HostKeyAlias or the host name. */
  hostKeyName: string
  userKnownHostsFiles: string[]
  globalKnownHostsFiles: string[]
  hashKnownHosts: boolean
}

export interface SshConfigContext {
  homeDir: string
  localUser: string
  localHostName: string
  uid: number
  fs?: SshConfigFs
  /** Defaults to ~/.ssh/config. */
  configPath?: string
}

const DEFAULT_IDENTITY_NAMES = ['id_ed25519', 'id_ecdsa', 'id_rsa']
const MAX_INCLUDE_DEPTH = 16

/** Splits one line into words, honouring "double quotes" and `Key=Value`. */
export function splitConfigLine(raw: string): ConfigLine | undefined {
  const line = raw.trim()
  if (!line || line.startsWith('#')) return undefined
  const match = /^([A-Za-z][A-Za-z0-9]*)\s*(?:=\s*|\s+)(.*)$/.exec(line)
  if (!match) return undefined
  const args: string[] = []
  const rest = match[2]
  const word = /"([^"]*)"|(\S+)/g
  for (let m = word.exec(rest); m; m = word.exec(rest)) {
    const value = m[1] ?? m[2]
    if (value.startsWith('#') && m[1] === undefined) break
    args.push(value)
  }
  return { keyword: match[1].toLowerCase(), args }
}

function expandTilde(path: string, homeDir: string): string {
  if (path === '~') return homeDir
  if (path.startsWith('~/')) return join(homeDir, path.slice(2))
  return path
}

/** `*` and `?` in the last path component of an Include (what people write: config.d/*). */
function globFiles(pattern: string, fs: SshConfigFs): string[] {
  const name = basename(pattern)
  if (!/[*?]/.test(name)) return [pattern]
  const dir = dirname(pattern)
  const regex = new RegExp('^' + name.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.') + '$')
  return fs
    .list(dir)
    .filter((entry) => regex.test(entry))
    .sort()
    .map((entry) => join(dir, entry))
}

function readSections(path: string, context: Required<Pick<SshConfigContext, 'homeDir'>> & { fs: SshConfigFs }, depth: number, into: Section[]): void {
  const text = context.fs.readText(path)
  if (text === undefined || depth > MAX_INCLUDE_DEPTH) return
  for (const raw of text.split('\n')) {
    const line = splitConfigLine(raw)
    if (!line) continue
    if (line.keyword === 'host') {
      into.push({ patterns: line.args, lines: [] })
    } else if (line.keyword === 'match') {
      // A Match block we cannot evaluate: its options apply to nobody.
      into.push({ patterns: [], lines: [] })
    } else if (line.keyword === 'include') {
      for (const arg of line.args) {
        const expanded = expandTilde(arg, context.homeDir)
        const full = isAbsolute(expanded) ? expanded : join(context.homeDir, '.ssh', expanded)
        const current = into[into.length - 1]
        // An Include inside a Host block applies under that block's patterns.
        const nested: Section[] = [{ patterns: current.patterns, lines: [] }]
        for (const file of globFiles(full, context.fs)) readSections(file, context, depth + 1, nested)
        into.push(...nested, { patterns: current.patterns, lines: [] })
      }
    } else {
      into[into.length - 1].lines.push(line)
    }
  }
}

export function hostPatternMatches(patterns: string[], name: string): boolean {
  let matched = false
  for (const raw of patterns) {
    const negated = raw.startsWith('!')
    const pattern = negated ? raw.slice(1) : raw
    const regex = new RegExp('^' + pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.') + '$', 'i')
    if (!regex.test(name)) continue
    if (negated) return false
    matched = true
  }
  return matched
}

/** The options that apply to `alias`, first value first; list options keep every value. */
function collect(sections: Section[], alias: string): Map<string, string[][]> {
  const found = new Map<string, string[][]>()
  for (const section of sections) {
    if (!hostPatternMatches(section.patterns, alias)) continue
    for (const line of section.lines) {
      const values = found.get(line.keyword) ?? []
      values.push(line.args)
      found.set(line.keyword, values)
    }
  }
  return found
}

export interface TokenValues {
  hostName: string
  alias: string
  port: number
  user: string
  localUser: string
  localHostName: string
  homeDir: string
  uid: number
}

/** OpenSSH's %-tokens that matter for file names and host names; an unknown token stays as written. */
export function expandTokens(text: string, values: TokenValues): string {
  const table: Record<string, string> = {
    '%': '%',
    d: values.homeDir,
    h: values.hostName,
    n: values.alias,
    p: String(values.port),
    r: values.user,
    u: values.localUser,
    l: values.localHostName,
    L: values.localHostName.split('.')[0],
    i: String(values.uid)
  }
  return text.replace(/%(.)/g, (whole, token: string) => table[token] ?? whole)
}

function yes(value: string | undefined): boolean {
  return value !== undefined && /^(yes|true)$/i.test(value)
}

/** Resolves an alias against ~/.ssh/config (missing file: just the alias and the defaults). */
export function resolveSshTarget(input: ResolveInput, context: SshConfigContext): SshTarget {
  const fs = context.fs ?? nodeSshConfigFs
  const sections: Section[] = [{ patterns: ['*'], lines: [] }]
  readSections(context.configPath ?? join(context.homeDir, '.ssh', 'config'), { homeDir: context.homeDir, fs }, 0, sections)
  const options = collect(sections, input.alias)
  const first = (keyword: string): string | undefined => options.get(keyword)?.[0]?.[0]
  const all = (keyword: string): string[] => (options.get(keyword) ?? []).flat()

  const user = input.user ?? first('user') ?? context.localUser
  const portText = first('port')
  const port = input.port ?? (portText && /^\d+$/.test(portText) ? Number(portText) : 22)
  const base = { alias: input.alias, port, user, localUser: context.localUser, localHostName: context.localHostName, homeDir: context.homeDir, uid: context.uid }
  const hostName = expandTokens(first('hostname') ?? input.alias, { ...base, hostName: input.alias })
  const tokens: TokenValues = { ...base, hostName }
  const file = (path: string): string => expandTilde(expandTokens(path, tokens), context.homeDir)

  const named = input.identityFile ? [input.identityFile] : all('identityfile').filter((p) => p.toLowerCase() !== 'none')
  const identityFiles = (named.length > 0 ? named : DEFAULT_IDENTITY_NAMES.map((n) => `~/.ssh/${n}`)).map(file)

  const jump = first('proxyjump')
  const proxyJump = jump && jump.toLowerCase() !== 'none' ? jump.split(',').map((hop) => hop.trim()).filter(Boolean) : []

  const userKnown = all('userknownhostsfile').filter((p) => p.toLowerCase() !== 'none')
  const globalKnown = all('globalknownhostsfile').filter((p) => p.toLowerCase() !== 'none')
  const hostKeyAlias = first('hostkeyalias')

  return {
    alias: input.alias,
    hostName,
    port,
    user,
    identityFiles,
    identitiesExplicit: named.length > 0,
    identitiesOnly: yes(first('identitiesonly')),
    proxyJump,
    hostKeyName: hostKeyAlias ?? hostName,
    userKnownHostsFiles: (userKnown.length > 0 ? userKnown : ['~/.ssh/known_hosts', '~/.ssh/known_hosts2']).map(file),
    globalKnownHostsFiles: globalKnown.length > 0 ? globalKnown.map(file) : ['/etc/ssh/ssh_known_hosts', '/etc/ssh/ssh_known_hosts2'],
    hashKnownHosts: yes(first('hashknownhosts'))
  }
}

/** A ProxyJump hop, `[user@]host[:port]` or `ssh://[user@]host[:port]`, split into its parts. */
export function parseJumpHop(hop: string): { alias: string; user?: string; port?: number } {
  let text = hop.trim().replace(/^ssh:\/\//, '')
  let user: string | undefined
  const at = text.lastIndexOf('@')
  if (at > 0) {
    user = text.slice(0, at)
    text = text.slice(at + 1)
  }
  let port: number | undefined
  const bracketed = /^\[(.+)\]:(\d+)$/.exec(text)
  const plain = /^([^:]+):(\d+)$/.exec(text)
  if (bracketed) {
    text = bracketed[1]
    port = Number(bracketed[2])
  } else if (plain) {
    text = plain[1]
    port = Number(plain[2])
  }
  return { alias: text.replace(/^\[(.*)\]$/, '$1'), user, port }
}
