/**
 * Networks area DTOs and validation. The create form's rules live here once (networkFormProblems)
 * so the dialog shows each problem beside its field and the RPC boundary refuses the same input.
 */
import { z } from 'zod'
import { cidrContains, cidrProblem, cidrWithin, formatIp, networkAddress, parseCidr, parseIp } from './networks-ip'
import { ContainerRef, KeyValues } from './volumes-models'

/** Docker's own networks: they exist on every engine and can't be removed. */
export const PREDEFINED_NETWORKS: readonly string[] = ['bridge', 'host', 'none']

/** Drivers a person can pick when creating a network (host and null have exactly one instance each). */
export const CREATABLE_DRIVERS = ['bridge', 'macvlan', 'ipvlan', 'overlay'] as const

const NETWORK_NAME_RE = /^[a-zA-Z0-9][a-zA-Z0-9_.-]*$/

export function networkNameProblem(name: string): string | null {
  if (name.length === 0) return 'a network name is required'
  if (name.length > 128) return 'network names are at most 128 characters'
  if (!/^[a-zA-Z0-9]/.test(name)) return 'a network name starts with a letter or digit'
  if (!NETWORK_NAME_RE.test(name)) return 'a network name uses only letters, digits and _ . -'
  if (PREDEFINED_NETWORKS.includes(name)) return `${name} is one of Docker's own networks: pick another name`
  return null
}

/** A DNS name other containers on the network can use to reach this one. */
export function aliasProblem(alias: string): string | null {
  if (alias.length === 0) return 'an alias cannot be empty'
  if (alias.length > 253) return 'aliases are at most 253 characters'
  if (!/^[a-zA-Z0-9]([a-zA-Z0-9_.-]*[a-zA-Z0-9])?$/.test(alias)) return `"${alias}" is not a host name: use letters, digits, - _ and dots between them`
  return null
}

export function ipProblem(text: string, version?: 4 | 6): string | null {
  const ip = parseIp(text)
  if (!ip) return version === 6 ? 'write an IPv6 address, e.g. fd00:20::10' : 'write an IP address, e.g. 10.20.0.10'
  if (version && ip.version !== version) return `this must be an IPv${version} address`
  return null
}

export interface IpamFields {
  subnet: string
  gateway: string
  ipRange: string
}

export type IpamProblems = Partial<Record<keyof IpamFields, string>>

/** Checks one address pool: subnet a CIDR; gateway (an address inside it, not its network address); IP range (a CIDR inside it). */
export function ipamProblems(fields: IpamFields, version?: 4 | 6): IpamProblems {
  const problems: IpamProblems = {}
  const subnetText = fields.subnet.trim()
  const gatewayText = fields.gateway.trim()
  const rangeText = fields.ipRange.trim()
  if (!subnetText) {
    if (gatewayText) problems.gateway = 'a gateway needs a subnet'
    if (rangeText) problems.ipRange = 'an IP range needs a subnet'
    return problems
  }
  const subnetProblem = cidrProblem(subnetText)
  const subnet = parseCidr(subnetText)
  if (subnetProblem || !subnet) {
    problems.subnet = subnetProblem ?? 'not a subnet'
    return problems
  }
  if (version && subnet.version !== version) problems.subnet = `this must be an IPv${version} subnet`
  if (gatewayText) {
    const gateway = parseIp(gatewayText)
    if (!gateway || gateway.version !== subnet.version) problems.gateway = ipProblem(gatewayText, subnet.version) ?? 'not an address'
    else if (!cidrContains(subnet, gateway)) problems.gateway = `the gateway must be inside ${subnetText}`
    else if (gateway.value === networkAddress(subnet)) problems.gateway = `${gatewayText} is the subnet's own address: use e.g. ${formatIp(subnet.version, gateway.value + 1n)}`
  }
  if (rangeText) {
    const range = parseCidr(rangeText)
    const problem = cidrProblem(rangeText, 'the IP range')
    if (problem || !range) problems.ipRange = problem ?? 'not a range'
    else if (!cidrWithin(subnet, range)) problems.ipRange = `the IP range must be inside ${subnetText}`
  }
  return problems
}

const problemCheck = (check: (value: string) => string | null) => (value: string, ctx: z.RefinementCtx) => {
  const problem = check(value)
  if (problem) ctx.addIssue({ code: 'custom', message: problem })
}

export const NewNetworkName = z.string().superRefine(problemCheck(networkNameProblem))
/** An existing network by id or name. */
export const NetworkRef = z
  .string()
  .min(1, 'a network is required')
  .max(256, 'network names are at most 256 characters')
  .regex(/^[a-zA-Z0-9][a-zA-Z0-9_.-]*$/, 'network names and ids use letters, digits and _ . -')
export const Alias = z.string().superRefine(problemCheck(aliasProblem))
export const IpText = z.string().superRefine(problemCheck((text) => ipProblem(text)))

export const IpamConfigInput = z
  .object({ subnet: z.string().max(64), gateway: z.string().max(64).optional(), ipRange: z.string().max(64).optional() })
  .strict()
  .superRefine((pool, ctx) => {
    const problems = ipamProblems({ subnet: pool.subnet, gateway: pool.gateway ?? '', ipRange: pool.ipRange ?? '' })
    for (const [field, message] of Object.entries(problems)) ctx.addIssue({ code: 'custom', message, path: [field] })
  })

