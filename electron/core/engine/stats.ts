/** StatsApi: the stats part of the engine client (issue 3). Returns DTOs, never dockerode types. */
import type Docker from 'dockerode'

// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface StatsApi {}

export function createStatsApi(_docker: Docker): StatsApi {
  return {}
}
