/**
 * Which engine daemons run on this machine and which sockets they serve, read from their command
 * lines (/proc/PID/cmdline). A dockerd told no -H serves its default; that is how detection tells
 * "the system Docker is stopped" apart from "some other dockerd runs" (a test engine, rootless).
 */
import type { DaemonProcess } from '../../../shared/setup-models'

export interface ProcessInfo {
  pid: number
  /** /proc/PID/comm: the program's short name. */
  name: string
  argv: string[]
}

export const DOCKER_SYSTEM_SOCKET = '/var/run/docker.sock'
export const CONTAINERD_SYSTEM_SOCKET = '/run/containerd/containerd.sock'
export const PODMAN_SYSTEM_SOCKET = '/run/podman/podman.sock'

/** /proc/PID/comm is cut at 15 characters: "dockerd-rootles" is dockerd-rootless.sh. */
const DAEMON_NAMES = new Set(['dockerd', 'containerd', 'podman', 'rootlesskit', 'dockerd-rootles'])

/** Values of an option given as `-H x`, `-H=x`, `-Hx`, `--host x` or `--host=x`. */
function optionValues(argv: readonly string[], short: string | null, long: string): string[] {
  const values: string[] = []
  for (let i = 1; i < argv.length; i++) {
    const arg = argv[i]
    if (arg === long || (short && arg === short)) {
      if (i + 1 < argv.length) values.push(argv[++i])
    } else if (arg.startsWith(`${long}=`)) {
      values.push(arg.slice(long.length + 1))
    } else if (short && arg.startsWith(short) && arg.length > short.length) {
      values.push(arg.slice(short.length).replace(/^=/, ''))
    }
  }
  return values
}

function unixPath(address: string): string | undefined {
  if (address.startsWith('unix://')) return address.slice('unix://'.length)
  return address.startsWith('/') ? address : undefined
}

/** containerd's socket lives in its TOML config ([grpc] address = "…") unless --address says. */
function containerdSockets(argv: readonly string[], readText: (path: string) => string | undefined): string[] {
  const explicit = optionValues(argv, '-a', '--address')
  if (explicit.length > 0) return explicit
  const config = optionValues(argv, '-c', '--config')[0] ?? '/etc/containerd/config.toml'
  const text = readText(config) ?? ''
  const grpc = /\[grpc\][^[]*?address\s*=\s*"([^"]+)"/.exec(text)
  return [grpc?.[1] ?? CONTAINERD_SYSTEM_SOCKET]
}

function socketsOf(process: ProcessInfo, readText: (path: string) => string | undefined): string[] {
  const { argv } = process
  switch (process.name) {
    case 'dockerd': {
      const hosts = optionValues(argv, '-H', '--host').map(unixPath).filter((p): p is string => p !== undefined)
      return hosts.length > 0 ? hosts : [DOCKER_SYSTEM_SOCKET]
    }
    case 'containerd':
      return containerdSockets(argv, readText)
    case 'podman': {
      // `podman system service [--time=0] [URI]`: the URI is the one positional after "service".
      const at = argv.indexOf('service')
      if (argv[at - 1] !== 'system') return []
      const uri = argv.slice(at + 1).find((arg) => !arg.startsWith('-'))
      const path = uri ? unixPath(uri) : undefined
      return path ? [path] : []
    }
    default:
      return []
  }
}

export function findDaemons(processes: readonly ProcessInfo[], readText: (path: string) => string | undefined): DaemonProcess[] {
  return processes
    .filter((process) => DAEMON_NAMES.has(process.name))
    .filter((process) => process.name !== 'podman' || process.argv.includes('service'))
    .map((process) => ({ pid: process.pid, name: process.name, sockets: socketsOf(process, readText) }))
    .sort((a, b) => a.pid - b.pid)
}
