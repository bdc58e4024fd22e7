/**
 * Which containers use which volumes and networks, read from ONE container list (any state):
 * the volume list has no "used by", and a network's inspect names only running containers, while
 * a stopped container still holds its volumes and still needs its networks to start again.
 */
import type Docker from 'dockerode'
import type { ContainerRef } from '../../../shared/volumes-models'
import { containerName } from './mapping'

interface ListedContainer {
  Id: string
  Names?: string[] | null
  State?: string
  Labels?: Record<string, string> | null
  Mounts?: Array<{ Type?: string; Name?: string }> | null
  NetworkSettings?: { Networks?: Record<string, { NetworkID?: string }> | null } | null
}

export interface ContainerUsage {
  /** Volume name → containers that mount it. */
  byVolume: Map<string, ContainerRef[]>
  /** Network id → containers configured on it. */
  byNetwork: Map<string, ContainerRef[]>
  /** Network name → containers configured on it (stopped containers may lack the NetworkID). */
  byNetworkName: Map<string, ContainerRef[]>
}

function push(map: Map<string, ContainerRef[]>, key: string, ref: ContainerRef): void {
  const list = map.get(key)
  if (list) list.push(ref)
  else map.set(key, [ref])
}

export function usageFrom(containers: readonly ListedContainer[]): ContainerUsage {
  const usage: ContainerUsage = { byVolume: new Map(), byNetwork: new Map(), byNetworkName: new Map() }
  for (const container of containers) {
    const ref: ContainerRef = { id: container.Id, name: containerName(container.Names, container.Id), state: container.State ?? 'unknown' }
    for (const mount of container.Mounts ?? []) {
      if (mount.Type === 'volume' && mount.Name) push(usage.byVolume, mount.Name, ref)
    }
    for (const [name, endpoint] of Object.entries(container.NetworkSettings?.Networks ?? {})) {
      push(usage.byNetworkName, name, ref)
      if (endpoint.NetworkID) push(usage.byNetwork, endpoint.NetworkID, ref)
    }
  }
  return usage
}

export async function readContainerUsage(docker: Docker, signal?: AbortSignal, filters?: Record<string, string[]>): Promise<ContainerUsage> {
  const options: Record<string, unknown> = { all: true, abortSignal: signal }
  if (filters) options.filters = JSON.stringify(filters)
  const list = (await docker.listContainers(options)) as unknown as ListedContainer[]
  return usageFrom(list)
}

/** "web (running), db (exited)" — the way the in-use messages name containers. */
export function describeContainers(refs: readonly ContainerRef[]): string {
  const named = refs.slice(0, 5).map((ref) => `${ref.name} (${ref.state})`)
  if (refs.length > 5) named.push(`${refs.length - 5} more`)
  return named.length <= 1 ? named.join('') : `${named.slice(0, -1).join(', ')} and ${named[named.length - 1]}`
}
