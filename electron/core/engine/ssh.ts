/**
 * An SSH engine: ONE ssh2 connection (through ProxyJump hops when ~/.ssh/config says so), and
 * one `direct-streamlocal` channel to the remote Docker socket per HTTP connection, offered to
 * docker-modem as an http.Agent. The connection is opened lazily and again after it drops; the
 * registry paces those attempts (backoff) through its health checks.
 *
 * Host keys are checked against known_hosts (ssh-host-keys.ts). An unknown key, a changed or
 * revoked one, or an encrypted key without a passphrase stops the attempt with an SshNeedsPerson
 * error saying what to ask; the answer comes back through decide() and is used on the next
 * attempt (an accepted key is written to known_hosts first, like `ssh` does after "yes").
 *
 * Env overrides (used by the test host, handy for people too):
 *   BERTH_SSH_IDENTITY     private key file to use
 *   BERTH_SSH_KNOWN_HOSTS  the user's known_hosts file (instead of ~/.ssh/known_hosts)
 */
import type { Duplex } from 'node:stream'
import { Client, type AnyAuthMethod, type ClientChannel, type ConnectConfig } from 'ssh2'
import type { ConnectDecisions } from '../../../shared/engines-models'
import { RpcError } from '../../../shared/errors'
import { type SshEndpoint, describeEndpoint } from './endpoint'
import { planAuth, type AuthPlan } from './ssh-auth'
import { parseJumpHop, resolveSshTarget, type SshTarget } from './ssh-config'
import { describeSshFailure, SshNeedsPerson } from './ssh-errors'
import { HostKeyStore } from './ssh-host-keys'
import { hostPattern, keyTypeOfBlob, knownKeyTypes } from './knownHosts'
import { acknowledgeSmallReadsAtOnce } from './ssh-quickack'

export { SshNeedsPerson } from './ssh-errors'

export interface SshOptions {
  homeDir: string
  localUser: string
  localHostName: string
  uid: number
  identityFile?: string
  knownHostsFile?: string
  /** SSH_AUTH_SOCK; undefined means no agent. */
  agentSocket?: string
  connectTimeoutMs?: number
  log?: (msg: string) => void
}

export function sshOptionsFromEnv(env: NodeJS.ProcessEnv, homeDir: string, log?: (msg: string) => void): SshOptions {
  return {
    homeDir,
    localUser: env.USER || env.LOGNAME || 'root',
    localHostName: env.HOSTNAME || 'localhost',
    uid: typeof process.getuid === 'function' ? process.getuid() : 0,
    identityFile: env.BERTH_SSH_IDENTITY || undefined,
    knownHostsFile: env.BERTH_SSH_KNOWN_HOSTS || undefined,
    agentSocket: env.SSH_AUTH_SOCK || undefined,
    log
  }
}

/** ssh2's names for host key algorithms per known_hosts key type (RSA keys are signed with SHA-2). */
const ALGORITHMS_FOR_KEY_TYPE: Record<string, string[]> = {
  'ssh-ed25519': ['ssh-ed25519'],
  'ecdsa-sha2-nistp256': ['ecdsa-sha2-nistp256'],
  'ecdsa-sha2-nistp384': ['ecdsa-sha2-nistp384'],
  'ecdsa-sha2-nistp521': ['ecdsa-sha2-nistp521'],
  'ssh-rsa': ['rsa-sha2-512', 'rsa-sha2-256', 'ssh-rsa']
}

type ServerHostKeyAlgorithms = NonNullable<ConnectConfig['algorithms']>['serverHostKey']

/** Passphrases the person typed, by key file: memory only, for this engine's reconnects. */
export type SshSecrets = Map<string, string>

interface Hop {
  target: SshTarget
  /** The final target's alias when this hop is a ProxyJump host. */
  jumpFor?: string
}

export class SshConnection {
  private chain: Client[] = []
  private client?: Client
  private connecting?: Promise<Client>
  private closed = false
  private accept?: NonNullable<ConnectDecisions['acceptHostKey']>
  private offeredPassphrase?: string
  private lastTarget?: SshTarget
  private readonly dropListeners = new Set<() => void>()

  constructor(
    private readonly endpoint: SshEndpoint,
    private readonly options: SshOptions,
    private readonly secrets: SshSecrets = new Map()
  ) {}

  private get where(): string {
    return describeEndpoint(this.endpoint)
  }

  /** The last resolved target (after ~/.ssh/config), once a connection was attempted. */
  get target(): SshTarget {
    return this.lastTarget ?? this.resolve({ alias: this.endpoint.host, port: this.endpoint.port, user: this.endpoint.user, identityFile: this.endpoint.identityFile ?? this.options.identityFile })
  }

  get remoteSocket(): string {
    return this.endpoint.remoteSocket
  }

