/** DiskApi: disk usage by kind (GET /system/df) and clean-up. Returns DTOs, never dockerode types. Empty until that area lands. */
import type Docker from 'dockerode'

export type DiskApi = Record<never, never>

export function createDiskApi(_docker: Docker): DiskApi {
  return {}
}
