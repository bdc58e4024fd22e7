/** The connect form's checks: a container, aliases that are host names, addresses inside the network's subnets. */
import { cidrContains, parseCidr, parseIp } from '../../../../shared/networks-ip'
import { aliasProblem, ipProblem, type IpamPool } from '../../../../shared/networks-models'

export interface ConnectFields {
  container: string
  aliases: string
  ipv4: string
  ipv6: string
}

export type ConnectProblems = Partial<Record<keyof ConnectFields, string>>

export function splitAliases(text: string): string[] {
  return text
    .split(/[\s,]+/)
    .map((alias) => alias.trim())
    .filter(Boolean)
}

function addressProblem(text: string, version: 4 | 6, pools: readonly IpamPool[]): string | undefined {
  if (!text.trim()) return undefined
  const problem = ipProblem(text.trim(), version)
  if (problem) return problem
  const ip = parseIp(text.trim())
  const subnets = pools.map((pool) => parseCidr(pool.subnet)).filter((cidr) => cidr?.version === version)
  if (ip && subnets.length > 0 && !subnets.some((cidr) => cidr && cidrContains(cidr, ip))) {
    return `must be inside ${pools.filter((p) => parseCidr(p.subnet)?.version === version).map((p) => p.subnet).join(' or ')}`
  }
  return undefined
}

export function connectProblems(fields: ConnectFields, pools: readonly IpamPool[]): ConnectProblems {
  const problems: ConnectProblems = {}
  if (!fields.container) problems.container = 'pick a container'
  const aliases = splitAliases(fields.aliases)
  const badAlias = aliases.map(aliasProblem).find((problem) => problem !== null)
  if (badAlias) problems.aliases = badAlias
  else if (aliases.length > 32) problems.aliases = 'at most 32 aliases'
  const ipv4 = addressProblem(fields.ipv4, 4, pools)
  if (ipv4) problems.ipv4 = ipv4
  const ipv6 = addressProblem(fields.ipv6, 6, pools)
  if (ipv6) problems.ipv6 = ipv6
  return problems
}
