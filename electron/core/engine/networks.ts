/** NetworksApi: network create, inspect, connect, disconnect, remove and prune. Returns DTOs, never dockerode types. Empty until that area lands. */
import type Docker from 'dockerode'

export type NetworksApi = Record<never, never>

export function createNetworksApi(_docker: Docker): NetworksApi {
  return {}
}
