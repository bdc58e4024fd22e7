/**
 * VolumesApi: list, sizes, create, inspect, remove and prune here; browse, back up and restore
 * (through helper containers) in volume-transfers.ts. Returns DTOs, never dockerode types.
 *
 * Sizes are a separate read because only GET /system/df has them, and on API 1.41 (engine 20.10)
 * that call also measures every container's writable layer and every image: the plain list must
 * not wait for it. From API 1.42 it is asked for volumes only.
 *
 * Prune removes the previewed names one by one instead of calling POST /volumes/prune, whose
 * filters can't say "exactly these": a volume that became unused after the preview would go
 * unseen. Removing by name without force refuses anything that is in use by then.
 */
import type Docker from 'dockerode'
import { RpcError } from '../../../shared/errors'
import {
  isAnonymousVolumeName,
  type CreateVolumeInput,
  type VolumeDetails,
  type VolumeDrivers,
  type VolumePrunePreview,
  type VolumePruneResult,
  type VolumePruneScope,
  type VolumeRow,
  type VolumeSizes
} from '../../../shared/volumes-models'
import type { ContainerRef } from '../../../shared/volumes-models'
import { labelMatches } from '../../../shared/snapshots-models'
import { describeContainers, readContainerUsage, type ContainerUsage } from './container-usage'
import { engineSentence, engineStatus } from './failures'
import { createVolumeTransfers, type VolumeTransfersApi } from './volume-transfers'

export interface VolumesApi extends VolumeTransfersApi {
  list(signal?: AbortSignal): Promise<VolumeRow[]>
  sizes(signal?: AbortSignal): Promise<VolumeSizes>
  drivers(signal?: AbortSignal): Promise<VolumeDrivers>
  create(input: CreateVolumeInput, signal?: AbortSignal): Promise<VolumeRow>
  inspect(name: string, signal?: AbortSignal): Promise<VolumeDetails>
  remove(name: string, signal?: AbortSignal): Promise<void>
  prunePreview(scope: VolumePruneScope, label: string | undefined, signal?: AbortSignal): Promise<VolumePrunePreview>
  prune(names: string[], signal?: AbortSignal): Promise<VolumePruneResult>
}

export interface EngineVolumeJson {
  Name: string
  Driver?: string
  Mountpoint?: string
  CreatedAt?: string
  Scope?: string
  Labels?: Record<string, string> | null
  Options?: Record<string, string> | null
  Status?: Record<string, unknown> | null
  /** Only in /system/df answers; Size and RefCount are -1 when not known. */
  UsageData?: { Size?: number; RefCount?: number } | null
}

export function toVolumeRow(json: EngineVolumeJson, usage: ContainerUsage): VolumeRow {
  const row: VolumeRow = {
    name: json.Name,
    driver: json.Driver ?? 'local',
    scope: json.Scope ?? 'local',
    mountpoint: json.Mountpoint ?? '',
    labels: json.Labels ?? {},
    anonymous: isAnonymousVolumeName(json.Name),
    usedBy: usage.byVolume.get(json.Name) ?? []
  }
  if (json.CreatedAt) row.created = json.CreatedAt
  return row
}

function knownOrNull(value: number | undefined): number | null {
  return typeof value === 'number' && value >= 0 ? value : null
}

/** dockerode's typings omit the options (abortSignal, type) these calls take. */
interface WithOptions {
  df(options: object): Promise<unknown>
  info(options: object): Promise<unknown>
}
const withOptions = (target: unknown): WithOptions => target as WithOptions

function apiAtLeast(docker: Docker, minor: number): boolean {
  const version = (docker as unknown as { modem: { version?: string } }).modem.version ?? ''
  const match = /^v?1\.(\d+)$/.exec(version)
  return match !== null && Number(match[1]) >= minor
}

async function readDf(docker: Docker, signal?: AbortSignal): Promise<EngineVolumeJson[]> {
  const options: Record<string, unknown> = { abortSignal: signal }
  if (apiAtLeast(docker, 42)) options.type = 'volume'
  const answer = (await withOptions(docker).df(options)) as { Volumes?: EngineVolumeJson[] | null }
  return answer.Volumes ?? []
}

async function listRaw(docker: Docker, signal?: AbortSignal, filters?: Record<string, string[]>): Promise<EngineVolumeJson[]> {
  const options: Record<string, unknown> = { abortSignal: signal }
  if (filters) options.filters = JSON.stringify(filters)
  const answer = (await docker.listVolumes(options)) as { Volumes?: EngineVolumeJson[] | null }
  return answer.Volumes ?? []
}

async function inspectRaw(docker: Docker, name: string, signal?: AbortSignal): Promise<EngineVolumeJson | null> {
  try {
    return (await docker.getVolume(name).inspect({ abortSignal: signal } as object)) as EngineVolumeJson
  } catch (err) {
    if (engineStatus(err) === 404) return null
    throw err
  }
}

async function usersOf(docker: Docker, name: string): Promise<ContainerRef[]> {
  const usage = await readContainerUsage(docker, undefined, { volume: [name] }).catch(() => null)
  return usage?.byVolume.get(name) ?? []
}

/** The engine's "volume is in use - [ids]" turned into the containers' names and what to do. */
async function explainInUse(docker: Docker, name: string, err: unknown): Promise<RpcError> {
  const users = await usersOf(docker, name)
  if (users.length === 0) return new RpcError('IN_USE', `Volume ${name} is in use: ${engineSentence(err)}. Remove the containers that use it first.`)
  const running = users.some((u) => u.state === 'running' || u.state === 'paused' || u.state === 'restarting')
  const next = running ? 'Stop and remove those containers first' : 'Remove those containers first'
  return new RpcError('IN_USE', `Volume ${name} is in use by ${describeContainers(users)}. ${next}; the volume is kept until then.`, {
    containers: users
  })
}

