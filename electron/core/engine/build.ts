/** BuildApi: builds from a streamed context (classic builder and BuildKit). Returns DTOs, never dockerode types. Empty until that area lands. */
import type Docker from 'dockerode'

export type BuildApi = Record<never, never>

export function createBuildApi(_docker: Docker): BuildApi {
  return {}
}
