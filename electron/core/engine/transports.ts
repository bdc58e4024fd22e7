/**
 * How dockerode reaches an engine: unix socket, Windows named pipe, tcp (optionally TLS), or SSH.
 * Each transport owns an http(s) agent so that closing an engine destroys its sockets, and every
 * docker-modem option is given explicitly so process.env.DOCKER_HOST never leaks into an engine
 * that is meant to be another one (docker-modem reads it as a default).
 */
import { readFileSync } from 'node:fs'
import http from 'node:http'
import https from 'node:https'
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

export function createTransport(endpoint: Endpoint, ssh: SshOptions): Transport {
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