export function createVolumesApi(docker: Docker): VolumesApi {
  async function withUsage(json: EngineVolumeJson, signal?: AbortSignal): Promise<VolumeRow> {
    return toVolumeRow(json, await readContainerUsage(docker, signal, { volume: [json.Name] }))
  }

  return {
    ...createVolumeTransfers(docker),

    async list(signal) {
      const [volumes, usage] = await Promise.all([listRaw(docker, signal), readContainerUsage(docker, signal)])
      return volumes.map((volume) => toVolumeRow(volume, usage))
    },

    async sizes(signal) {
      const started = performance.now()
      const volumes = await readDf(docker, signal)
      const sizes = volumes.map((v) => ({ name: v.Name, size: knownOrNull(v.UsageData?.Size), refCount: knownOrNull(v.UsageData?.RefCount) }))
      return { sizes, measuredMs: Math.round(performance.now() - started) }
    },

    async drivers(signal) {
      const info = (await withOptions(docker).info({ abortSignal: signal })) as { Plugins?: { Volume?: string[] | null } }
      return { drivers: info.Plugins?.Volume?.length ? info.Plugins.Volume : ['local'] }
    },

    async create(input, signal) {
      if (await inspectRaw(docker, input.name, signal)) {
        throw new RpcError('CONFLICT', `A volume named ${input.name} already exists. Pick another name, or restore into that one.`)
      }
      try {
        await docker.createVolume({
          Name: input.name,
          Driver: input.driver ?? 'local',
          DriverOpts: input.driverOptions ?? {},
          Labels: input.labels ?? {},
          abortSignal: signal
        } as Docker.VolumeCreateOptions)
        // dockerode answers with a handle, not the engine's JSON: read what the engine made.
        return await withUsage((await inspectRaw(docker, input.name, signal)) ?? { Name: input.name }, signal)
      } catch (err) {
        const status = engineStatus(err)
        if (status === 404 && /plugin/i.test(engineSentence(err))) {
          throw new RpcError('INVALID_INPUT', `This engine has no volume driver called ${input.driver}. (${engineSentence(err)})`)
        }
        if (status === 400 || status === 500) throw new RpcError('INVALID_INPUT', `The engine refused to create ${input.name}: ${engineSentence(err)}`)
        throw err
      }
    },

    async inspect(name, signal) {
      const json = await inspectRaw(docker, name, signal)
      if (!json) throw new RpcError('NOT_FOUND', `There is no volume called ${name} (any more).`)
      const row = await withUsage(json, signal)
      const details: VolumeDetails = { ...row, options: json.Options ?? {} }
      if (json.Status) details.status = Object.fromEntries(Object.entries(json.Status).map(([k, v]) => [k, typeof v === 'string' ? v : JSON.stringify(v)]))
      return details
    },

    async remove(name, signal) {
      try {
        await docker.getVolume(name).remove({ abortSignal: signal } as object)
      } catch (err) {
        const status = engineStatus(err)
        if (status === 409) throw await explainInUse(docker, name, err)
        if (status === 404) throw new RpcError('NOT_FOUND', `There is no volume called ${name} (any more).`)
        throw err
      }
    },

    async prunePreview(scope, label, signal) {
      const filters: Record<string, string[]> = { dangling: ['true'] }
      if (label) filters.label = [label]
      const [unused, measured] = await Promise.all([listRaw(docker, signal, filters), readDf(docker, signal)])
      const sizes = new Map(measured.map((v) => [v.Name, knownOrNull(v.UsageData?.Size)]))
      const volumes = unused
        // Checked here too: Podman 4.3 drops the label filter when `dangling` comes with it and
        // answers every unused volume, which "Remove N volumes" would then remove.
        .filter((v) => labelMatches(v.Labels, label))
        .filter((v) => scope === 'all' || isAnonymousVolumeName(v.Name))
        .map((v) => ({ name: v.Name, driver: v.Driver ?? 'local', anonymous: isAnonymousVolumeName(v.Name), size: sizes.get(v.Name) ?? null, created: v.CreatedAt }))
        .sort((a, b) => (b.size ?? -1) - (a.size ?? -1) || a.name.localeCompare(b.name))
      return {
        volumes,
        totalBytes: volumes.reduce((sum, v) => sum + (v.size ?? 0), 0),
        unknownSizes: volumes.filter((v) => v.size === null).length
      }
    },

    async prune(names, signal) {
      const sizes = new Map((await readDf(docker, signal)).map((v) => [v.Name, knownOrNull(v.UsageData?.Size)]))
      const result: VolumePruneResult = { removed: [], skipped: [], reclaimedBytes: 0 }
      for (const name of names) {
        try {
          await docker.getVolume(name).remove({ abortSignal: signal } as object)
          const size = sizes.get(name) ?? null
          result.removed.push({ name, size })
          result.reclaimedBytes += size ?? 0
        } catch (err) {
          const status = engineStatus(err)
          if (signal?.aborted) throw err
          const reason =
            status === 404 ? 'it no longer exists' : status === 409 ? `it is in use by ${describeContainers(await usersOf(docker, name)) || 'a container'} now` : engineSentence(err)
          result.skipped.push({ name, reason })
        }
      }
      return result
    }
  }
}
