/**
 * Volumes area DTOs and validation. Rules are written once, as functions returning a sentence
 * for people (or null), so the dialogs (beside each field) and zod (at the RPC boundary) agree.
 * Volume names follow the engine's own rule, [a-zA-Z0-9][a-zA-Z0-9_.-]+ (so at least two
 * characters); key=value lists (labels, driver options) are one pair per line.
 */
import { z } from 'zod'
import { DirListing, UploadId } from './files-models'

const VOLUME_NAME_RE = /^[a-zA-Z0-9][a-zA-Z0-9_.-]+$/

export function volumeNameProblem(name: string): string | null {
  if (name.length === 0) return 'a volume name is required'
  if (name.length > 255) return 'volume names are at most 255 characters'
  if (name.length < 2) return 'volume names are at least 2 characters'
  if (!/^[a-zA-Z0-9]/.test(name)) return 'a volume name starts with a letter or digit'
  if (!VOLUME_NAME_RE.test(name)) return 'a volume name uses only letters, digits and _ . -'
  return null
}

/** Anonymous volumes are named by the engine with 64 hex digits (engines before 23 have no label for it). */
export function isAnonymousVolumeName(name: string): boolean {
  return /^[0-9a-f]{64}$/.test(name)
}

const KEY_RE = /^[^=\s]+$/

export function labelKeyProblem(key: string): string | null {
  if (key.length === 0) return 'a key is required before the ='
  if (key.length > 255) return 'keys are at most 255 characters'
  if (!KEY_RE.test(key)) return 'keys have no spaces'
  return null
}

/**
 * Parses "key=value" lines (blank lines ignored). Returns the pairs, or the first problem with
 * its line number, in words.
 */
export function parseKeyValueLines(text: string, what: string): { pairs: Record<string, string> } | { problem: string } {
  const pairs: Record<string, string> = {}
  const lines = text.split(/\r?\n/)
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i].trim()
    if (line.length === 0) continue
    const eq = line.indexOf('=')
    if (eq === -1) return { problem: `line ${i + 1}: write ${what} as key=value` }
    const key = line.slice(0, eq).trim()
    const problem = labelKeyProblem(key)
    if (problem) return { problem: `line ${i + 1}: ${problem}` }
    if (key in pairs) return { problem: `line ${i + 1}: ${key} is given twice` }
    const value = line.slice(eq + 1).trim()
    if (value.length > 4096) return { problem: `line ${i + 1}: values are at most 4096 characters` }
    pairs[key] = value
  }
  if (Object.keys(pairs).length > 100) return { problem: `at most 100 ${what}` }
  return { pairs }
}

const problemCheck = (check: (value: string) => string | null) => (value: string, ctx: z.RefinementCtx) => {
  const problem = check(value)
  if (problem) ctx.addIssue({ code: 'custom', message: problem })
}

/** A name for a new volume. */
export const NewVolumeName = z.string().superRefine(problemCheck(volumeNameProblem))
/** An existing volume, as the engine lists it (named or anonymous). */
export const VolumeRef = z
  .string()
  .min(1, 'a volume name is required')
  .max(255, 'volume names are at most 255 characters')
  .regex(/^[a-zA-Z0-9][a-zA-Z0-9_.-]*$/, 'volume names use letters, digits and _ . -')

export const KeyValues = z
  .record(z.string().superRefine(problemCheck(labelKeyProblem)), z.string().max(4096, 'values are at most 4096 characters'))
  .refine((pairs) => Object.keys(pairs).length <= 100, 'at most 100 entries')

export const DriverName = z
  .string()
  .min(1, 'a driver is required')
  .max(255, 'driver names are at most 255 characters')
  .regex(/^[a-zA-Z0-9][a-zA-Z0-9_.:/-]*$/, 'driver names use letters, digits and _ . : / -')

export const ContainerRef = z.object({ id: z.string(), name: z.string(), state: z.string() })
export type ContainerRef = z.infer<typeof ContainerRef>

export const VolumeRow = z.object({
  name: z.string(),
  driver: z.string(),
  scope: z.string(),
  mountpoint: z.string(),
  /** ISO time, as the engine reports CreatedAt. */
  created: z.string().optional(),
  labels: z.record(z.string(), z.string()),
  anonymous: z.boolean(),
  /** Containers (any state) that mount it. Berth's own short-lived helpers are marked by name. */
  usedBy: z.array(ContainerRef)
})
export type VolumeRow = z.infer<typeof VolumeRow>

