/** VolumesApi: volume create, inspect, remove, prune, browse, back up and restore. Returns DTOs, never dockerode types. Empty until that area lands. */
import type Docker from 'dockerode'

export type VolumesApi = Record<never, never>

export function createVolumesApi(_docker: Docker): VolumesApi {
  return {}
}
