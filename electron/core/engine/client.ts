/**
 * EngineClient: the seam between handlers and a Docker engine. Small, and it returns Berth's
 * DTOs (shared/models), never dockerode's types, so handlers and tests don't depend on dockerode.
 */
import type { ExecApi } from './exec'
import type { FilesApi } from './files'
import type { LogsApi } from './logs'
import type { RunApi } from './run'
import type { SnapshotsApi } from './snapshots'
import type { StatsApi } from './stats'
import type { DistributionApi } from './distribution'
import type { ImageDetailsApi } from './image-details'
import type { BuildApi } from './build'
import type { ImagesApi } from './images'
import type { DiskApi } from './disk'
import type { VolumesApi } from './volumes'
import type { NetworksApi } from './networks'
import type { EngineCapabilities, EngineFacts, EngineIdentity } from '../../../shared/engines-models'
import type { ContainerSummary, EngineInfo, ImageSummary } from '../../../shared/models'

/** One engine event as the engine reported it (GET /events), reduced to what Berth uses. */
export interface RawEngineEvent {
  type: 'container' | 'image' | 'volume' | 'network' | 'daemon' | 'plugin' | 'service' | 'node' | 'secret' | 'config'
  action: string
  id: string
  attributes: Record<string, string>
  /** Nanoseconds since the epoch, as the engine reports `timeNano`. */
  timeNano: number
}

/**
 * What connect() learned: the engine's version, the API version we agreed to speak, which
 * product it is and what it can do.
 */
export interface EngineHandshake {
  version: string
  apiVersion: string
  identity: EngineIdentity
  capabilities: EngineCapabilities
}

export interface EngineClient {
  readonly id: string
  /** Issue-3 areas, one file each under engine/: run + inspect + update, logs, exec, stats, files, snapshots. */
  readonly run: RunApi
  readonly logs: LogsApi
  readonly exec: ExecApi
  readonly stats: StatsApi
  readonly files: FilesApi
  readonly snapshots: SnapshotsApi
  /** Issue-6 areas, one file each under engine/. */
  readonly distribution: DistributionApi
  readonly imageDetails: ImageDetailsApi
  readonly build: BuildApi
  readonly images: ImagesApi
  readonly disk: DiskApi
  readonly volumes: VolumesApi
  readonly networks: NetworksApi
  /** Agrees on an API version with the engine; call it before anything else (and after reconnects). */
  connect(signal?: AbortSignal): Promise<EngineHandshake>
  ping(signal?: AbortSignal): Promise<void>
  info(signal?: AbortSignal): Promise<EngineInfo>
  /** What the Engines page shows about the engine (GET /info), with the agreed API version. */
  facts(signal?: AbortSignal): Promise<EngineFacts>

  listContainers(filter?: { ids?: string[] }, signal?: AbortSignal): Promise<ContainerSummary[]>
  /**
   * One container's summary read from inspect (never stale right after an event, unlike the
   * list endpoint); null when the container no longer exists.
   */
  containerSummary(id: string, signal?: AbortSignal): Promise<ContainerSummary | null>
  startContainer(id: string): Promise<void>
  stopContainer(id: string, timeoutSeconds?: number): Promise<void>
  restartContainer(id: string, timeoutSeconds?: number): Promise<void>
  pauseContainer(id: string): Promise<void>
  unpauseContainer(id: string): Promise<void>
  killContainer(id: string, signal?: string): Promise<void>
  removeContainer(id: string, options: { force?: boolean; volumes?: boolean }): Promise<void>

  listImages(signal?: AbortSignal): Promise<ImageSummary[]>

  /**
   * Follows the engine's event stream until `signal` aborts (resolves) or the connection to the
   * engine is lost (rejects), calling `onEvent` for each event in order. `onAttached` runs once
   * the engine accepted the subscription, so a caller can re-read lists without missing events.
   */
  events(onEvent: (event: RawEngineEvent) => void, signal: AbortSignal, onAttached?: () => void): Promise<void>

  /** Releases sockets / SSH connections. */
  close(): Promise<void>
}
