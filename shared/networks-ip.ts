/**
 * IPv4 / IPv6 addresses and CIDR subnets, parsed strictly (the way Go's net package reads them,
 * which is what the engine uses) into bigints so containment is plain arithmetic. Pure functions,
 * shared by the network dialogs and the RPC boundary.
 */

export interface IpAddress {
  version: 4 | 6
  value: bigint
}

export interface Cidr {
  version: 4 | 6
  /** The address as written (host bits may be set; see cidrProblem). */
  address: bigint
  prefix: number
}

const BITS = { 4: 32, 6: 128 } as const

export function parseIPv4(text: string): bigint | null {
  const parts = text.split('.')
  if (parts.length !== 4) return null
  let value = 0n
  for (const part of parts) {
    // No leading zeros: "010" is octal to some parsers and refused by Go's.
    if (!/^(0|[1-9][0-9]{0,2})$/.test(part)) return null
    const byte = Number(part)
    if (byte > 255) return null
    value = (value << 8n) | BigInt(byte)
  }
  return value
}

function parseGroups(text: string): bigint[] | null {
  if (text === '') return []
  const groups: bigint[] = []
  for (const group of text.split(':')) {
    if (!/^[0-9a-fA-F]{1,4}$/.test(group)) return null
    groups.push(BigInt(parseInt(group, 16)))
  }
  return groups
}

export function parseIPv6(text: string): bigint | null {
  if (text.includes('%')) return null // zones make no sense in a network's config
  let body = text
  let tail: bigint[] = []
  // An IPv4 tail ("::ffff:10.0.0.1") counts as two groups.
  const lastColon = body.lastIndexOf(':')
  if (body.slice(lastColon + 1).includes('.')) {
    const v4 = parseIPv4(body.slice(lastColon + 1))
    if (v4 === null) return null
    tail = [v4 >> 16n, v4 & 0xffffn]
    body = body.slice(0, lastColon + 1)
    if (body.endsWith(':') && !body.endsWith('::')) body = body.slice(0, -1)
  }
  const halves = body.split('::')
  if (halves.length > 2) return null
  const head = parseGroups(halves[0])
  const rest = halves.length === 2 ? parseGroups(halves[1]) : []
  if (head === null || rest === null) return null
  const written = head.length + rest.length + tail.length
  let groups: bigint[]
  if (halves.length === 2) {
    if (written > 7) return null
    groups = [...head, ...Array<bigint>(8 - written).fill(0n), ...rest, ...tail]
  } else {
    if (written !== 8) return null
    groups = [...head, ...tail]
  }
  return groups.reduce((value, group) => (value << 16n) | group, 0n)
}

export function parseIp(text: string): IpAddress | null {
  const trimmed = text.trim()
  if (trimmed.includes(':')) {
    const value = parseIPv6(trimmed)
    return value === null ? null : { version: 6, value }
  }
  const value = parseIPv4(trimmed)
  return value === null ? null : { version: 4, value }
}

export function parseCidr(text: string): Cidr | null {
  const slash = text.trim().split('/')
  if (slash.length !== 2 || !/^[0-9]{1,3}$/.test(slash[1])) return null
  const ip = parseIp(slash[0])
  if (!ip) return null
  const prefix = Number(slash[1])
  if (prefix > BITS[ip.version]) return null
  return { version: ip.version, address: ip.value, prefix }
}

function hostMask(cidr: Cidr): bigint {
  return (1n << BigInt(BITS[cidr.version] - cidr.prefix)) - 1n
}

export function networkAddress(cidr: Cidr): bigint {
  return cidr.address & ~hostMask(cidr)
}

export function formatIp(version: 4 | 6, value: bigint): string {
  if (version === 4) return [24n, 16n, 8n, 0n].map((shift) => String((value >> shift) & 0xffn)).join('.')
  const groups = Array.from({ length: 8 }, (_, i) => ((value >> BigInt(112 - 16 * i)) & 0xffffn).toString(16))
  // Compress the longest run of zero groups (two or more) to "::".
  let best = { start: -1, length: 0 }
  for (let i = 0; i < 8; ) {
    if (groups[i] !== '0') {
      i++
      continue
    }
    let j = i
    while (j < 8 && groups[j] === '0') j++
    if (j - i > best.length && j - i >= 2) best = { start: i, length: j - i }
    i = j
  }
  if (best.start === -1) return groups.join(':')
  return `${groups.slice(0, best.start).join(':')}::${groups.slice(best.start + best.length).join(':')}`
}

export function formatCidr(cidr: Cidr): string {
  return `${formatIp(cidr.version, networkAddress(cidr))}/${cidr.prefix}`
}

export function cidrContains(cidr: Cidr, ip: IpAddress): boolean {
  return cidr.version === ip.version && (ip.value & ~hostMask(cidr)) === networkAddress(cidr)
}

/** True when every address of `inner` is inside `outer`. */
export function cidrWithin(outer: Cidr, inner: Cidr): boolean {
  return outer.version === inner.version && inner.prefix >= outer.prefix && cidrContains(outer, { version: inner.version, value: inner.address })
}

/** A sentence for people, or null when `text` is a usable subnet. */
export function cidrProblem(text: string, what = 'the subnet'): string | null {
  const cidr = parseCidr(text)
  if (!cidr) return `${what} is written as an address and a prefix length, e.g. 10.20.0.0/24 or fd00:20::/64`
  if (cidr.version === 4 && cidr.prefix > 30 && what === 'the subnet') return `${what} is too small for containers: use a prefix length of 30 or less`
  if (networkAddress(cidr) !== cidr.address) return `${what} has host bits set: did you mean ${formatCidr(cidr)}?`
  return null
}
