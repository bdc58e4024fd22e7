/**
 * What the host's network interfaces look like, read with `ip -j`, so tests (and the suite's own
 * before/after check in scripts/) can tell that nothing Berth's tests start changed them.
 */
import { execFileSync } from 'node:child_process'
import { readFileSync } from 'node:fs'

export interface InterfaceSnapshot {
  name: string
  /** Changes when the interface is deleted and made again, even under the same name. */
  index: number
  alias?: string
  up: boolean
  addresses: string[]
}

interface IpAddrEntry {
  ifindex: number
  ifname: string
  flags?: string[]
  addr_info?: Array<{ local: string; prefixlen: number }>
}

/** The interface's name, alias, admin state and addresses; undefined when it does not exist. */
export function readInterface(name: string): InterfaceSnapshot | undefined {
  let output: string
  try {
    output = execFileSync('ip', ['-j', 'addr', 'show', 'dev', name], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] })
  } catch {
    return undefined
  }
  const entry = (JSON.parse(output) as IpAddrEntry[])[0]
  if (!entry) return undefined
  const alias = readAlias(name)
  return {
    name: entry.ifname,
    index: entry.ifindex,
    ...(alias ? { alias } : {}),
    up: entry.flags?.includes('UP') ?? false,
    addresses: (entry.addr_info ?? []).map((a) => `${a.local}/${a.prefixlen}`).sort()
  }
}

/** `ip -j` leaves the alias out; sysfs has it. */
function readAlias(name: string): string | undefined {
  try {
    return readFileSync(`/sys/class/net/${name}/ifalias`, 'utf8').trim() || undefined
  } catch {
    return undefined
  }
}
