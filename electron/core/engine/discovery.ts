/**
 * Finds the engines a person could mean: DOCKER_HOST, docker contexts (~/.docker), and the
 * well-known sockets of Docker, rootless Docker, Podman, Colima, OrbStack, Rancher Desktop and
 * Docker Desktop. Pure: it takes env, home and a small fs-like object, so tests use temp dirs.
 * Only sockets that exist are listed, except the platform default, which is always listed so
 * the UI can say "unavailable" and what to do instead of showing nothing.
 */
import { createHash } from 'node:crypto'
import { existsSync, readFileSync, readdirSync, realpathSync } from 'node:fs'
import { join } from 'node:path'
import type { EngineSource } from '../../../shared/models'
import { type Endpoint, WINDOWS_DEFAULT_PIPE, describeEndpoint, parseDockerHost } from './endpoint'

export interface EngineCandidate {
  /** Stable across runs: `env`, `context:NAME`, `socket:/path`. Settings remember it. */
  id: string
  name: string
  source: EngineSource
  endpoint: Endpoint
  /** Set when the address could not be understood; the engine is then listed as unavailable. */
  problem?: string
}

export interface DiscoveryFs {
  exists(path: string): boolean
  readText(path: string): string | undefined
  list(dir: string): string[]
  /** Canonical path, used to spot two names for one socket (/var/run → /run). */
  realpath(path: string): string
}

export const nodeDiscoveryFs: DiscoveryFs = {
  exists: (path) => existsSync(path),
  readText: (path) => {
    try {
      return readFileSync(path, 'utf8')
    } catch {
      return undefined
    }
  },
  list: (dir) => {
    try {
      return readdirSync(dir)
    } catch {
      return []
    }
  },
  realpath: (path) => {
    try {
      return realpathSync(path)
    } catch {
      return path
    }
  }
}

export interface DiscoveryInput {
  env: NodeJS.ProcessEnv
  homeDir: string
  platform?: NodeJS.Platform
  fs?: DiscoveryFs
}

function dockerConfigDir(env: NodeJS.ProcessEnv, homeDir: string): string {
  return env.DOCKER_CONFIG || join(homeDir, '.docker')
}

/** TLS for a tcp DOCKER_HOST comes from DOCKER_TLS_VERIFY / DOCKER_TLS and DOCKER_CERT_PATH. */
function withEnvTls(endpoint: Endpoint, env: NodeJS.ProcessEnv, homeDir: string): Endpoint {
  if (endpoint.kind !== 'tcp') return endpoint
  const verify = Boolean(env.DOCKER_TLS_VERIFY)
  if (!verify && !env.DOCKER_TLS && endpoint.port !== 2376) return endpoint
  const certDir = env.DOCKER_CERT_PATH || dockerConfigDir(env, homeDir)
  return {
    ...endpoint,
    tls: { verify, caPath: join(certDir, 'ca.pem'), certPath: join(certDir, 'cert.pem'), keyPath: join(certDir, 'key.pem') }
  }
}

function fromEnv(env: NodeJS.ProcessEnv, homeDir: string): EngineCandidate | undefined {
  const value = env.DOCKER_HOST?.trim()
  if (!value) return undefined
  const name = 'DOCKER_HOST'
  try {
    return { id: 'env', name, source: 'env', endpoint: withEnvTls(parseDockerHost(value), env, homeDir) }
  } catch (err) {
    return { id: 'env', name, source: 'env', endpoint: { kind: 'unix', socketPath: value }, problem: (err as Error).message }
  }
}

interface ContextMeta {
  Name?: unknown
  Endpoints?: { docker?: { Host?: unknown; SkipTLSVerify?: unknown } }
}

/** The context docker itself would use: DOCKER_CONTEXT, else config.json's currentContext. */
export function currentContextName(env: NodeJS.ProcessEnv, homeDir: string, fs: DiscoveryFs): string | undefined {
  if (env.DOCKER_CONTEXT) return env.DOCKER_CONTEXT
  const text = fs.readText(join(dockerConfigDir(env, homeDir), 'config.json'))
  if (!text) return undefined
  try {
    const config = JSON.parse(text) as { currentContext?: unknown }
    return typeof config.currentContext === 'string' && config.currentContext ? config.currentContext : undefined
  } catch {
    return undefined
  }
}

export function contextDirName(name: string): string {
  return createHash('sha256').update(name).digest('hex')
}

