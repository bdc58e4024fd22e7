/** SnapshotsApi: the snapshots part of the engine client (issue 3). Returns DTOs, never dockerode types. */
import type Docker from 'dockerode'

// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface SnapshotsApi {}

export function createSnapshotsApi(_docker: Docker): SnapshotsApi {
  return {}
}
