/**
 * The dockerode implementation of EngineClient. It speaks the lowest API version both sides
 * know (negotiated in connect(): engine 20.10 says 1.41, newer engines refuse versions below
 * their minimum), maps engine JSON to DTOs (mapping.ts) and frames the event stream itself.
 */
import Docker from 'dockerode'
import type { Readable } from 'node:stream'
import type { ContainerSummary, EngineInfo, ImageSummary } from '../../../shared/models'
import type { EngineClient, EngineHandshake, RawEngineEvent } from './client'
import {
  countContainersByImage,
  toContainerSummary,
  toEngineInfo,
  toImageSummary,
  type EngineContainerJson,
  type EngineImageJson,
  type EngineInfoJson
} from './mapping'
import { engineStatus } from './failures'
import { readCapabilities } from './capabilities'
import { dockerEventAction, speakDockerErrors } from './podman-dialect'
import { identityFromVersion, type EngineVersionJson } from './engine-identity'
import { followJsonLines } from './streams'
import { summaryFromInspect, type EngineInspectJson } from './inspect-summary'
import { createExecApi, type ExecApi } from './exec'
import { createFilesApi, type FilesApi } from './files'
import { createLogsApi, type LogsApi } from './logs'
import { createRunApi, type RunApi } from './run'
import { createSnapshotsApi, type SnapshotsApi } from './snapshots'
import { createStatsApi, type StatsApi } from './stats'
import { createDistributionApi, type DistributionApi } from './distribution'
import { createImageDetailsApi, type ImageDetailsApi } from './image-details'
import type { LayerFactsFile } from './image-details-persist'
import { createBuildApi, type BuildApi } from './build'
import { createImagesApi, type ImagesApi } from './images'
import { createDiskApi, type DiskApi } from './disk'
import { createVolumesApi, type VolumesApi } from './volumes'
import { createNetworksApi, type NetworksApi } from './networks'
import type { Transport } from './transports'
import type { EngineFacts } from '../../../shared/engines-models'
import { toEngineFacts, type EngineFactsInfoJson } from './engine-facts'

/** The newest API whose JSON mapping.ts is written against; older engines get their own maximum. */
export const MAX_API_VERSION = '1.45'
/** Engine 20.10 speaks 1.41; below this we don't promise anything. */
export const MIN_API_VERSION = '1.41'

export function compareApiVersions(a: string, b: string): number {
  const [aMajor, aMinor] = a.split('.').map(Number)
  const [bMajor, bMinor] = b.split('.').map(Number)
  return aMajor !== bMajor ? aMajor - bMajor : (aMinor || 0) - (bMinor || 0)
}

/** min(engine's newest, ours), raised to the engine's minimum when it has one. */
export function chooseApiVersion(engineApi: string | undefined, engineMinApi: string | undefined): string {
  let chosen = engineApi && compareApiVersions(engineApi, MAX_API_VERSION) < 0 ? engineApi : MAX_API_VERSION
  if (engineMinApi && compareApiVersions(chosen, engineMinApi) < 0) chosen = engineMinApi
  return chosen
}

const EVENT_TYPES: ReadonlySet<string> = new Set(['container', 'image', 'volume', 'network', 'daemon', 'plugin', 'service', 'node', 'secret', 'config'])

interface EngineEventJson {
  Type?: string
  Action?: string
  status?: string
  id?: string
  Actor?: { ID?: string; Attributes?: Record<string, string> }
  timeNano?: number
  time?: number
}

export function toRawEngineEvent(value: unknown): RawEngineEvent | undefined {
  if (typeof value !== 'object' || value === null) return undefined
  const json = value as EngineEventJson
  const type = json.Type ?? 'container'
  if (!EVENT_TYPES.has(type)) return undefined
  const action = json.Action ?? json.status
  // Podman's volume events, and its image pull events, leave Actor.ID empty and name the object in
  // its attributes. A container event always has its id: a name there would be read as one.
  const id = json.Actor?.ID || json.id || (type === 'container' ? undefined : json.Actor?.Attributes?.name)
  if (!action || !id) return undefined
  return {
    type: type as RawEngineEvent['type'],
    action: dockerEventAction(type, action),
    id,
    attributes: json.Actor?.Attributes ?? {},
    timeNano: json.timeNano ?? (json.time ?? 0) * 1e9
  }
}

/** "Already started" / "already stopped" (HTTP 304) means the wish is fulfilled, not an error. */
async function tolerateNotModified(action: Promise<unknown>): Promise<void> {
  try {
    await action
  } catch (err) {
    if (engineStatus(err) === 304) return
    throw err
  }
}

/** The parts of dockerode that take an AbortSignal or a version but whose typings don't say so. */
interface DockerodeUntyped {
  modem: { version?: string }
  version(options: { abortSignal?: AbortSignal }): Promise<unknown>
  ping(options: { abortSignal?: AbortSignal }): Promise<unknown>
  info(options: { abortSignal?: AbortSignal }): Promise<unknown>
}

export class DockerEngineClient implements EngineClient {
  private readonly docker: Docker
  private apiVersion = MIN_API_VERSION
  /** What the last connect() learned; info() reports it. */
  private handshake: EngineHandshake | undefined

  readonly run: RunApi
  readonly logs: LogsApi
  readonly exec: ExecApi
  readonly stats: StatsApi
  readonly files: FilesApi
  readonly snapshots: SnapshotsApi
  readonly distribution: DistributionApi
  readonly imageDetails: ImageDetailsApi
  readonly build: BuildApi
  readonly images: ImagesApi
  readonly disk: DiskApi
  readonly volumes: VolumesApi
  readonly networks: NetworksApi

