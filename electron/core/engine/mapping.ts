/**
 * Engine JSON → Berth DTOs. The engine's field names and quirks stay here: leading '/' on
 * container names, `<none>:<none>` tags, `Containers: -1` on image lists, compose labels.
 */
import type {
  ContainerState,
  ContainerSummary,
  EngineInfo,
  ImageSummary,
  PortMapping
} from '../../../shared/models'
import type { EngineHandshake } from './client'

export interface EngineContainerJson {
  Id: string
  Names?: string[] | null
  Image?: string
  ImageID?: string
  Command?: string
  Created?: number
  State?: string
  Status?: string
  Ports?: Array<{ PrivatePort: number; PublicPort?: number; IP?: string; Type?: string }> | null
  Labels?: Record<string, string> | null
}

export interface EngineImageJson {
  Id: string
  RepoTags?: string[] | null
  RepoDigests?: string[] | null
  Size?: number
  Created?: number
  Containers?: number
  Labels?: Record<string, string> | null
}

const STATES: ReadonlySet<string> = new Set(['created', 'running', 'paused', 'restarting', 'removing', 'exited', 'dead'])
const PROTOCOLS: ReadonlySet<string> = new Set(['tcp', 'udp', 'sctp'])

export const COMPOSE_PROJECT_LABEL = 'com.docker.compose.project'
export const COMPOSE_SERVICE_LABEL = 'com.docker.compose.service'

/** Names come as ["/web"]; a linked container also has "/other/alias" names, which we skip. */
export function containerName(names: string[] | null | undefined, id: string): string {
  const list = names ?? []
  const primary = list.find((n) => n.lastIndexOf('/') === 0) ?? list[0]
  return primary ? primary.replace(/^\//, '') : id.slice(0, 12)
}

/** Inspect answers carry the one name as "/web"; a missing one falls back to the short id. */
export function inspectedName(name: string | undefined, id: string): string {
  return (name ?? '').replace(/^\//, '') || id.slice(0, 12)
}

function toPort(port: NonNullable<EngineContainerJson['Ports']>[number]): PortMapping {
  const protocol = port.Type && PROTOCOLS.has(port.Type) ? (port.Type as PortMapping['protocol']) : 'tcp'
  const mapping: PortMapping = { privatePort: port.PrivatePort, protocol }
  if (typeof port.PublicPort === 'number') mapping.publicPort = port.PublicPort
  if (port.IP) mapping.hostIp = port.IP
  return mapping
}

export function toContainerSummary(json: EngineContainerJson): ContainerSummary {
  const labels = json.Labels ?? {}
  const state = (json.State ?? '').toLowerCase()
  const summary: ContainerSummary = {
    id: json.Id,
    name: containerName(json.Names, json.Id),
    image: json.Image ?? '',
    imageId: json.ImageID ?? '',
    command: json.Command ?? '',
    created: json.Created ?? 0,
    state: STATES.has(state) ? (state as ContainerState) : 'dead',
    status: json.Status ?? '',
    ports: (json.Ports ?? []).map(toPort),
    labels
  }
  if (labels[COMPOSE_PROJECT_LABEL]) summary.composeProject = labels[COMPOSE_PROJECT_LABEL]
  if (labels[COMPOSE_SERVICE_LABEL]) summary.composeService = labels[COMPOSE_SERVICE_LABEL]
  return summary
}

function isRealTag(tag: string): boolean {
  return tag !== '<none>:<none>' && tag !== '<none>@<none>'
}

/**
 * `containersByImageId` is computed from the container list because engines answer -1 unless
 * asked for the (slow) shared-size calculation.
 */
export function toImageSummary(json: EngineImageJson, containersByImageId: ReadonlyMap<string, number>): ImageSummary {
  const repoTags = (json.RepoTags ?? []).filter(isRealTag)
  const repoDigests = (json.RepoDigests ?? []).filter(isRealTag)
  const reported = json.Containers ?? -1
  return {
    id: json.Id,
    repoTags,
    repoDigests,
    size: json.Size ?? 0,
    created: json.Created ?? 0,
    containers: reported >= 0 ? reported : (containersByImageId.get(json.Id) ?? 0),
    dangling: repoTags.length === 0,
    labels: json.Labels ?? {}
  }
}

export function countContainersByImage(containers: ReadonlyArray<{ ImageID?: string }>): Map<string, number> {
  const counts = new Map<string, number>()
  for (const c of containers) {
    if (!c.ImageID) continue
    counts.set(c.ImageID, (counts.get(c.ImageID) ?? 0) + 1)
  }
  return counts
}

export interface EngineInfoJson {
  Name?: string
  OSType?: string
  Architecture?: string
  NCPU?: number
  MemTotal?: number
  Containers?: number
  Images?: number
  ServerVersion?: string
}

export function toEngineInfo(engineId: string, info: EngineInfoJson, handshake: EngineHandshake): EngineInfo {
  return {
    engineId,
    version: info.ServerVersion ?? handshake.version,
    apiVersion: handshake.apiVersion,
    identity: handshake.identity,
    capabilities: handshake.capabilities,
    os: info.OSType ?? 'unknown',
    arch: info.Architecture ?? 'unknown',
    cpus: info.NCPU ?? 0,
    memoryBytes: info.MemTotal ?? 0,
    containers: info.Containers ?? 0,
    images: info.Images ?? 0,
    name: info.Name ?? ''
  }
}
