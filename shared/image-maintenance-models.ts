/**
 * Image maintenance DTOs: removal (with what is in the way), prune (preview, then exactly those),
 * and save/load, whose bytes never travel in RPC frames: they go between the engine and a file
 * (desktop: a path from a native dialog) or a streamed HTTP request/response (browser mode). The
 * RPC stream of a transfer carries only its lifecycle and progress, in bytes.
 */
import { z } from 'zod'
import { ObjectRef } from './models'
import { LabelFilter } from './snapshots-models'

/** A container that uses an image, named the way people know it. */
export const ImageUser = z.object({
  id: z.string(),
  name: z.string(),
  /** The engine's state word: running, exited, created, paused… */
  state: z.string(),
  /** Running (or paused/restarting) containers must be stopped before they can be removed. */
  running: z.boolean()
})
export type ImageUser = z.infer<typeof ImageUser>

/**
 * What `images.remove` does to an image, said before it happens. The engine's rules:
 * - a tag (repo:tag) of an image that has other tags: that tag goes, nothing else (`untag`);
 * - the last tag, or the image id: the image is deleted with every tag it has (`delete`).
 * Containers (running or stopped) that use the image block a delete; Berth can remove them first.
 */
export const RemovalPlan = z.object({
  imageId: z.string(),
  /** The reference the plan is for, as given. */
  reference: z.string(),
  by: z.enum(['tag', 'id']),
  effect: z.enum(['untag', 'delete']),
  /** Every tag the image has now. */
  tags: z.array(z.string()),
  /** Tags that stay after an untag (empty for a delete). */
  remainingTags: z.array(z.string()),
  size: z.number(),
  /** Containers of any state created from this image. */
  users: z.array(ImageUser),
  /** Images built on top of this one (their own layers sit on it): a delete is refused while they exist. */
  children: z.array(z.object({ id: z.string(), label: z.string() }))
})
export type RemovalPlan = z.infer<typeof RemovalPlan>

export const RemoveImageInput = z
  .object({
    id: ObjectRef,
    /** docker rmi --force: delete even though stopped containers use it (running ones still block). */
    force: z.boolean().optional(),
    /** Containers to remove first (the plan's users, by id): exactly these, never others. */
    removeContainers: z.array(ObjectRef).max(1000, 'at most 1000 containers at once').optional(),
    /** Required when any container in removeContainers is running: the person confirmed stopping it. */
    stopRunning: z.boolean().optional()
  })
  .strict()

export const RemovalResult = z.object({
  /** Tags that were removed. */
  untagged: z.array(z.string()),
  /** What the engine deleted: the image id, untagged parents it was built on, layers no image uses any more. */
  deleted: z.array(z.string()),
  stoppedContainers: z.array(z.object({ id: z.string(), name: z.string() })),
  removedContainers: z.array(z.object({ id: z.string(), name: z.string() }))
})
export type RemovalResult = z.infer<typeof RemovalResult>

/** `detail` of the IN_USE error images.remove answers when containers are in the way. */
export const ImageInUseDetail = z.object({
  imageId: z.string(),
  /** The first blocking container's id (what older callers read). */
  container: z.string(),
  containers: z.array(ImageUser)
})
export type ImageInUseDetail = z.infer<typeof ImageInUseDetail>

/** dangling: untagged images nothing is built on; unused: every image no container uses. */
export const PruneMode = z.enum(['dangling', 'unused'])
export type PruneMode = z.infer<typeof PruneMode>

export const ImagePruneCandidate = z.object({
  id: z.string(),
  tags: z.array(z.string()),
  size: z.number(),
  created: z.number(),
  /** Bytes only this image holds (layers no image outside the preview shares). */
  uniqueBytes: z.number()
})
export type ImagePruneCandidate = z.infer<typeof ImagePruneCandidate>

export const ImagePrunePreviewInput = z.object({ mode: PruneMode, label: LabelFilter.optional() }).strict()

