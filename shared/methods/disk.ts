/** disk.*: disk usage by kind (GET /system/df) and a clean-up per kind with a preview of exactly what goes. */
import { z } from 'zod'
import { CleanupInput, CleanupPreview, CleanupResult, DiskKind, DiskUsage } from '../disk-models'
import { call, None } from '../spec'

export const diskMethods = {
  'disk.usage': call(None, DiskUsage),
  'disk.cleanupPreview': call(z.object({ kind: DiskKind }).strict(), CleanupPreview),
  'disk.cleanup': call(CleanupInput, CleanupResult)
} as const
