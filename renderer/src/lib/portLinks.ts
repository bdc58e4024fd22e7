/**
 * The ONE place a published port becomes a link. For this machine's engine a port bound to all
 * addresses (or loopback) opens at localhost; for a remote engine (SSH, TCP) it opens at that
 * engine's host (its summary's linkHost), and a port bound to the remote machine's loopback is
 * shown without a link, because it cannot be reached from here.
 */
import type { PortMapping } from '../../../shared/models'

export interface PortLink {
  /** host:port as people read it. */
  label: string
  /** Absent when the port cannot be opened from here (not tcp, or bound to a remote loopback). */
  url?: string
  /** Why there is no link, when there is none for a tcp port. */
  why?: string
}

const ANY_ADDRESS = new Set(['', '0.0.0.0', '::'])
const LOOPBACK = new Set(['127.0.0.1', '::1', 'localhost'])

function bracketed(host: string): string {
  return host.includes(':') && !host.startsWith('[') ? `[${host}]` : host
}

/** Where a published port is reached; `engineHost` is the active engine's linkHost (undefined: this machine). */
export function publishedPortHost(hostIp: string | undefined, engineHost: string | undefined): string | undefined {
  const ip = hostIp ?? ''
  if (engineHost === undefined) return ANY_ADDRESS.has(ip) || LOOPBACK.has(ip) ? 'localhost' : bracketed(ip)
  if (ANY_ADDRESS.has(ip)) return bracketed(engineHost)
  if (LOOPBACK.has(ip)) return undefined
  return bracketed(ip)
}

export function publishedPortLink(port: Pick<PortMapping, 'hostIp' | 'publicPort' | 'protocol'>, engineHost: string | undefined): PortLink | undefined {
  if (port.publicPort === undefined) return undefined
  const host = publishedPortHost(port.hostIp, engineHost)
  if (host === undefined) {
    return {
      label: `127.0.0.1:${port.publicPort}`,
      why: `Bound to the remote machine's loopback: not reachable from here (forward it, e.g. ssh -L ${port.publicPort}:127.0.0.1:${port.publicPort} ${engineHost ?? ''}).`.replace(' )', ')')
    }
  }
  const label = `${host}:${port.publicPort}`
  return port.protocol === 'tcp' ? { label, url: `http://${label}/` } : { label }
}
