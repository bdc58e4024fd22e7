/** DistributionApi: pull, push and tag with per-layer progress. Returns DTOs, never dockerode types. Empty until that area lands. */
import type Docker from 'dockerode'

export type DistributionApi = Record<never, never>

export function createDistributionApi(_docker: Docker): DistributionApi {
  return {}
}
