/**
 * Disk usage DTOs: what each kind of engine object holds on disk (from GET /system/df), and a
 * clean-up per kind in two steps — a preview listing exactly what would go, then removal of
 * exactly those ids. Build cache is the exception the engine imposes: it prunes by rule, so its
 * preview is what the engine lists as unused and the result is what the engine says it removed.
 */
import { z } from 'zod'

export const DiskKind = z.enum(['images', 'containers', 'volumes', 'buildCache'])
export type DiskKind = z.infer<typeof DiskKind>

export const KindUsage = z.object({
  kind: DiskKind,
  count: z.number(),
  /** In use: images with containers, running containers, volumes mounted by a container, cache in use. */
  active: z.number(),
  totalBytes: z.number(),
  /** What the clean-up of this kind would free (the same rule as its preview). */
  reclaimableBytes: z.number()
})
export type KindUsage = z.infer<typeof KindUsage>

export const DiskUsage = z.object({
  kinds: z.array(KindUsage),
  /** Unix milliseconds, when the engine was asked. */
  measuredAt: z.number()
})
export type DiskUsage = z.infer<typeof DiskUsage>

export const CleanupItem = z.object({
  /** What cleanup removes by: image id, container id, volume name, cache record id. */
  id: z.string(),
  name: z.string(),
  bytes: z.number(),
  /** A second line: the image of a container, the type of a cache record… */
  detail: z.string()
})
export type CleanupItem = z.infer<typeof CleanupItem>

export const CleanupPreview = z.object({
  kind: DiskKind,
  items: z.array(CleanupItem),
  totalBytes: z.number(),
  /** False when the engine can't remove item by item (build cache): the note says what happens instead. */
  exact: z.boolean(),
  note: z.string().optional()
})
export type CleanupPreview = z.infer<typeof CleanupPreview>

export const CleanupInput = z
  .object({
    kind: DiskKind,
    ids: z.array(z.string().min(1).max(256).regex(/^[A-Za-z0-9][A-Za-z0-9_.:@/+-]*$/, 'not an id or name')).min(1, 'nothing to remove').max(5000, 'at most 5000 at once')
  })
  .strict()

export const CleanupResult = z.object({
  kind: DiskKind,
  removed: z.array(z.object({ id: z.string(), name: z.string(), bytes: z.number() })),
  /** Previewed items that were kept, with why (in use since the preview, already gone…). */
  skipped: z.array(z.object({ id: z.string(), name: z.string(), reason: z.string() })),
  reclaimedBytes: z.number()
})
export type CleanupResult = z.infer<typeof CleanupResult>
