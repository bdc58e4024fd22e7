/**
 * An SSH engine: ONE ssh2 connection, and one `direct-streamlocal` channel to the remote Docker
 * socket per HTTP connection, offered to docker-modem as an http.Agent. Host keys are checked
 * against known_hosts (unknown → refused with the fingerprint to add; changed → refused as a
 * possible attack). Keys: an identity file from options, else ~/.ssh/id_ed25519, id_ecdsa,
 * id_rsa, plus the SSH agent. Secrets (keys, passphrases) are never logged.
 *
 * Env overrides (used by the test host, handy for people too):
 *   BERTH_SSH_IDENTITY     private key file to use
 *   BERTH_SSH_KNOWN_HOSTS  known_hosts file to check host keys against
 */
import { existsSync, readFileSync } from 'node:fs'
import http from 'node:http'
import { join } from 'node:path'
import type { Duplex } from 'node:stream'
import { Client, type ConnectConfig } from 'ssh2'
import { RpcError } from '../../../shared/errors'
import { type Endpoint, describeEndpoint } from './endpoint'
import { checkHostKey, hostPattern, knownKeyTypes, parseKnownHosts, type KnownHostEntry } from './knownHosts'

type SshEndpoint = Extract<Endpoint, { kind: 'ssh' }>

export interface SshOptions {
  homeDir: string
  identityFile?: string
  passphrase?: string
  knownHostsFile?: string
  /** SSH_AUTH_SOCK; pass undefined to not use an agent. */
  agentSocket?: string
  connectTimeoutMs?: number
  log?: (msg: string) => void
}

export function sshOptionsFromEnv(env: NodeJS.ProcessEnv, homeDir: string, log?: (msg: string) => void): SshOptions {
  return {
    homeDir,
    identityFile: env.BERTH_SSH_IDENTITY || undefined,
    knownHostsFile: env.BERTH_SSH_KNOWN_HOSTS || undefined,
    agentSocket: env.SSH_AUTH_SOCK || undefined,
    log
  }
}

const DEFAULT_KEY_NAMES = ['id_ed25519', 'id_ecdsa', 'id_rsa']
/** ssh2's names for host key algorithms per known_hosts key type (RSA keys are signed with SHA-2). */
const ALGORITHMS_FOR_KEY_TYPE: Record<string, string[]> = {
  'ssh-ed25519': ['ssh-ed25519'],
  'ecdsa-sha2-nistp256': ['ecdsa-sha2-nistp256'],
  'ecdsa-sha2-nistp384': ['ecdsa-sha2-nistp384'],
  'ecdsa-sha2-nistp521': ['ecdsa-sha2-nistp521'],
  'ssh-rsa': ['rsa-sha2-512', 'rsa-sha2-256', 'ssh-rsa']
}

function readPrivateKey(options: SshOptions): { key?: Buffer; path?: string } {
  const candidates = options.identityFile
    ? [options.identityFile]
    : DEFAULT_KEY_NAMES.map((name) => join(options.homeDir, '.ssh', name))
  for (const path of candidates) {
    if (!existsSync(path)) continue
    try {
      return { key: readFileSync(path), path }
    } catch (err) {
      throw new RpcError('UNAUTHORIZED', `Cannot read the SSH key ${path}: ${(err as Error).message}.`)
    }
  }
  if (options.identityFile) throw new RpcError('UNAUTHORIZED', `The SSH key ${options.identityFile} does not exist.`)
  return {}
}

export class SshConnection {
  private client?: Client
  private connecting?: Promise<Client>
  private closed = false

  constructor(
    private readonly endpoint: SshEndpoint,
    private readonly options: SshOptions
  ) {}

  private get where(): string {
    return describeEndpoint(this.endpoint)
  }

  /** The live connection, (re)connecting when there is none. */
  connect(): Promise<Client> {
    if (this.closed) return Promise.reject(new RpcError('ENGINE_UNAVAILABLE', `The SSH connection to ${this.where} was closed.`))
    if (this.client) return Promise.resolve(this.client)
    this.connecting ??= this.open().finally(() => {
      this.connecting = undefined
    })
    return this.connecting
  }

