/**
 * Snapshot, back up, move: commit a container to an image, export its filesystem as a tar
 * (a download stream like files.download), import a tar (an upload) as an image, and prune
 * stopped containers in two steps (preview what would go, then remove exactly those).
 */
import { z } from 'zod'
import { ObjectRef } from '../models'
import { TransferEvent, TransferId, UploadId } from '../files-models'
import { Changes, CommitResult, ImportResult, LabelFilter, PrunePreview, PruneResult, Repository, Tag } from '../snapshots-models'
import { call, stream } from '../spec'

const Words = (max: number, what: string) => z.string().max(max, `${what} is at most ${max} characters`)

export const snapshotsMethods = {
  'containers.commit': call(
    z
      .object({
        id: ObjectRef,
        repo: Repository,
        tag: Tag.optional(),
        message: Words(4096, 'the message').optional(),
        author: Words(256, 'the author').optional(),
        changes: Changes.optional(),
        pause: z.boolean().optional()
      })
      .strict(),
    CommitResult
  ),
  'containers.export': stream(z.object({ id: ObjectRef, transferId: TransferId }).strict(), TransferEvent),
  'images.import': call(
    z
      .object({
        uploadId: UploadId,
        repo: Repository.optional(),
        tag: Tag.optional(),
        message: Words(4096, 'the message').optional(),
        changes: Changes.optional()
      })
      .strict()
      .refine((input) => !input.tag || input.repo, { message: 'a tag needs a repository', path: ['tag'] }),
    ImportResult
  ),
  'containers.prunePreview': call(z.object({ label: LabelFilter.optional() }).strict(), PrunePreview),
  'containers.prune': call(
    z.object({ ids: z.array(ObjectRef).min(1, 'nothing to remove').max(5000, 'at most 5000 containers at once') }).strict(),
    PruneResult
  )
} as const