/** Sizes come separately (GET /system/df walks every volume): `size` null when the driver doesn't say. */
export const VolumeSizes = z.object({
  sizes: z.array(z.object({ name: z.string(), size: z.number().nullable(), refCount: z.number().nullable() })),
  /** How long the engine took to measure, so the cost is visible. */
  measuredMs: z.number()
})
export type VolumeSizes = z.infer<typeof VolumeSizes>

export const VolumeDetails = VolumeRow.extend({
  options: z.record(z.string(), z.string()),
  /** Driver-specific status, when the driver reports one. */
  status: z.record(z.string(), z.string()).optional()
})
export type VolumeDetails = z.infer<typeof VolumeDetails>

export const VolumeDrivers = z.object({ drivers: z.array(z.string()) })
export type VolumeDrivers = z.infer<typeof VolumeDrivers>

export const VolumePruneScope = z.enum(['anonymous', 'all'])
export type VolumePruneScope = z.infer<typeof VolumePruneScope>

export const VolumePruneCandidate = z.object({
  name: z.string(),
  driver: z.string(),
  anonymous: z.boolean(),
  size: z.number().nullable(),
  created: z.string().optional()
})
export type VolumePruneCandidate = z.infer<typeof VolumePruneCandidate>

export const VolumePrunePreview = z.object({
  volumes: z.array(VolumePruneCandidate),
  /** Sum of the known sizes. */
  totalBytes: z.number(),
  /** Candidates whose driver reports no size (their space is not in totalBytes). */
  unknownSizes: z.number().int()
})
export type VolumePrunePreview = z.infer<typeof VolumePrunePreview>

export const VolumePruneResult = z.object({
  removed: z.array(z.object({ name: z.string(), size: z.number().nullable() })),
  /** Previewed volumes that were kept: in use since the preview, already gone… */
  skipped: z.array(z.object({ name: z.string(), reason: z.string() })),
  reclaimedBytes: z.number()
})
export type VolumePruneResult = z.infer<typeof VolumePruneResult>

/** Events of a browse session: `ready` once the helper container runs; then nothing until it is closed. */
export const BrowseEvent = z.object({
  kind: z.literal('ready'),
  sessionId: z.string(),
  /** The image the helper was made from, for people to read. */
  image: z.string()
})
export type BrowseEvent = z.infer<typeof BrowseEvent>

export const BrowseSessionId = z.string().regex(/^vb-[A-Za-z0-9_-]{8,64}$/, 'not a browse session (open one with volumes.browse)')

/** A path inside the volume: "/" is the volume's root; absolute, no "." or ".." segments. */
export const VolumePath = z
  .string()
  .min(1, 'a path is required')
  .max(4096, 'paths are at most 4096 characters')
  .refine((p) => p.startsWith('/'), 'the path must start with / (the volume root)')
  .refine((p) => !p.includes('\0'), 'the path must not contain NUL characters')
  .refine((p) => !p.split('/').some((segment) => segment === '..' || segment === '.'), 'the path must not contain "." or ".." segments')

export const VolumeListing = DirListing
export type VolumeListing = z.infer<typeof VolumeListing>

export const CreateVolumeInput = z
  .object({
    name: NewVolumeName,
    driver: DriverName.optional(),
    driverOptions: KeyValues.optional(),
    labels: KeyValues.optional()
  })
  .strict()
export type CreateVolumeInput = z.infer<typeof CreateVolumeInput>

export const RestoreInput = z
  .object({
    uploadId: UploadId,
    /** The volume to restore into: made first when `create` is set, else it must exist. */
    name: VolumeRef,
    create: z
      .object({ driver: DriverName.optional(), driverOptions: KeyValues.optional(), labels: KeyValues.optional() })
      .strict()
      .optional(),
    /** Restoring into a volume that already holds files needs this: same paths are replaced, others stay. */
    overwrite: z.boolean().optional()
  })
  .strict()
  .superRefine((input, ctx) => {
    if (!input.create) return
    const problem = volumeNameProblem(input.name)
    if (problem) ctx.addIssue({ code: 'custom', message: problem, path: ['name'] })
  })
export type RestoreInput = z.infer<typeof RestoreInput>

export const RestoreResult = z.object({ name: z.string(), bytes: z.number(), created: z.boolean() })
export type RestoreResult = z.infer<typeof RestoreResult>
