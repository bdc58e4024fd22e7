/**
 * How dockerode reaches an engine: unix socket, Windows named pipe, tcp (optionally TLS), or SSH.
 * Each transport owns an http(s) agent so that closing an engine destroys its sockets, and every
 * docker-modem option is given explicitly so process.env.DOCKER_HOST never leaks into an engine
 * that is meant to be another one (docker-modem reads it as a default).
 *
 * Every socket (or SSH channel) an agent opens is tracked until it closes, so endStreams() can
 * end all of an engine's requests and streams when Berth switches away from it. The agent's own
 * bookkeeping is not enough: it forgets a socket once an exec or attach upgrades it.
 */
import { readFileSync } from 'node:fs'
import http from 'node:http'
import https from 'node:https'
import type { Duplex } from 'node:stream'
import { inspect } from 'node:util'
import type { DockerOptions } from 'dockerode'
import { RpcError } from '../../../shared/errors'
import type { Endpoint, TlsFiles } from './endpoint'
import { SshChannelAgent, SshConnection, type SshOptions, type SshSecrets } from './ssh'

/** DockerOptions plus the agent docker-modem accepts but @types/dockerode does not list. */
export type ModemOptions = DockerOptions & { agent?: http.Agent }

export interface Transport {
  modemOptions: ModemOptions
  /** The SSH connection of an ssh:// engine (for decisions, its target, and tests). */
  ssh?: SshConnection
  /** Ends every open request and stream (logs, stats, events, exec) on this engine; new ones still work. */
  endStreams(): void
  /** How many sockets/channels are open right now (tests prove streams ended). */
  openSockets(): number
  close(): void
}

/** The sockets an agent has open; each leaves the set when it closes. */
class OpenSockets {
  private readonly sockets = new Set<Duplex>()

  add<T extends Duplex>(socket: T): T {
    this.sockets.add(socket)
    socket.once('close', () => this.sockets.delete(socket))
    return socket
  }

  get size(): number {
    return this.sockets.size
  }

  destroyAll(): void {
    for (const socket of this.sockets) socket.destroy()
    this.sockets.clear()
  }
}

function trackingAgent<A extends http.Agent>(agent: A, open: OpenSockets): A {
  const create = agent.createConnection.bind(agent) as (options: object, callback?: (err: Error | null, socket: Duplex) => void) => Duplex | undefined
  agent.createConnection = ((options: object, callback?: (err: Error | null, socket: Duplex) => void) => {
    const socket = create(options, callback && ((err, made) => callback(err, made && open.add(made))))
    return socket ? open.add(socket) : socket
  }) as typeof agent.createConnection
  return agent
}

/** docker-modem options that turn off everything it would otherwise take from the environment. */
const NEUTRAL: ModemOptions = {
  socketPath: undefined,
  host: undefined,
  port: undefined,
  protocol: undefined,
  username: undefined,
  ca: undefined,
  cert: undefined,
  key: undefined,
  sshOptions: undefined
}

function readTlsFile(path: string | undefined, what: string): Buffer | undefined {
  if (!path) return undefined
  try {
    return readFileSync(path)
  } catch (err) {
    throw new RpcError('ENGINE_UNAVAILABLE', `Cannot read the TLS ${what} ${path}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}. Check DOCKER_CERT_PATH or the context's TLS files.`)
  }
}

function tlsAgent(tls: TlsFiles): https.Agent {
  return new https.Agent({
    keepAlive: true,
    ca: readTlsFile(tls.caPath, 'CA certificate'),
    cert: readTlsFile(tls.certPath, 'client certificate'),
    key: readTlsFile(tls.keyPath, 'client key'),
    rejectUnauthorized: tls.verify
  })
}

/**
 * docker-modem logs every request with util.inspect(options, { showHidden: true, depth: null })
 * whether or not debug output is on, and the options hold our agent. With long-lived streams
 * open (50 stats streams, logs, exec) the agent holds that many sockets, and inspecting them
 * all on every request (the registry pings each second) cost ~15 % of a core. The agent
 * describes itself in one word instead.
 */
function quietInspect(agent: object | undefined): void {
  if (agent && !Object.prototype.hasOwnProperty.call(agent, inspect.custom)) {
    Object.defineProperty(agent, inspect.custom, { value: () => `[${agent.constructor.name}]` })
  }
}

export function createTransport(endpoint: Endpoint, ssh: SshOptions, secrets?: SshSecrets): Transport {
  const transport = transportFor(endpoint, ssh, secrets)
  quietInspect(transport.modemOptions.agent)
  return transport
}

function transportFor(endpoint: Endpoint, ssh: SshOptions, secrets?: SshSecrets): Transport {
  const open = new OpenSockets()
  const common = (agent: http.Agent, closeMore?: () => void) => ({
    endStreams: () => open.destroyAll(),
    openSockets: () => open.size,
    close: () => {
      agent.destroy()
      open.destroyAll()
      closeMore?.()
    }
  })
  switch (endpoint.kind) {
    case 'unix':
    case 'npipe': {
      const agent = trackingAgent(new http.Agent({ keepAlive: true }), open)
      return { modemOptions: { ...NEUTRAL, socketPath: endpoint.socketPath, agent }, ...common(agent) }
    }
    case 'tcp': {
      const agent = trackingAgent(endpoint.tls ? tlsAgent(endpoint.tls) : new http.Agent({ keepAlive: true }), open)
      return {
        modemOptions: {
          ...NEUTRAL,
          host: endpoint.host,
          port: endpoint.port,
          protocol: endpoint.tls ? 'https' : 'http',
          agent
        },
        ...common(agent)
      }
    }
    case 'ssh':
      return sshTransport(new SshConnection(endpoint, ssh, secrets))
  }
}

/** A transport over an SSH connection that already exists (the remote test reuses its one connection). */
export function sshTransport(connection: SshConnection, socketPath?: string): Transport {
  const open = new OpenSockets()
  const agent = trackingAgent(new SshChannelAgent(connection, socketPath), open)
  quietInspect(agent)
  return {
    // docker-modem only needs *a* host to build URLs; the agent decides where bytes go.
    modemOptions: { ...NEUTRAL, host: 'docker', port: 80, protocol: 'http', agent },
    ssh: connection,
    endStreams: () => open.destroyAll(),
    openSockets: () => open.size,
    close: () => {
      agent.destroy()
      open.destroyAll()
      connection.close()
    }
  }
}
