/**
 * files.*: browse, download and upload a container's files through the engine's archive API
 * (works for running and stopped containers). uploads.*: the chunked way bytes reach the main
 * side; a consumer method (files.upload, images.import) then takes the upload's id.
 * downloads.ack: the receiver's acknowledgements that pace a download stream.
 */
import { z } from 'zod'
import { ObjectRef } from '../models'
import {
  ContainerPath,
  DirListing,
  FileName,
  MAX_CHUNK_BASE64,
  MAX_UPLOAD_BYTES,
  TransferEvent,
  TransferId,
  UploadId,
  describeBytesLimit
} from '../files-models'
import { call, Done, stream } from '../spec'

const Base64 = z
  .string()
  .max(MAX_CHUNK_BASE64, 'a chunk is at most 1 MiB of raw bytes')
  .regex(/^[A-Za-z0-9+/]*={0,2}$/, 'chunk data must be base64')

export const filesMethods = {
  'files.list': call(z.object({ id: ObjectRef, path: ContainerPath }).strict(), DirListing),
  /** A file arrives as its raw bytes; a directory as a tar of it (named DIR.tar). */
  'files.download': stream(z.object({ id: ObjectRef, path: ContainerPath, transferId: TransferId }).strict(), TransferEvent),
  'files.upload': call(
    z
      .object({
        id: ObjectRef,
        dir: ContainerPath,
        files: z.array(z.object({ name: FileName, uploadId: UploadId }).strict()).min(1, 'pick at least one file').max(1000, 'at most 1000 files at once')
      })
      .strict()
      .refine((input) => new Set(input.files.map((f) => f.name)).size === input.files.length, 'two files have the same name'),
    z.object({ written: z.array(z.string()), bytes: z.number() })
  ),
  'downloads.ack': call(z.object({ transferId: TransferId, receivedBytes: z.number().int().min(0) }).strict(), Done),
  'uploads.open': call(
    z
      .object({
        totalBytes: z
          .number()
          .int('the size is a whole number of bytes')
          .min(0)
          .max(MAX_UPLOAD_BYTES, `uploads are at most ${describeBytesLimit(MAX_UPLOAD_BYTES)}`)
      })
      .strict(),
    z.object({ uploadId: UploadId, chunkBytes: z.number() })
  ),
  'uploads.chunk': call(
    z.object({ uploadId: UploadId, seq: z.number().int().min(0), data: Base64 }).strict(),
    z.object({ receivedBytes: z.number() })
  ),
  'uploads.abort': call(z.object({ uploadId: UploadId }).strict(), Done)
} as const
