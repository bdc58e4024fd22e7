/**
 * Parsing DOCKER_HOST-style addresses (unix://, npipe://, tcp://, ssh://) into what a transport
 * needs. Pure; bad input is refused with words that say what a good value looks like.
 */
import { RpcError } from '../../../shared/errors'

export const DEFAULT_REMOTE_SOCKET = '/var/run/docker.sock'
export const WINDOWS_DEFAULT_PIPE = '//./pipe/docker_engine'

export interface TlsFiles {
  /** Verify the server's certificate against `ca`; false means encrypted but unverified. */
  verify: boolean
  caPath?: string
  certPath?: string
  keyPath?: string
}

export type Endpoint =
  | { kind: 'unix'; socketPath: string }
  | { kind: 'npipe'; socketPath: string }
  | { kind: 'tcp'; host: string; port: number; tls?: TlsFiles }
  | SshEndpoint

/**
 * An SSH engine. `host` may be an alias from ~/.ssh/config; `port` and `user` left out come
 * from there (or 22 and the local user), as with `ssh`. `identityFile` is the key the person
 * picked in the remote form: then only it (or the agent's copy of it) is tried.
 */
export interface SshEndpoint {
  kind: 'ssh'
  user?: string
  host: string
  port?: number
  remoteSocket: string
  identityFile?: string
  /**
   * An engine Berth owns end to end (its VM): only this key, only this known_hosts file (the host
   * key Berth pinned when the guest announced it), no ~/.ssh/config, no agent.
   */
  pinned?: { knownHostsFile: string }
}

export function parseDockerHost(value: string): Endpoint {
  const text = value.trim()
  const fail = (why: string): never => {
    throw new RpcError(
      'INVALID_INPUT',
      `"${text.slice(0, 200)}" is not a Docker host address (${why}). Use unix:///path/docker.sock, npipe:////./pipe/docker_engine, tcp://host:2376 or ssh://user@host.`
    )
  }
  if (text.startsWith('unix://')) {
    const socketPath = text.slice('unix://'.length)
    if (!socketPath.startsWith('/')) fail('the socket path must be absolute')
    return { kind: 'unix', socketPath }
  }
  if (text.startsWith('npipe://')) {
    // npipe:////./pipe/docker_engine → //./pipe/docker_engine; Docker also writes npipe:///./pipe/x.
    const rest = text.slice('npipe://'.length).replace(/^\/+/, '')
    return { kind: 'npipe', socketPath: rest ? `//${rest}` : WINDOWS_DEFAULT_PIPE }
  }
  const withScheme = text.includes('://') ? text : `tcp://${text}`
  let url: URL
  try {
    url = new URL(withScheme)
  } catch {
    return fail('it does not parse as a URL')
  }
  if (!url.hostname) fail('the host is missing')
  const hostname = url.hostname.replace(/^\[(.*)\]$/, '$1')
  if (url.protocol === 'tcp:' || url.protocol === 'http:' || url.protocol === 'https:') {
    const port = url.port ? Number(url.port) : url.protocol === 'https:' ? 2376 : 2375
    return { kind: 'tcp', host: hostname, port }
  }
  if (url.protocol === 'ssh:') {
    // Docker runs `docker system dial-stdio` remotely; we reach the socket directly, so a path in
    // the URL (ssh://me@box/run/user/1000/docker.sock) names the remote socket.
    const remoteSocket = url.pathname && url.pathname !== '/' ? decodeURIComponent(url.pathname) : DEFAULT_REMOTE_SOCKET
    return {
      kind: 'ssh',
      user: url.username ? decodeURIComponent(url.username) : undefined,
      host: hostname,
      port: url.port ? Number(url.port) : undefined,
      remoteSocket
    }
  }
  return fail(`the scheme ${url.protocol.replace(/:$/, '')}:// is not supported`)
}

/** What people see as "where it is": never a password, never key material. */
export function describeEndpoint(endpoint: Endpoint): string {
  switch (endpoint.kind) {
    case 'unix':
    case 'npipe':
      return endpoint.socketPath
    case 'tcp':
      return `tcp://${endpoint.host.includes(':') ? `[${endpoint.host}]` : endpoint.host}:${endpoint.port}`
    case 'ssh': {
      const who = endpoint.user ? `${endpoint.user}@` : ''
      const port = endpoint.port === undefined ? '' : `:${endpoint.port}`
      const path = endpoint.remoteSocket === DEFAULT_REMOTE_SOCKET ? '' : endpoint.remoteSocket
      const host = endpoint.host.includes(':') ? `[${endpoint.host}]` : endpoint.host
      return `ssh://${who}${host}${port}${path}`
    }
  }
}
