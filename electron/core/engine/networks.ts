/**
 * NetworksApi: list, drivers, create, inspect, connect, disconnect, remove and prune. Returns
 * DTOs, never dockerode types; engine errors leave in words (network-errors.ts).
 *
 * "Used by" comes from the container list (any state): a network's own inspect names only
 * running containers, but a stopped container still needs its networks to start again, so
 * prune keeps those networks (docker's own prune would remove them) and says why.
 * Prune removes the previewed networks one by one (see snapshots.ts for why not POST /prune).
 */
import type Docker from 'dockerode'
import { RpcError } from '../../../shared/errors'
import { cidrContains, parseCidr, parseIp } from '../../../shared/networks-ip'
import {
  CREATABLE_DRIVERS,
  PREDEFINED_NETWORKS,
  type ConnectInput,
  type CreateNetworkInput,
  type NetworkDetails,
  type NetworkDrivers,
  type NetworkEndpoint,
  type NetworkPrunePreview,
  type NetworkPruneResult,
  type NetworkRow,
  type NetworkUsage
} from '../../../shared/networks-models'
import type { ContainerRef } from '../../../shared/volumes-models'
import { describeContainers, readContainerUsage, type ContainerUsage } from './container-usage'
import { engineSentence, engineStatus } from './failures'
import { explainNetworkError } from './network-errors'

export interface NetworksApi {
  list(signal?: AbortSignal): Promise<NetworkRow[]>
  usage(signal?: AbortSignal): Promise<NetworkUsage>
  drivers(signal?: AbortSignal): Promise<NetworkDrivers>
  create(input: CreateNetworkInput, signal?: AbortSignal): Promise<NetworkRow>
  inspect(id: string, signal?: AbortSignal): Promise<NetworkDetails>
  connect(input: ConnectInput, signal?: AbortSignal): Promise<void>
  disconnect(network: string, container: string, force: boolean, signal?: AbortSignal): Promise<void>
  remove(id: string, signal?: AbortSignal): Promise<void>
  prunePreview(label: string | undefined, signal?: AbortSignal): Promise<NetworkPrunePreview>
  prune(ids: string[], signal?: AbortSignal): Promise<NetworkPruneResult>
}

interface EngineNetworkJson {
  Id: string
  Name?: string
  Driver?: string
  Scope?: string
  Created?: string
  Internal?: boolean
  Attachable?: boolean
  Ingress?: boolean
  EnableIPv6?: boolean
  IPAM?: { Driver?: string; Config?: Array<{ Subnet?: string; Gateway?: string; IPRange?: string }> | null } | null
  Options?: Record<string, string> | null
  Labels?: Record<string, string> | null
  /** Inspect only: running containers by id. */
  Containers?: Record<string, { Name?: string; MacAddress?: string; IPv4Address?: string; IPv6Address?: string }> | null
}

const RUNNING_STATES = new Set(['running', 'paused', 'restarting'])

/** dockerode's typings omit the options (abortSignal) these calls take. */
interface WithOptions {
  inspect(options: object): Promise<unknown>
  info(options: object): Promise<unknown>
}
const withOptions = (target: unknown): WithOptions => target as WithOptions

function usersOf(json: EngineNetworkJson, usage: ContainerUsage): ContainerRef[] {
  const byId = usage.byNetwork.get(json.Id) ?? []
  const byName = json.Name ? (usage.byNetworkName.get(json.Name) ?? []) : []
  const seen = new Set(byId.map((c) => c.id))
  return [...byId, ...byName.filter((c) => !seen.has(c.id))]
}

export function toNetworkRow(json: EngineNetworkJson): NetworkRow {
  const name = json.Name ?? json.Id.slice(0, 12)
  const row: NetworkRow = {
    id: json.Id,
    name,
    driver: json.Driver ?? '',
    scope: json.Scope ?? 'local',
    internal: json.Internal ?? false,
    attachable: json.Attachable ?? false,
    ipv6: json.EnableIPv6 ?? false,
    ipam: (json.IPAM?.Config ?? [])
      .filter((c) => c.Subnet)
      .map((c) => ({ subnet: c.Subnet as string, ...(c.Gateway ? { gateway: c.Gateway } : {}), ...(c.IPRange ? { ipRange: c.IPRange } : {}) })),
    labels: json.Labels ?? {},
    predefined: PREDEFINED_NETWORKS.includes(name)
  }
  if (json.Created) row.created = json.Created
  return row
}

/** "10.1.0.2/24" → "10.1.0.2"; "" → undefined. */
function bareAddress(address: string | undefined): string | undefined {
  return address ? address.replace(/\/\d+$/, '') : undefined
}

interface ContainerNetworksJson {
  Id: string
  Name?: string
  State?: { Status?: string }
  NetworkSettings?: { Networks?: Record<string, { Aliases?: string[] | null; IPAddress?: string; GlobalIPv6Address?: string; MacAddress?: string }> | null }
}

