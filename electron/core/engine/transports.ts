/**
 * How dockerode reaches an engine: unix socket, Windows named pipe, tcp (optionally TLS), or SSH.
 * Each transport owns an http(s) agent so that closing an engine destroys its sockets, and every
 * docker-modem option is given explicitly so process.env.DOCKER_HOST never leaks into an engine
 * that is meant to be another one (docker-modem reads it as a default).
 */
import { readFileSync } from 'node:fs'
import http from 'node:http'
import https from 'node:https'
import { inspect } from 'node:util'
import type { DockerOptions } from 'dockerode'
import { RpcError } from '../../../shared/errors'
import type { Endpoint, TlsFiles } from './endpoint'
import { SshChannelAgent, SshConnection, type SshOptions } from './ssh'

/** DockerOptions plus the agent docker-modem accepts but @types/dockerode does not list. */
export type ModemOptions = DockerOptions & { agent?: http.Agent }

export interface Transport {
  modemOptions: ModemOptions
  close(): void
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
  if (agent) Object.defineProperty(agent, inspect.custom, { value: () => `[${agent.constructor.name}]` })
}

export function createTransport(endpoint: Endpoint, ssh: SshOptions): Transport {
  const transport = transportFor(endpoint, ssh)
  quietInspect(transport.modemOptions.agent)
  return transport
}

function transportFor(endpoint: Endpoint, ssh: SshOptions): Transport {
  switch (endpoint.kind) {
    case 'unix':
    case 'npipe': {
      const agent = new http.Agent({ keepAlive: true })
      return {
        modemOptions: { ...NEUTRAL, socketPath: endpoint.socketPath, agent },
        close: () => agent.destroy()
      }
    }
    case 'tcp': {
      const agent = endpoint.tls ? tlsAgent(endpoint.tls) : new http.Agent({ keepAlive: true })
      return {
        modemOptions: {
          ...NEUTRAL,
          host: endpoint.host,
          port: endpoint.port,
          protocol: endpoint.tls ? 'https' : 'http',
          agent
        },
        close: () => agent.destroy()
      }
    }
    case 'ssh': {
      const connection = new SshConnection(endpoint, ssh)
      const agent = new SshChannelAgent(connection)
      return {
        // docker-modem only needs *a* host to build URLs; the agent decides where bytes go.
        modemOptions: { ...NEUTRAL, host: 'docker', port: 80, protocol: 'http', agent },
        close: () => {
          agent.destroy()
          connection.close()
        }
      }
    }
  }
}
