/** ImageDetailsApi: image inspect, history and the layer tree. Returns DTOs, never dockerode types. Empty until that area lands. */
import type Docker from 'dockerode'

export type ImageDetailsApi = Record<never, never>

export function createImageDetailsApi(_docker: Docker): ImageDetailsApi {
  return {}
}