  /** The person's answers for the next attempt: a host key to accept, a passphrase to try. */
  decide(decisions: ConnectDecisions): void {
    if (decisions.acceptHostKey) this.accept = decisions.acceptHostKey
    if (decisions.passphrase !== undefined) this.offeredPassphrase = decisions.passphrase
  }

  /** Called when an established connection drops (not when close() ends it). */
  onDrop(listener: () => void): () => void {
    this.dropListeners.add(listener)
    return () => this.dropListeners.delete(listener)
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

  private resolve(input: { alias: string; port?: number; user?: string; identityFile?: string }): SshTarget {
    const { homeDir, localUser, localHostName, uid } = this.options
    return resolveSshTarget(input, { homeDir, localUser, localHostName, uid })
  }

  private hops(): Hop[] {
    const { pinned, identityFile: pinnedKey, host, port, user } = this.endpoint
    if (pinned && pinnedKey) {
      const target: SshTarget = {
        alias: host,
        hostName: host,
        port: port ?? 22,
        user: user ?? 'root',
        identityFiles: [pinnedKey],
        identitiesExplicit: true,
        identitiesOnly: true,
        proxyJump: [],
        hostKeyName: host,
        userKnownHostsFiles: [pinned.knownHostsFile],
        globalKnownHostsFiles: [],
        hashKnownHosts: false
      }
      this.lastTarget = target
      return [{ target }]
    }
    const identityFile = this.endpoint.identityFile ?? this.options.identityFile
    const target = this.resolve({ alias: this.endpoint.host, port: this.endpoint.port, user: this.endpoint.user, identityFile })
    if (this.endpoint.identityFile) target.identitiesOnly = true
    this.lastTarget = target
    const jumps = target.proxyJump.map((spec) => ({ target: this.resolve(parseJumpHop(spec)), jumpFor: target.alias }))
    return [...jumps, { target }]
  }

  private async open(): Promise<Client> {
    const hops = this.hops()
    const opened: Client[] = []
    let sock: Duplex | undefined
    try {
      for (let index = 0; index < hops.length; index += 1) {
        const client = await this.handshake(hops[index], sock)
        opened.push(client)
        const next = hops[index + 1]
        if (next) sock = await forwardOut(client, next.target.hostName, next.target.port)
      }
    } catch (err) {
      for (const client of opened) client.end()
      throw err
    }
    const final = opened[opened.length - 1]
    this.chain = opened
    this.client = final
    this.offeredPassphrase = undefined
    const via = hops.length > 1 ? ` via ${hops.slice(0, -1).map((h) => h.target.alias).join(', ')}` : ''
    this.options.log?.(`ssh: connected to ${this.where}${via}`)
    for (const client of opened) {
      client.on('close', () => {
        if (this.client !== final) return
        this.client = undefined
        for (const other of opened) other.end()
        this.chain = []
        this.options.log?.(`ssh: connection to ${this.where} dropped`)
        for (const listener of this.dropListeners) listener()
      })
    }
    return final
  }

  /** One SSH handshake + login, over `sock` (a jump host's channel) or a new TCP connection. */
  private async handshake(hop: Hop, sock: Duplex | undefined): Promise<Client> {
    const { target } = hop
    const store = new HostKeyStore({
      user: this.options.knownHostsFile && !this.endpoint.pinned ? [this.options.knownHostsFile] : target.userKnownHostsFiles,
      global: target.globalKnownHostsFiles,
      hash: target.hashKnownHosts
    })
    const plan: AuthPlan = await planAuth({
      username: target.user,
      identityFiles: target.identityFiles,
      identitiesExplicit: target.identitiesExplicit,
      identitiesOnly: target.identitiesOnly,
      agentSocket: this.endpoint.pinned ? undefined : this.options.agentSocket,
      passphrases: this.secrets,
      offeredPassphrase: this.offeredPassphrase
    })
    const queue = [...plan.methods]
    let problem: SshNeedsPerson | undefined
    const name = target.hostKeyName
    const config: ConnectConfig = {
      host: target.hostName,
      port: target.port,
      sock: sock as ConnectConfig['sock'],
      username: target.user,
      readyTimeout: this.options.connectTimeoutMs ?? 10_000,
      keepaliveInterval: 5_000,
      keepaliveCountMax: 2,
      // `false` tells ssh2 there is nothing left to try (its typings omit it).
      authHandler: (_left, _partial, next) => next(queue.shift() ?? (false as unknown as AnyAuthMethod)),
      hostVerifier: (keyBlob: Buffer): boolean => {
        const verdict = store.check(name, target.port, keyBlob)
        if (verdict.status === 'trusted') return true
        const keyType = keyTypeOfBlob(keyBlob)
        if (verdict.status === 'unknown') {
          const accepted = this.accept
          if (accepted && accepted.host === name && accepted.port === target.port && accepted.fingerprint === verdict.fingerprint) {
            this.accept = undefined
            store.accept(name, target.port, keyBlob)
            this.options.log?.(`ssh: added ${keyType} ${verdict.fingerprint} for ${hostPattern(name, target.port)} to ${store.writeFile}`)
            return true
          }
          problem = SshNeedsPerson.hostKey({
            host: name,
            port: target.port,
            keyType,
            fingerprint: verdict.fingerprint,
            knownHostsFile: store.writeFile,
            jumpFor: hop.jumpFor,
            note: verdict.certAuthority
              ? 'known_hosts trusts a certificate authority for this host, but Berth checks plain host keys only: compare the fingerprint with the server before accepting.'
              : undefined
          })
        } else {
          problem = SshNeedsPerson.refused({
            reason: verdict.status,
            host: name,
            port: target.port,
            keyType,
            fingerprint: verdict.fingerprint,
            file: verdict.file ?? store.writeFile,
            line: verdict.line
          })
        }
        return false
      }
    }
    // Ask for a host key type known_hosts can vouch for, so a server with several keys presents one.
    const preferred = knownKeyTypes(store.entries(), name, target.port).flatMap((type) => ALGORITHMS_FOR_KEY_TYPE[type] ?? [])
    if (preferred.length > 0) {
      const rest = Object.values(ALGORITHMS_FOR_KEY_TYPE).flat().filter((a) => !preferred.includes(a))
      config.algorithms = { serverHostKey: [...preferred, ...rest] as ServerHostKeyAlgorithms }
    }
    return new Promise<Client>((resolve, reject) => {
      const client = new Client()
      let ready = false
      client.on('ready', () => {
        ready = true
        // Requests are small writes that wait for answers: Nagle's delay would add tens of ms to each.
        client.setNoDelay(true)
        resolve(client)
      })
      client.on('error', (err: Error & { level?: string; code?: string }) => {
        if (ready) return
        reject(problem ?? describeSshFailure(err, target, plan, this.secrets))
      })
      client.on('close', () => {
        if (!ready) reject(problem ?? new RpcError('ENGINE_UNAVAILABLE', `The SSH connection to ${target.alias} closed while connecting.`, { field: 'host' }))
      })
      try {
        client.connect(config)
      } catch (err) {
        reject(describeSshFailure(err as Error, target, plan, this.secrets))
      }
    })
  }

  /** A new channel to a remote socket (the Docker socket by default) over the shared connection. */
  async openChannel(socketPath = this.endpoint.remoteSocket): Promise<ClientChannel> {
    const client = await this.connect()
    return new Promise<ClientChannel>((resolve, reject) => {
      client.openssh_forwardOutStreamLocal(socketPath, (err, channel) => {
        if (err) {
          reject(
            new RpcError(
              'ENGINE_UNAVAILABLE',
              `Connected to ${this.where}, but the Docker socket ${socketPath} there did not answer (${err.message}). Start Docker on that machine, or check the path and that the user may use the socket.`,
              { field: 'remoteSocket' }
            )
          )
          return
        }
        acknowledgeSmallReadsAtOnce(client, channel)
        resolve(channel)
      })
    })
  }

  /** Runs a short command on the remote machine and returns its standard output. */
  async run(command: string, signal?: AbortSignal): Promise<string> {
    const client = await this.connect()
    return new Promise<string>((resolve, reject) => {
      client.exec(command, (err, channel) => {
        if (err) return reject(err)
        let out = ''
        const onAbort = (): void => void channel.close()
        signal?.addEventListener('abort', onAbort, { once: true })
        channel.on('data', (chunk: Buffer) => {
          if (out.length < 64 * 1024) out += chunk.toString('utf8')
        })
        channel.stderr.resume()
        channel.on('close', () => {
          signal?.removeEventListener('abort', onAbort)
          resolve(out)
        })
      })
    })
  }

  close(): void {
    this.closed = true
    const chain = this.chain
    this.client = undefined
    this.chain = []
    for (const client of [...chain].reverse()) client.end()
  }

  /** Ends the current connection (it is opened again on the next request). Tests use it to cut a connection mid-stream. */
  drop(): void {
    for (const client of [...this.chain].reverse()) client.end()
  }
}

function forwardOut(client: Client, host: string, port: number): Promise<Duplex> {
  return new Promise((resolve, reject) => {
    client.forwardOut('127.0.0.1', 0, host, port, (err, channel) => {
      if (err) {
        reject(new RpcError('ENGINE_UNAVAILABLE', `The jump host could not reach ${host}:${port} (${err.message}).`, { field: 'host' }))
        return
      }
      resolve(channel)
    })
  })
}

/** An http.Agent whose "sockets" are SSH channels; docker-modem speaks HTTP over them. */
export { SshChannelAgent } from './ssh-agent-http'