  private open(): Promise<Client> {
    const { host, port } = this.endpoint
    const knownHostsPath = this.options.knownHostsFile ?? join(this.options.homeDir, '.ssh', 'known_hosts')
    let entries: KnownHostEntry[] = []
    try {
      entries = parseKnownHosts(readFileSync(knownHostsPath, 'utf8'))
    } catch {
      entries = []
    }
    const { key, path: keyPath } = readPrivateKey(this.options)
    if (!key && !this.options.agentSocket) {
      return Promise.reject(
        new RpcError('UNAUTHORIZED', `No SSH key for ${this.where}: create ~/.ssh/id_ed25519 (ssh-keygen -t ed25519) or start an SSH agent.`)
      )
    }
    let hostKeyProblem: RpcError | undefined
    const config: ConnectConfig = {
      host,
      port,
      username: this.endpoint.user ?? process.env.USER ?? 'root',
      privateKey: key,
      passphrase: this.options.passphrase,
      agent: this.options.agentSocket,
      readyTimeout: this.options.connectTimeoutMs ?? 10_000,
      keepaliveInterval: 5_000,
      keepaliveCountMax: 2,
      hostVerifier: (keyBlob: Buffer): boolean => {
        const verdict = checkHostKey(entries, host, port, keyBlob)
        if (verdict.status === 'trusted') return true
        const name = hostPattern(host, port)
        if (verdict.status === 'unknown') {
          hostKeyProblem = new RpcError(
            'UNAUTHORIZED',
            `Refused ${this.where}: unknown host key ${verdict.fingerprint} for ${name}. If that is the server's key, add it to known_hosts (${knownHostsPath}), e.g. with \`ssh-keyscan -p ${port} ${host} >> ${knownHostsPath}\`.`,
            { fingerprint: verdict.fingerprint, knownHosts: knownHostsPath }
          )
        } else {
          hostKeyProblem = new RpcError(
            'UNAUTHORIZED',
            `Refused ${this.where}: the host key CHANGED for ${name} (now ${verdict.fingerprint}; ${knownHostsPath} line ${verdict.line} ${verdict.status === 'revoked' ? 'revokes it' : 'says otherwise'}). This is a possible attack; if the server was really reinstalled, remove the old line and connect again.`,
            { fingerprint: verdict.fingerprint, knownHosts: knownHostsPath, line: verdict.line }
          )
        }
        return false
      }
    }
    // Ask for a host key type we can check, so a server with several keys presents a known one.
    const preferred = knownKeyTypes(entries, host, port).flatMap((type) => ALGORITHMS_FOR_KEY_TYPE[type] ?? [])
    if (preferred.length > 0) {
      const rest = Object.values(ALGORITHMS_FOR_KEY_TYPE).flat().filter((a) => !preferred.includes(a))
      config.algorithms = { serverHostKey: [...preferred, ...rest] as NonNullable<ConnectConfig['algorithms']>['serverHostKey'] }
    }

    return new Promise<Client>((resolve, reject) => {
      const client = new Client()
      let ready = false
      client.on('ready', () => {
        ready = true
        this.client = client
        this.options.log?.(`ssh: connected to ${this.where}${keyPath ? ` with ${keyPath}` : ''}`)
        resolve(client)
      })
      client.on('error', (err: Error & { level?: string }) => {
        if (ready) {
          this.options.log?.(`ssh: connection to ${this.where} failed: ${err.message}`)
          return
        }
        reject(hostKeyProblem ?? this.describeConnectError(err))
      })
      client.on('close', () => {
        if (this.client === client) this.client = undefined
        if (!ready) reject(hostKeyProblem ?? new RpcError('ENGINE_UNAVAILABLE', `The SSH connection to ${this.where} closed while connecting.`))
      })
      try {
        client.connect(config)
      } catch (err) {
        reject(this.describeConnectError(err as Error))
      }
    })
  }

  private describeConnectError(err: Error & { level?: string; code?: string }): RpcError {
    if (err.level === 'client-authentication') {
      return new RpcError('UNAUTHORIZED', `The SSH server at ${this.where} refused our keys. Add your public key to the remote ~/.ssh/authorized_keys, or set BERTH_SSH_IDENTITY to the right key.`)
    }
    if (/passphrase/i.test(err.message)) {
      return new RpcError('UNAUTHORIZED', `The SSH key is encrypted: load it into your SSH agent (ssh-add) so Berth can use it.`)
    }
    const code = err.code ? ` (${err.code})` : ''
    return new RpcError('ENGINE_UNAVAILABLE', `Cannot reach ${this.where} over SSH${code}: ${err.message}. Check the host, port and that sshd runs there.`)
  }

  /** A new channel to the remote Docker socket over the shared connection. */
  async openChannel(): Promise<Duplex> {
    const client = await this.connect()
    return new Promise<Duplex>((resolve, reject) => {
      client.openssh_forwardOutStreamLocal(this.endpoint.remoteSocket, (err, channel) => {
        if (err) {
          reject(
            new RpcError(
              'ENGINE_UNAVAILABLE',
              `Connected to ${this.where}, but the Docker socket ${this.endpoint.remoteSocket} there did not answer (${err.message}). Start Docker on that machine, or check the user may use the socket.`
            )
          )
          return
        }
        resolve(channel)
      })
    })
  }

  close(): void {
    this.closed = true
    this.client?.end()
    this.client = undefined
  }
}

/** An http.Agent whose "sockets" are SSH channels; docker-modem speaks HTTP over them. */
export class SshChannelAgent extends http.Agent {
  constructor(private readonly ssh: SshConnection) {
    // Each request gets its own channel: channels are cheap on the shared connection and this
    // keeps HTTP keep-alive bookkeeping away from objects that are not net.Sockets.
    super({ keepAlive: false })
  }

  override createConnection(
    _options: unknown,
    callback?: (err: Error | null, socket: Duplex) => void
  ): undefined {
    this.ssh.openChannel().then(
      (channel) => callback?.(null, channel),
      (err: Error) => callback?.(err, undefined as unknown as Duplex)
    )
    return undefined
  }
}
