/**
 * RunSpec → the engine's create body, and the engine's inspect JSON → ContainerDetails. The
 * engine's field names (HostConfig, NanoCpus, "80/tcp" keys…) stay in this file.
 */
import type { PortMapping } from '../../../shared/models'
import type { ContainerDetails, MountInfo, RestartPolicy, RunSpec } from '../../../shared/run-models'
import { inspectedName } from './mapping'

export interface EngineCreateBody {
  name?: string
  Image: string
  Cmd?: string[]
  Entrypoint?: string[]
  Tty: boolean
  OpenStdin: boolean
  StdinOnce: boolean
  AttachStdin: boolean
  AttachStdout: boolean
  AttachStderr: boolean
  WorkingDir?: string
  User?: string
  Env: string[]
  Labels: Record<string, string>
  ExposedPorts: Record<string, Record<string, never>>
  HostConfig: Record<string, unknown>
}

/** Only the limits that were set: an absent field means "the engine's default" (unlimited). */
function hostLimits(resources: RunSpec['resources']): Record<string, number> {
  const limits: Record<string, number> = {}
  if (resources.nanoCpus) limits.NanoCpus = resources.nanoCpus
  if (resources.cpuQuota) limits.CpuQuota = resources.cpuQuota
  if (resources.cpuPeriod) limits.CpuPeriod = resources.cpuPeriod
  if (resources.memory) limits.Memory = resources.memory
  if (resources.memorySwap) limits.MemorySwap = resources.memorySwap
  if (resources.pidsLimit) limits.PidsLimit = resources.pidsLimit
  return limits
}

/** The engine spells "no" as "" and takes a retry count only with on-failure (create and update alike). */
export function toEngineRestartPolicy({ name, maximumRetryCount }: RestartPolicy): { Name: string; MaximumRetryCount: number } {
  return { Name: name === 'no' ? '' : name, MaximumRetryCount: name === 'on-failure' ? (maximumRetryCount ?? 0) : 0 }
}

export function toCreateBody(spec: RunSpec): EngineCreateBody {
  const exposed: EngineCreateBody['ExposedPorts'] = {}
  const bindings: Record<string, Array<{ HostIp: string; HostPort: string }>> = {}
  for (const port of spec.ports) {
    const key = `${port.containerPort}/${port.protocol}`
    exposed[key] = {}
    // An empty HostPort asks the engine for a random free one.
    ;(bindings[key] ??= []).push({ HostIp: port.hostIp ?? '', HostPort: port.hostPort === undefined ? '' : String(port.hostPort) })
  }
  const body: EngineCreateBody = {
    Image: spec.image,
    Tty: spec.tty,
    OpenStdin: spec.interactive,
    StdinOnce: false,
    AttachStdin: spec.interactive,
    AttachStdout: true,
    AttachStderr: true,
    Env: spec.env.map(({ key, value }) => `${key}=${value}`),
    Labels: Object.fromEntries(spec.labels.map(({ key, value }) => [key, value])),
    ExposedPorts: exposed,
    HostConfig: {
      PortBindings: bindings,
      Mounts: spec.mounts.map((m) => ({ Type: m.type, Source: m.source, Target: m.target, ReadOnly: m.readOnly })),
      RestartPolicy: toEngineRestartPolicy(spec.restartPolicy),
      ...(spec.network ? { NetworkMode: spec.network } : {}),
      ...hostLimits(spec.resources)
    }
  }
  if (spec.name) body.name = spec.name
  if (spec.command) body.Cmd = spec.command
  if (spec.entrypoint) body.Entrypoint = spec.entrypoint
  if (spec.workingDir) body.WorkingDir = spec.workingDir
  if (spec.user) body.User = spec.user
  return body
}