function readContext(dir: string, metaDirName: string, fs: DiscoveryFs): EngineCandidate | undefined {
  const text = fs.readText(join(dir, 'contexts', 'meta', metaDirName, 'meta.json'))
  if (!text) return undefined
  let meta: ContextMeta
  try {
    meta = JSON.parse(text) as ContextMeta
  } catch {
    return undefined
  }
  const name = typeof meta.Name === 'string' ? meta.Name : undefined
  const host = meta.Endpoints?.docker?.Host
  if (!name || typeof host !== 'string') return undefined
  const base = { id: `context:${name}`, name: `context: ${name}`, source: 'context' as const }
  let endpoint: Endpoint
  try {
    endpoint = parseDockerHost(host)
  } catch (err) {
    return { ...base, endpoint: { kind: 'unix', socketPath: host }, problem: (err as Error).message }
  }
  if (endpoint.kind === 'tcp') {
    const tlsDir = join(dir, 'contexts', 'tls', metaDirName, 'docker')
    const has = (file: string): string | undefined => (fs.exists(join(tlsDir, file)) ? join(tlsDir, file) : undefined)
    const caPath = has('ca.pem')
    const certPath = has('cert.pem')
    const keyPath = has('key.pem')
    if (caPath || certPath || keyPath || endpoint.port === 2376) {
      endpoint = { ...endpoint, tls: { verify: meta.Endpoints?.docker?.SkipTLSVerify !== true, caPath, certPath, keyPath } }
    }
  }
  return { ...base, endpoint }
}

function fromContexts(env: NodeJS.ProcessEnv, homeDir: string, fs: DiscoveryFs): EngineCandidate[] {
  const dir = dockerConfigDir(env, homeDir)
  const contexts = fs
    .list(join(dir, 'contexts', 'meta'))
    .map((entry) => readContext(dir, entry, fs))
    .filter((c): c is EngineCandidate => c !== undefined)
    .sort((a, b) => a.name.localeCompare(b.name))
  // The current context first, so "first reachable" on a first run follows docker's own choice.
  const current = currentContextName(env, homeDir, fs)
  const index = contexts.findIndex((c) => c.id === `context:${current}`)
  if (index > 0) contexts.unshift(...contexts.splice(index, 1))
  return contexts
}

interface WellKnown {
  path: string
  name: string
  /** The platform default is listed even when absent. */
  isDefault?: boolean
}

function wellKnownSockets(env: NodeJS.ProcessEnv, homeDir: string, platform: NodeJS.Platform): WellKnown[] {
  if (platform === 'win32') return [{ path: WINDOWS_DEFAULT_PIPE, name: 'Docker (default pipe)', isDefault: true }]
  const list: WellKnown[] = [{ path: '/var/run/docker.sock', name: 'Docker (default socket)', isDefault: true }]
  const runtime = env.XDG_RUNTIME_DIR
  if (runtime) {
    list.push({ path: join(runtime, 'docker.sock'), name: 'Docker (rootless)' })
    list.push({ path: join(runtime, 'podman', 'podman.sock'), name: 'Podman' })
  }
  list.push(
    { path: '/run/podman/podman.sock', name: 'Podman (system)' },
    { path: join(homeDir, '.colima', 'default', 'docker.sock'), name: 'Colima' },
    { path: join(homeDir, '.colima', 'docker.sock'), name: 'Colima' },
    { path: join(homeDir, '.orbstack', 'run', 'docker.sock'), name: 'OrbStack' },
    { path: join(homeDir, '.rd', 'docker.sock'), name: 'Rancher Desktop' },
    { path: join(homeDir, '.docker', 'run', 'docker.sock'), name: 'Docker Desktop' },
    { path: join(homeDir, '.docker', 'desktop', 'docker.sock'), name: 'Docker Desktop' }
  )
  return list
}

function fromWellKnown(env: NodeJS.ProcessEnv, homeDir: string, platform: NodeJS.Platform, fs: DiscoveryFs): EngineCandidate[] {
  return wellKnownSockets(env, homeDir, platform)
    .filter((w) => w.isDefault || fs.exists(w.path))
    .map((w) => ({
      id: `socket:${w.path}`,
      name: w.name,
      source: 'well-known' as const,
      endpoint: platform === 'win32' ? { kind: 'npipe' as const, socketPath: w.path } : { kind: 'unix' as const, socketPath: w.path }
    }))
}

/** Two candidates are the same engine when their endpoints are (after resolving symlinks). */
function dedupeKey(candidate: EngineCandidate, fs: DiscoveryFs): string {
  const { endpoint } = candidate
  if (endpoint.kind === 'unix' && fs.exists(endpoint.socketPath)) return `unix:${fs.realpath(endpoint.socketPath)}`
  return `${endpoint.kind}:${describeEndpoint(endpoint)}`
}

/** Ordered: DOCKER_HOST, the current context, other contexts, well-known sockets. */
export function discoverEngines(input: DiscoveryInput): EngineCandidate[] {
  const fs = input.fs ?? nodeDiscoveryFs
  const platform = input.platform ?? process.platform
  const all = [
    fromEnv(input.env, input.homeDir),
    ...fromContexts(input.env, input.homeDir, fs),
    ...fromWellKnown(input.env, input.homeDir, platform, fs)
  ].filter((c): c is EngineCandidate => c !== undefined)
  const seen = new Set<string>()
  return all.filter((candidate) => {
    if (candidate.problem) return true
    const key = dedupeKey(candidate, fs)
    if (seen.has(key)) return false
    seen.add(key)
    return true
  })
}