  /** `layerFactsFile`: where the layer tree's facts outlive this client (image-details-persist.ts). */
  constructor(
    readonly id: string,
    private readonly transport: Transport,
    layerFactsFile?: LayerFactsFile
  ) {
    this.docker = new Docker(transport.modemOptions)
    speakDockerErrors(this.docker)
    this.run = createRunApi(this.docker)
    this.logs = createLogsApi(this.docker)
    this.exec = createExecApi(this.docker)
    this.stats = createStatsApi(this.docker)
    this.files = createFilesApi(this.docker)
    this.snapshots = createSnapshotsApi(this.docker)
    this.distribution = createDistributionApi(this.docker)
    this.imageDetails = createImageDetailsApi(this.docker, layerFactsFile)
    this.build = createBuildApi(this.docker)
    this.images = createImagesApi(this.docker)
    this.disk = createDiskApi(this.docker)
    this.volumes = createVolumesApi(this.docker)
    this.networks = createNetworksApi(this.docker)
  }

  private get untyped(): DockerodeUntyped {
    return this.docker as unknown as DockerodeUntyped
  }

  async connect(signal?: AbortSignal): Promise<EngineHandshake> {
    // /version is unversioned on purpose: it is how we learn which version to speak.
    this.untyped.modem.version = undefined
    const version = (await this.untyped.version({ abortSignal: signal })) as EngineVersionJson
    this.apiVersion = chooseApiVersion(version.ApiVersion, version.MinAPIVersion)
    this.untyped.modem.version = `v${this.apiVersion}`
    const identity = identityFromVersion(version)
    const capabilities = await readCapabilities(this.docker, identity, signal)
    this.handshake = { version: identity.version, apiVersion: this.apiVersion, identity, capabilities }
    return this.handshake
  }

  async ping(signal?: AbortSignal): Promise<void> {
    await this.untyped.ping({ abortSignal: signal })
  }

  async facts(signal?: AbortSignal): Promise<EngineFacts> {
    return toEngineFacts((await this.untyped.info({ abortSignal: signal })) as EngineFactsInfoJson, this.apiVersion)
  }

  async info(signal?: AbortSignal): Promise<EngineInfo> {
    const info = (await this.untyped.info({ abortSignal: signal })) as EngineInfoJson
    const handshake = this.handshake ?? (await this.connect(signal))
    return toEngineInfo(this.id, info, handshake)
  }

  async listContainers(filter?: { ids?: string[] }, signal?: AbortSignal): Promise<ContainerSummary[]> {
    const options: Docker.ContainerListOptions & { abortSignal?: AbortSignal } = { all: true, abortSignal: signal }
    if (filter?.ids) {
      if (filter.ids.length === 0) return []
      options.filters = JSON.stringify({ id: filter.ids })
    }
    const list = (await this.docker.listContainers(options)) as unknown as EngineContainerJson[]
    return list.map(toContainerSummary)
  }

  async containerSummary(id: string, signal?: AbortSignal): Promise<ContainerSummary | null> {
    try {
      const json = (await this.docker.getContainer(id).inspect({ abortSignal: signal } as object)) as unknown as EngineInspectJson
      return summaryFromInspect(json)
    } catch (err) {
      if (engineStatus(err) === 404) return null
      throw err
    }
  }

  startContainer(id: string): Promise<void> {
    return tolerateNotModified(this.docker.getContainer(id).start())
  }

  stopContainer(id: string, timeoutSeconds?: number): Promise<void> {
    return tolerateNotModified(this.docker.getContainer(id).stop(timeoutSeconds === undefined ? {} : { t: timeoutSeconds }))
  }

  async restartContainer(id: string, timeoutSeconds?: number): Promise<void> {
    await this.docker.getContainer(id).restart(timeoutSeconds === undefined ? {} : { t: timeoutSeconds })
  }

  async pauseContainer(id: string): Promise<void> {
    await this.docker.getContainer(id).pause()
  }

  async unpauseContainer(id: string): Promise<void> {
    await this.docker.getContainer(id).unpause()
  }

  async killContainer(id: string, signal?: string): Promise<void> {
    await this.docker.getContainer(id).kill(signal ? { signal } : {})
  }

  async removeContainer(id: string, options: { force?: boolean; volumes?: boolean }): Promise<void> {
    await this.docker.getContainer(id).remove({ force: options.force ?? false, v: options.volumes ?? false })
  }

  async listImages(signal?: AbortSignal): Promise<ImageSummary[]> {
    const [images, containers] = await Promise.all([
      this.docker.listImages({ abortSignal: signal } as Docker.ListImagesOptions) as unknown as Promise<EngineImageJson[]>,
      this.docker.listContainers({ all: true, abortSignal: signal } as Docker.ContainerListOptions) as unknown as Promise<EngineContainerJson[]>
    ])
    const counts = countContainersByImage(containers)
    // Image ids are content addresses: reading the layer tree's facts now, in the background,
    // makes opening the tree later cheap (see engine/image-details.ts).
    this.imageDetails.warm(images.map((image) => image.Id))
    return images.map((image) => toImageSummary(image, counts))
  }

  async events(onEvent: (event: RawEngineEvent) => void, signal: AbortSignal, onAttached?: () => void): Promise<void> {
    let body: Readable
    try {
      body = (await this.docker.getEvents({
        filters: { type: ['container', 'image', 'volume', 'network'] },
        abortSignal: signal
      } as Docker.GetEventsOptions)) as unknown as Readable
    } catch (err) {
      if (signal.aborted) return
      throw err
    }
    onAttached?.()
    await followJsonLines(body, (value) => {
      const event = toRawEngineEvent(value)
      if (event) onEvent(event)
    }, signal)
  }

  async close(): Promise<void> {
    this.transport.close()
    await this.imageDetails.close()
  }
}