/** The parts of GET /containers/{id}/json that Berth reads. */
export interface EngineInspectJson {
  Id: string
  Name?: string
  Created?: string
  Image?: string
  State?: {
    Status?: string
    Running?: boolean
    Paused?: boolean
    ExitCode?: number
    StartedAt?: string
    FinishedAt?: string
    OOMKilled?: boolean
    Error?: string
  }
  Config?: {
    Image?: string
    Cmd?: string[] | null
    Entrypoint?: string[] | string | null
    WorkingDir?: string
    User?: string
    Tty?: boolean
    OpenStdin?: boolean
    Env?: string[] | null
    Labels?: Record<string, string> | null
  }
  HostConfig?: {
    NanoCpus?: number
    CpuQuota?: number
    CpuPeriod?: number
    Memory?: number
    MemorySwap?: number
    PidsLimit?: number | null
    RestartPolicy?: { Name?: string; MaximumRetryCount?: number }
  }
  Mounts?: Array<{ Type?: string; Name?: string; Source?: string; Destination?: string; RW?: boolean }> | null
  NetworkSettings?: {
    Ports?: Record<string, Array<{ HostIp?: string; HostPort?: string }> | null> | null
    Networks?: Record<string, { IPAddress?: string; Gateway?: string }> | null
  }
}

function toPorts(ports: NonNullable<NonNullable<EngineInspectJson['NetworkSettings']>['Ports']>): PortMapping[] {
  const out: PortMapping[] = []
  for (const [key, bindings] of Object.entries(ports)) {
    const [portText, proto] = key.split('/')
    const protocol: PortMapping['protocol'] = proto === 'udp' || proto === 'sctp' ? proto : 'tcp'
    const privatePort = Number(portText)
    if (!bindings || bindings.length === 0) {
      out.push({ privatePort, protocol })
      continue
    }
    for (const binding of bindings) {
      const mapping: PortMapping = { privatePort, protocol }
      if (binding.HostPort) mapping.publicPort = Number(binding.HostPort)
      if (binding.HostIp) mapping.hostIp = binding.HostIp
      out.push(mapping)
    }
  }
  return out.sort((a, b) => a.privatePort - b.privatePort)
}

function splitEnv(line: string): { key: string; value: string } {
  const at = line.indexOf('=')
  return at < 0 ? { key: line, value: '' } : { key: line.slice(0, at), value: line.slice(at + 1) }
}

export function toContainerDetails(json: EngineInspectJson): ContainerDetails {
  const state = json.State ?? {}
  const config = json.Config ?? {}
  const host = json.HostConfig ?? {}
  const entrypoint = config.Entrypoint
  return {
    id: json.Id,
    name: inspectedName(json.Name, json.Id),
    image: config.Image ?? json.Image ?? '',
    imageId: json.Image ?? '',
    created: json.Created ?? '',
    state: {
      status: state.Status ?? 'unknown',
      running: state.Running ?? false,
      paused: state.Paused ?? false,
      exitCode: state.ExitCode ?? 0,
      startedAt: state.StartedAt ?? '',
      finishedAt: state.FinishedAt ?? '',
      oomKilled: state.OOMKilled ?? false,
      error: state.Error ?? ''
    },
    command: config.Cmd ?? [],
    entrypoint: typeof entrypoint === 'string' ? [entrypoint] : (entrypoint ?? []),
    workingDir: config.WorkingDir ?? '',
    user: config.User ?? '',
    tty: config.Tty ?? false,
    openStdin: config.OpenStdin ?? false,
    ports: toPorts(json.NetworkSettings?.Ports ?? {}),
    mounts: (json.Mounts ?? []).map(
      (m): MountInfo => ({
        type: m.Type ?? 'bind',
        ...(m.Name ? { name: m.Name } : {}),
        source: m.Source ?? '',
        destination: m.Destination ?? '',
        readOnly: m.RW === false
      })
    ),
    env: (config.Env ?? []).map(splitEnv),
    labels: config.Labels ?? {},
    restartPolicy: {
      name: host.RestartPolicy?.Name || 'no',
      maximumRetryCount: host.RestartPolicy?.MaximumRetryCount ?? 0
    },
    limits: {
      nanoCpus: host.NanoCpus ?? 0,
      cpuQuota: host.CpuQuota ?? 0,
      cpuPeriod: host.CpuPeriod ?? 0,
      memory: host.Memory ?? 0,
      memorySwap: host.MemorySwap ?? 0,
      pidsLimit: host.PidsLimit ?? 0
    },
    networks: Object.entries(json.NetworkSettings?.Networks ?? {}).map(([name, n]) => ({
      name,
      ipAddress: n.IPAddress ?? '',
      gateway: n.Gateway ?? ''
    })),
    raw: json as unknown as Record<string, unknown>
  }
}
