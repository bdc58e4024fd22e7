/**
 * Picking a free host port for the run dialog.
 *
 * Local engine (unix socket, named pipe, or TCP on loopback): the engine's host is this machine,
 * so the OS is asked for a port by binding port 0 on the requested address, and the answer is
 * kept only if no container already publishes it (an engine without the userland proxy does not
 * hold a socket for its published ports).
 * Remote engine (SSH, TCP elsewhere): Berth can't bind sockets over there, so it picks a port from
 * the ephemeral range that no container on that engine publishes, and says it could not check
 * other programs on that host.
 */
import dgram from 'node:dgram'
import net from 'node:net'
import type { EngineSummary } from '../../../shared/models'
import type { FreePortResult } from '../../../shared/run-models'

const LOOPBACK_HOSTS = /^(?:tcp:\/\/)?(?:127\.\d+\.\d+\.\d+|localhost|\[::1\])(?::\d+)?\/?$/
const EPHEMERAL_FIRST = 49_152
const EPHEMERAL_LAST = 65_535

export function engineIsLocal(engine: Pick<EngineSummary, 'kind' | 'endpoint'>): boolean {
  if (engine.kind === 'unix' || engine.kind === 'npipe') return true
  return engine.kind === 'tcp' && LOOPBACK_HOSTS.test(engine.endpoint)
}

function bindTcp(host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer()
    server.unref()
    server.once('error', reject)
    server.listen({ host, port: 0, exclusive: true }, () => {
      const address = server.address()
      const port = typeof address === 'object' && address ? address.port : 0
      server.close(() => resolve(port))
    })
  })
}

function bindUdp(host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const socket = dgram.createSocket(host.includes(':') ? 'udp6' : 'udp4')
    socket.unref()
    socket.once('error', reject)
    socket.bind({ address: host, port: 0, exclusive: true }, () => {
      const port = socket.address().port
      socket.close(() => resolve(port))
    })
  })
}

export async function pickFreePort(
  local: boolean,
  protocol: 'tcp' | 'udp',
  hostIp: string | undefined,
  published: ReadonlySet<number>,
  random: () => number = Math.random
): Promise<FreePortResult> {
  if (local) {
    const host = hostIp || '0.0.0.0'
    for (let attempt = 0; attempt < 20; attempt++) {
      const port = protocol === 'tcp' ? await bindTcp(host) : await bindUdp(host)
      if (port > 0 && !published.has(port)) {
        return { port, checkedOn: 'host', note: `Port ${port}/${protocol} was free on ${host} a moment ago.` }
      }
    }
  }
  for (let attempt = 0; attempt < 1000; attempt++) {
    const port = EPHEMERAL_FIRST + Math.floor(random() * (EPHEMERAL_LAST - EPHEMERAL_FIRST + 1))
    if (!published.has(port)) {
      return {
        port,
        checkedOn: 'engine',
        note: `No container on this engine publishes port ${port}; other programs on the engine's host could not be checked from here.`
      }
    }
  }
  throw new Error('Every port in the ephemeral range is published by a container.')
}