export function createNetworksApi(docker: Docker): NetworksApi {
  async function inspectRaw(id: string, signal?: AbortSignal): Promise<EngineNetworkJson> {
    try {
      return (await withOptions(docker.getNetwork(id)).inspect({ abortSignal: signal })) as EngineNetworkJson
    } catch (err) {
      if (engineStatus(err) === 404) throw new RpcError('NOT_FOUND', `There is no network called ${id} (any more).`)
      throw err
    }
  }

  async function endpointOf(network: EngineNetworkJson, ref: ContainerRef, signal?: AbortSignal): Promise<NetworkEndpoint> {
    const live = network.Containers?.[ref.id]
    const endpoint: NetworkEndpoint = { id: ref.id, name: ref.name, state: ref.state, aliases: [] }
    const json = (await docker
      .getContainer(ref.id)
      .inspect({ abortSignal: signal } as object)
      .catch(() => null)) as ContainerNetworksJson | null
    const settings = json?.NetworkSettings?.Networks?.[network.Name ?? ''] ?? undefined
    // The engine adds the container's short id as an alias on its own; people gave the others.
    endpoint.aliases = (settings?.Aliases ?? []).filter((alias) => alias !== ref.id.slice(0, 12))
    const ipv4 = bareAddress(live?.IPv4Address) ?? (settings?.IPAddress || undefined)
    const ipv6 = bareAddress(live?.IPv6Address) ?? (settings?.GlobalIPv6Address || undefined)
    const mac = live?.MacAddress || settings?.MacAddress || undefined
    if (ipv4) endpoint.ipv4 = ipv4
    if (ipv6) endpoint.ipv6 = ipv6
    if (mac) endpoint.mac = mac
    return endpoint
  }

  async function listRaw(signal?: AbortSignal, filters: Record<string, string[]> = {}): Promise<EngineNetworkJson[]> {
    return (await docker.listNetworks({ filters: JSON.stringify(filters), abortSignal: signal } as object)) as unknown as EngineNetworkJson[]
  }

  return {
    async list(signal) {
      return (await listRaw(signal)).map(toNetworkRow)
    },

    async usage(signal) {
      const [networks, usage] = await Promise.all([listRaw(signal), readContainerUsage(docker, signal)])
      return { byNetwork: Object.fromEntries(networks.map((network) => [network.Id, usersOf(network, usage)])) }
    },

    async drivers(signal) {
      const info = (await withOptions(docker).info({ abortSignal: signal })) as {
        Plugins?: { Network?: string[] | null }
        Swarm?: { LocalNodeState?: string; ControlAvailable?: boolean }
      }
      const offered = new Set(info.Plugins?.Network ?? ['bridge'])
      const swarmManager = info.Swarm?.LocalNodeState === 'active' && info.Swarm.ControlAvailable === true
      return {
        drivers: CREATABLE_DRIVERS.map((name) => {
          if (!offered.has(name)) return { name, available: false, note: 'this engine has no such driver' }
          if (name === 'overlay' && !swarmManager) return { name, available: false, note: 'needs Swarm mode (this engine is not a swarm manager)' }
          if (name === 'macvlan' || name === 'ipvlan') {
            return { name, available: true, note: 'gives containers addresses on a host interface (driver option parent=eth0); needs kernel support on the host' }
          }
          return { name, available: true }
        })
      }
    },

    async create(input, signal) {
      try {
        const created = (await docker.createNetwork({
          Name: input.name,
          Driver: input.driver,
          CheckDuplicate: true,
          Internal: input.internal ?? false,
          Attachable: input.attachable ?? false,
          EnableIPv6: input.ipv6 ?? false,
          IPAM: {
            Driver: 'default',
            Config: (input.ipam ?? []).map((pool) => ({
              Subnet: pool.subnet,
              ...(pool.gateway ? { Gateway: pool.gateway } : {}),
              ...(pool.ipRange ? { IPRange: pool.ipRange } : {})
            }))
          },
          Options: input.driverOptions ?? {},
          Labels: input.labels ?? {},
          abortSignal: signal
        } as Docker.NetworkCreateOptions)) as unknown as { id: string }
        return toNetworkRow(await inspectRaw(created.id, signal))
      } catch (err) {
        throw explainNetworkError(err, { network: input.name, driver: input.driver })
      }
    },

    async inspect(id, signal) {
      const [json, usage] = await Promise.all([inspectRaw(id, signal), readContainerUsage(docker, signal, { network: [id] })])
      const row = toNetworkRow(json)
      const containers = usersOf(json, usage)
      const running = Object.entries(json.Containers ?? {}).map(([cid, c]) => ({ id: cid, name: c.Name ?? cid.slice(0, 12), state: 'running' }))
      const known = new Set(running.map((c) => c.id))
      const everyone = [...running, ...containers.filter((c) => !known.has(c.id))]
      const endpoints = await Promise.all(everyone.map((ref) => endpointOf(json, ref, signal)))
      return { ...row, options: json.Options ?? {}, ipamDriver: json.IPAM?.Driver ?? 'default', endpoints: endpoints.sort((a, b) => a.name.localeCompare(b.name)) }
    },

    async connect(input, signal) {
      const network = await inspectRaw(input.network, signal)
      for (const address of [input.ipv4, input.ipv6]) {
        const ip = address ? parseIp(address) : null
        if (!ip) continue
        const pools = (network.IPAM?.Config ?? []).map((c) => parseCidr(c.Subnet ?? '')).filter((c) => c?.version === ip.version)
        if (pools.length > 0 && !pools.some((pool) => pool && cidrContains(pool, ip))) {
          const subnets = (network.IPAM?.Config ?? []).map((c) => c.Subnet).join(', ')
          throw new RpcError('INVALID_INPUT', `${address} is outside ${network.Name}'s subnet (${subnets}).`)
        }
      }
      const ipam = { ...(input.ipv4 ? { IPv4Address: input.ipv4 } : {}), ...(input.ipv6 ? { IPv6Address: input.ipv6 } : {}) }
      try {
        await docker.getNetwork(network.Id).connect({
          Container: input.container,
          EndpointConfig: { Aliases: input.aliases ?? [], ...(Object.keys(ipam).length ? { IPAMConfig: ipam } : {}) },
          abortSignal: signal
        } as object)
      } catch (err) {
        throw explainNetworkError(err, { network: network.Name, container: input.container })
      }
    },

    async disconnect(network, container, force, signal) {
      try {
        await docker.getNetwork(network).disconnect({ Container: container, Force: force, abortSignal: signal } as object)
      } catch (err) {
        throw explainNetworkError(err, { network, container })
      }
    },

    async remove(id, signal) {
      const json = await inspectRaw(id, signal)
      const name = json.Name ?? id
      if (PREDEFINED_NETWORKS.includes(name)) {
        throw new RpcError('UNSUPPORTED', `${name} is one of Docker's own networks (bridge, host, none); it can't be removed.`)
      }
      try {
        await docker.getNetwork(json.Id).remove({ abortSignal: signal } as object)
      } catch (err) {
        if (/active endpoints/i.test(engineSentence(err))) {
          const fresh = await inspectRaw(json.Id).catch(() => json)
          const users = Object.entries(fresh.Containers ?? {}).map(([cid, c]) => ({ id: cid, name: c.Name ?? cid.slice(0, 12), state: 'running' }))
          const named = users.length ? describeContainers(users) : 'running containers'
          throw new RpcError('IN_USE', `Network ${name} is in use by ${named}. Disconnect or stop them first; the network is kept until then.`, { containers: users })
        }
        throw explainNetworkError(err, { network: name })
      }
    },

    async prunePreview(label, signal) {
      const filters: Record<string, string[]> = label ? { label: [label] } : {}
      const [networks, usage] = await Promise.all([listRaw(signal, filters), readContainerUsage(docker, signal)])
      const preview: NetworkPrunePreview = { networks: [], keptForStopped: [] }
      for (const json of networks) {
        const name = json.Name ?? json.Id
        if (PREDEFINED_NETWORKS.includes(name) || json.Ingress) continue
        const users = usersOf(json, usage)
        if (users.some((u) => RUNNING_STATES.has(u.state))) continue
        if (users.length > 0) preview.keptForStopped.push({ name, containers: users.map((u) => u.name) })
        else preview.networks.push({ id: json.Id, name, driver: json.Driver ?? '', ...(json.Created ? { created: json.Created } : {}) })
      }
      preview.networks.sort((a, b) => a.name.localeCompare(b.name))
      return preview
    },

    async prune(ids, signal) {
      const result: NetworkPruneResult = { removed: [], skipped: [] }
      for (const id of ids) {
        let json: EngineNetworkJson
        try {
          json = await inspectRaw(id, signal)
        } catch (err) {
          if (signal?.aborted) throw err
          result.skipped.push({ id, name: id.slice(0, 12), reason: err instanceof RpcError && err.code === 'NOT_FOUND' ? 'it no longer exists' : engineSentence(err) })
          continue
        }
        const name = json.Name ?? id
        const users = usersOf(json, await readContainerUsage(docker, signal, { network: [json.Id] }))
        if (PREDEFINED_NETWORKS.includes(name)) {
          result.skipped.push({ id, name, reason: "it is one of Docker's own networks" })
        } else if (users.length > 0) {
          result.skipped.push({ id, name, reason: `it is used by ${describeContainers(users)} now` })
        } else {
          try {
            await docker.getNetwork(json.Id).remove({ abortSignal: signal } as object)
            result.removed.push({ id: json.Id, name })
          } catch (err) {
            if (signal?.aborted) throw err
            result.skipped.push({ id, name, reason: engineSentence(err) })
          }
        }
      }
      return result
    }
  }
}
