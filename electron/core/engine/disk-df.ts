/** GET /system/df as the engine answers it, and the rules both the usage figures and the clean-up previews use. */
import type Docker from 'dockerode'

export interface DfJson {
  LayersSize?: number
  Images?: Array<{ Id: string; Containers?: number; Size?: number; RepoTags?: string[] | null }> | null
  Containers?: Array<{ Id: string; Names?: string[]; Image?: string; State?: string; SizeRw?: number }> | null
  Volumes?: Array<{ Name: string; Driver?: string; Labels?: Record<string, string> | null; UsageData?: { RefCount?: number; Size?: number } | null }> | null
  BuildCache?: Array<{ ID: string; Parent?: string; Type?: string; Description?: string; InUse?: boolean; Shared?: boolean; Size?: number; LastUsedAt?: string }> | null
}

export const ACTIVE_CONTAINER_STATES = new Set(['running', 'paused', 'restarting'])

export async function readDf(docker: Docker, signal?: AbortSignal): Promise<DfJson> {
  // dockerode's typings omit the options argument its df() takes.
  const df = docker.df as unknown as (options: { abortSignal?: AbortSignal }) => Promise<unknown>
  return (await df.call(docker, { abortSignal: signal })) as DfJson
}

/** Volumes the engine can size and remove by itself: the local driver's (others report -1). */
export function isLocalVolume(volume: NonNullable<DfJson['Volumes']>[number]): boolean {
  return (volume.Driver ?? 'local') === 'local' && (volume.UsageData?.Size ?? -1) >= 0
}

export function reclaimableCache(record: NonNullable<DfJson['BuildCache']>[number]): number {
  return record.InUse || record.Shared ? 0 : (record.Size ?? 0)
}