export const ImagePrunePreview = z.object({
  mode: PruneMode,
  images: z.array(ImagePruneCandidate),
  /** Layer bytes freed when exactly these images go (shared layers counted once, kept ones not at all). */
  reclaimableBytes: z.number(),
  /** More bytes BuildKit's cache also holds: freed only once the build cache is cleaned up too. */
  heldByBuildCacheBytes: z.number()
})
export type ImagePrunePreview = z.infer<typeof ImagePrunePreview>

export const ImagePruneInput = z
  .object({ ids: z.array(ObjectRef).min(1, 'nothing to remove').max(5000, 'at most 5000 images at once') })
  .strict()

export const ImagePruneResult = z.object({
  /** bytes: the layers the engine deleted with this image. */
  removed: z.array(z.object({ id: z.string(), label: z.string(), bytes: z.number() })),
  /** Previewed images that were kept: used since the preview, gone already, refused by the engine. */
  refused: z.array(z.object({ id: z.string(), label: z.string(), reason: z.string() })),
  /** Layer bytes the engine actually deleted. */
  reclaimedBytes: z.number()
})
export type ImagePruneResult = z.infer<typeof ImagePruneResult>

/** An absolute path on the machine running Berth (desktop: from a native dialog). */
export const HostFilePath = z
  .string()
  .min(1, 'a file path is required')
  .max(4096, 'paths are at most 4096 characters')
  .refine((p) => p.startsWith('/') || /^[A-Za-z]:[\\/]/.test(p), 'the path must be absolute')
  .refine((p) => !p.includes('\0'), 'the path must not contain NUL characters')

/** Where saved bytes go / loaded bytes come from. */
export const TransferEndpoint = z.discriminatedUnion('kind', [
  /** Browser mode: a one-time URL on the browser-mode server (GET to download, POST to upload). */
  z.object({ kind: z.literal('http') }).strict(),
  /** Desktop: a file the main process writes or reads. */
  z.object({ kind: z.literal('file'), path: HostFilePath }).strict()
])
export type TransferEndpoint = z.infer<typeof TransferEndpoint>

export const SaveImagesInput = z
  .object({
    refs: z.array(ObjectRef).min(1, 'pick at least one image').max(200, 'at most 200 images in one tar'),
    to: TransferEndpoint
  })
  .strict()
  .refine((input) => new Set(input.refs).size === input.refs.length, 'an image is listed twice')

export const LoadImagesInput = z.object({ from: TransferEndpoint }).strict()

/** The file a save suggests: one image "registry:5000/team/app:1.2" → "app-1.2.tar"; three images → "3-images.tar". */
export function saveFileName(refs: readonly string[], imageCount: number): string {
  if (imageCount !== 1 || refs.length === 0) return `${imageCount}-images.tar`
  const last = refs[0].split('/').pop() ?? refs[0]
  const safe = last.replace(/^sha256:/, '').replace(/[:@]/g, '-').replace(/[^A-Za-z0-9._-]/g, '_').slice(0, 100)
  return `${safe || 'image'}.tar`
}

/** Lifecycle of one transfer, shared by save and load. */
export const TransferProgress = z.discriminatedUnion('kind', [
  /** http only: fetch this same-origin path (GET for save, POST the tar for load) within a minute, once. */
  z.object({ kind: z.literal('ready'), url: z.string(), fileName: z.string() }),
  /** Bytes moved so far; total when known (a file's size, Content-Length) or estimated (image sizes). */
  z.object({ kind: z.literal('progress'), bytes: z.number(), totalBytes: z.number().nullable(), estimated: z.boolean() }),
  z.object({
    kind: z.literal('done'),
    bytes: z.number(),
    /** Load: what the engine says it loaded ("repo:tag", or an image id for untagged ones). */
    loaded: z.array(z.string())
  })
])
export type TransferProgress = z.infer<typeof TransferProgress>