export const CreateNetworkInput = z
  .object({
    name: NewNetworkName,
    driver: z.enum(CREATABLE_DRIVERS),
    ipam: z.array(IpamConfigInput).max(2, 'at most one IPv4 and one IPv6 subnet').optional(),
    internal: z.boolean().optional(),
    attachable: z.boolean().optional(),
    ipv6: z.boolean().optional(),
    driverOptions: KeyValues.optional(),
    labels: KeyValues.optional()
  })
  .strict()
  .superRefine((input, ctx) => {
    const versions = (input.ipam ?? []).map((pool) => parseCidr(pool.subnet)?.version)
    if (versions.length === 2 && versions[0] === versions[1]) ctx.addIssue({ code: 'custom', message: 'give one IPv4 and one IPv6 subnet', path: ['ipam'] })
    if (versions.includes(6) && !input.ipv6) ctx.addIssue({ code: 'custom', message: 'an IPv6 subnet needs IPv6 turned on', path: ['ipv6'] })
  })
export type CreateNetworkInput = z.infer<typeof CreateNetworkInput>

export const ConnectInput = z
  .object({
    network: NetworkRef,
    container: z.string().min(1, 'pick a container').max(256).regex(/^[A-Za-z0-9][A-Za-z0-9_.-]*$/, 'not a container id or name'),
    aliases: z.array(Alias).max(32, 'at most 32 aliases').optional(),
    ipv4: IpText.optional(),
    ipv6: IpText.optional()
  })
  .strict()
  .superRefine((input, ctx) => {
    if (input.ipv4 && parseIp(input.ipv4)?.version !== 4) ctx.addIssue({ code: 'custom', message: 'this must be an IPv4 address', path: ['ipv4'] })
    if (input.ipv6 && parseIp(input.ipv6)?.version !== 6) ctx.addIssue({ code: 'custom', message: 'this must be an IPv6 address', path: ['ipv6'] })
  })
export type ConnectInput = z.infer<typeof ConnectInput>

export const IpamPool = z.object({ subnet: z.string(), gateway: z.string().optional(), ipRange: z.string().optional() })
export type IpamPool = z.infer<typeof IpamPool>

export const NetworkRow = z.object({
  id: z.string(),
  name: z.string(),
  driver: z.string(),
  scope: z.string(),
  internal: z.boolean(),
  attachable: z.boolean(),
  ipv6: z.boolean(),
  /** ISO time. */
  created: z.string().optional(),
  ipam: z.array(IpamPool),
  labels: z.record(z.string(), z.string()),
  /** bridge, host, none: Docker's own, never removable. */
  predefined: z.boolean()
})
export type NetworkRow = z.infer<typeof NetworkRow>

/**
 * Containers (any state) configured on each network, by network id. Apart from the list: it
 * costs a full container list, and network events come with every container start and stop.
 */
export const NetworkUsage = z.object({ byNetwork: z.record(z.string(), z.array(ContainerRef)) })
export type NetworkUsage = z.infer<typeof NetworkUsage>

export const NetworkEndpoint = z.object({
  id: z.string(),
  name: z.string(),
  state: z.string(),
  ipv4: z.string().optional(),
  ipv6: z.string().optional(),
  mac: z.string().optional(),
  /** The aliases people gave (the engine's automatic short-id alias left out). */
  aliases: z.array(z.string())
})
export type NetworkEndpoint = z.infer<typeof NetworkEndpoint>

export const NetworkDetails = NetworkRow.extend({
  options: z.record(z.string(), z.string()),
  ipamDriver: z.string(),
  endpoints: z.array(NetworkEndpoint)
})
export type NetworkDetails = z.infer<typeof NetworkDetails>

export const NetworkDriverChoice = z.object({
  name: z.enum(CREATABLE_DRIVERS),
  available: z.boolean(),
  /** Why it can't be used, or what it needs, in words. */
  note: z.string().optional()
})
export const NetworkDrivers = z.object({ drivers: z.array(NetworkDriverChoice) })
export type NetworkDrivers = z.infer<typeof NetworkDrivers>

export const NetworkPruneCandidate = z.object({ id: z.string(), name: z.string(), driver: z.string(), created: z.string().optional() })
export type NetworkPruneCandidate = z.infer<typeof NetworkPruneCandidate>
export const NetworkPrunePreview = z.object({
  networks: z.array(NetworkPruneCandidate),
  /** Unused by running containers but still named by stopped ones: kept, so those can start again. */
  keptForStopped: z.array(z.object({ name: z.string(), containers: z.array(z.string()) }))
})
export type NetworkPrunePreview = z.infer<typeof NetworkPrunePreview>

export const NetworkPruneResult = z.object({
  removed: z.array(z.object({ id: z.string(), name: z.string() })),
  skipped: z.array(z.object({ id: z.string(), name: z.string(), reason: z.string() }))
})
export type NetworkPruneResult = z.infer<typeof NetworkPruneResult>
