/**
 * DTOs that cross the boundary. These are Berth's own shapes, never dockerode's: the engine
 * layer maps the engine's JSON into them, and the renderer only ever sees these.
 */
import { z } from 'zod'
import { EngineAttention, EngineCapabilities, EngineFacts, EngineIdentity } from './engines-models'

/** A Docker object id or name as people type it: no control characters, bounded length. */
export const ObjectRef = z
  .string()
  .min(1, 'an id or name is required')
  .max(256, 'ids and names are at most 256 characters')
  .regex(/^[A-Za-z0-9][A-Za-z0-9_.:@/+-]*$/, 'ids and names use letters, digits and _ . : @ / + -')

export const ContainerState = z.enum(['created', 'running', 'paused', 'restarting', 'removing', 'exited', 'dead'])
export type ContainerState = z.infer<typeof ContainerState>

export const PortMapping = z.object({
  privatePort: z.number().int(),
  publicPort: z.number().int().optional(),
  hostIp: z.string().optional(),
  protocol: z.enum(['tcp', 'udp', 'sctp'])
})
export type PortMapping = z.infer<typeof PortMapping>

export const ContainerSummary = z.object({
  id: z.string(),
  name: z.string(),
  image: z.string(),
  imageId: z.string(),
  command: z.string(),
  /** Unix seconds. */
  created: z.number(),
  state: ContainerState,
  /** The engine's own words, e.g. "Up 3 minutes (healthy)". */
  status: z.string(),
  ports: z.array(PortMapping),
  labels: z.record(z.string(), z.string()),
  /** From the com.docker.compose.project label, when present. */
  composeProject: z.string().optional(),
  composeService: z.string().optional()
})
export type ContainerSummary = z.infer<typeof ContainerSummary>

export const ImageSummary = z.object({
  id: z.string(),
  repoTags: z.array(z.string()),
  repoDigests: z.array(z.string()),
  /** Bytes. */
  size: z.number(),
  /** Unix seconds. */
  created: z.number(),
  /** Containers (any state) created from this image. */
  containers: z.number().int(),
  dangling: z.boolean(),
  labels: z.record(z.string(), z.string())
})
export type ImageSummary = z.infer<typeof ImageSummary>

export const EngineKind = z.enum(['unix', 'npipe', 'tcp', 'ssh'])
export type EngineKind = z.infer<typeof EngineKind>

export const EngineSource = z.enum(['env', 'context', 'well-known', 'settings', 'vm'])
export type EngineSource = z.infer<typeof EngineSource>

export const ConnectionState = z.enum(['connected', 'connecting', 'unavailable'])
export type ConnectionState = z.infer<typeof ConnectionState>

export const EngineSummary = z.object({
  id: z.string(),
  /** What people call it: "Docker (default socket)", "context: colima", "ssh: me@build-box". */
  name: z.string(),
  kind: EngineKind,
  source: EngineSource,
  /** Where it is: a socket path, tcp://host:port, ssh://user@host. */
  endpoint: z.string(),
  state: ConnectionState,
  active: z.boolean(),
  /** Why it is unavailable, in words, with what to do. */
  error: z.string().optional(),
  /** Engine version once connected, e.g. "20.10.24". */
  version: z.string().optional(),
  /** Which product it is (Docker, Podman, …), its version and API version, from its last connect. */
  identity: EngineIdentity.optional(),
  /** What it can and can't do, decided at its last connect. */
  capabilities: EngineCapabilities.optional(),
  /** What the engine said about itself at its last connect (kept while it is unavailable). */
  facts: EngineFacts.optional(),
  /** The host published ports are reached at (an SSH or TCP engine's host); absent for this machine. */
  linkHost: z.string().optional(),
  /** Something the person must decide before it can connect (a host key, a passphrase). */
  attention: EngineAttention.optional(),
  /** When its health was last checked (ms since the epoch). */
  checkedAt: z.number().optional()
})
export type EngineSummary = z.infer<typeof EngineSummary>

export const EngineInfo = z.object({
  engineId: z.string(),
  version: z.string(),
  apiVersion: z.string(),
  os: z.string(),
  arch: z.string(),
  cpus: z.number().int(),
  memoryBytes: z.number(),
  containers: z.number().int(),
  images: z.number().int(),
  name: z.string(),
  identity: EngineIdentity,
  capabilities: EngineCapabilities
})
export type EngineInfo = z.infer<typeof EngineInfo>

/**
 * The one live feed. `engine` says the active engine's connection changed (re-read everything
 * when it becomes connected); the others carry the fresh summary of the object an engine event
 * touched, or null when the object is gone.
 */
export const WatchEvent = z.discriminatedUnion('type', [
  z.object({ type: z.literal('engine'), engine: EngineSummary }),
  z.object({
    type: z.literal('container'),
    action: z.string(),
    id: z.string(),
    container: ContainerSummary.nullable()
  }),
  z.object({ type: z.literal('image'), action: z.string(), id: z.string() }),
  z.object({ type: z.literal('volume'), action: z.string(), id: z.string() }),
  z.object({ type: z.literal('network'), action: z.string(), id: z.string() }),
  /**
   * Berth could not learn what an event changed (a container's inspect kept failing): the list
   * must be re-read, or it would miss that change for good.
   */
  z.object({ type: z.literal('resync'), list: z.enum(['containers']), reason: z.string() })
])
export type WatchEvent = z.infer<typeof WatchEvent>
