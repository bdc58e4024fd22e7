/** ImagesApi: image removal (with the containers in the way), prune, save and load. Returns DTOs, never dockerode types. Empty until that area lands. */
import type Docker from 'dockerode'

export type ImagesApi = Record<never, never>

export function createImagesApi(_docker: Docker): ImagesApi {
  return {}
}
