/**
 * Files area DTOs and limits: directory listings read from the engine's archive API, the
 * chunked transfers (downloads as base64 chunk streams, uploads as numbered chunk calls) that
 * carry bytes over JSON frames of at most 4 MiB.
 */
import { z } from 'zod'

/** Raw bytes per chunk in both directions; base64 makes it ~1.34 MiB, far below a frame's 4 MiB. */
export const CHUNK_BYTES = 1024 * 1024
/** Longest base64 string for one chunk (4 characters per 3 bytes, padded). */
export const MAX_CHUNK_BASE64 = Math.ceil(CHUNK_BYTES / 3) * 4
/** Biggest single upload: the temp file on the main side never grows past this. */
export const MAX_UPLOAD_BYTES = 2 * 1024 * 1024 * 1024
/** Direct children shown per directory; past this the listing says it was cut. */
export const MAX_LIST_ENTRIES = 5000
/**
 * Tar bytes a listing through the archive API reads before it stops (the engine sends everything
 * below the folder, file bodies included): ~0.1 s of reading here.
 */
export const MAX_LIST_SCAN_BYTES = 64 * 1024 * 1024
/** Unacknowledged download bytes in flight before the sender waits (flow control, see downloads). */
export const DOWNLOAD_WINDOW_BYTES = 8 * CHUNK_BYTES

/** A path inside a container: absolute, no NUL, no "." / ".." segments, bounded. */
export const ContainerPath = z
  .string()
  .min(1, 'a path is required')
  .max(4096, 'paths are at most 4096 characters')
  .refine((p) => p.startsWith('/'), 'the path must be absolute (start with /)')
  .refine((p) => !p.includes('\0'), 'the path must not contain NUL characters')
  .refine((p) => !p.split('/').some((segment) => segment === '..' || segment === '.'), 'the path must not contain "." or ".." segments')

/** One file name (no directory part), as uploads create it. */
export const FileName = z
  .string()
  .min(1, 'a file name is required')
  .refine((n) => new TextEncoder().encode(n).length <= 255, 'file names are at most 255 bytes')
  .refine((n) => !n.includes('/') && !n.includes('\0'), 'file names must not contain / or NUL')
  .refine((n) => n !== '.' && n !== '..', 'file names cannot be "." or ".."')

export const FileType = z.enum(['file', 'dir', 'symlink', 'other'])
export type FileType = z.infer<typeof FileType>

export const FileEntry = z.object({
  name: z.string(),
  /** Absolute path inside the container. */
  path: z.string(),
  type: FileType,
  /** Bytes (0 for directories and links). */
  size: z.number(),
  /** Permission bits, e.g. 0o755. */
  mode: z.number(),
  /** Unix seconds. */
  mtime: z.number(),
  linkTarget: z.string().optional()
})
export type FileEntry = z.infer<typeof FileEntry>

export const DirListing = z.object({
  /** The directory listed, normalised (no trailing slash except for "/"). */
  path: z.string(),
  entries: z.array(FileEntry),
  /** True when more than MAX_LIST_ENTRIES children exist (only the first are listed). */
  truncated: z.boolean(),
  /** Bytes read to build the listing: exec output, or tar (the engine sends the whole subtree). */
  scannedBytes: z.number(),
  /**
   * How the level was read: by `find`/`stat` inside the running container (one level, cheap), or
   * through the archive API (stopped containers, or images without a shell, find or stat).
   */
  readBy: z.enum(['exec', 'archive']).optional(),
  /** The archive read stopped at MAX_LIST_SCAN_BYTES: children later in the walk are missing. */
  partial: z.boolean().optional()
})
export type DirListing = z.infer<typeof DirListing>

/** Events of a download stream: one `start`, then chunks, then the stream ends. */
export const TransferEvent = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('start'),
    /** Suggested file name for saving, e.g. "notes.txt" or "etc.tar". */
    fileName: z.string(),
    /** Expected raw bytes, when known in advance (a single file); null for archives. */
    totalBytes: z.number().nullable()
  }),
  z.object({
    kind: z.literal('chunk'),
    /** Base64 of at most CHUNK_BYTES raw bytes. */
    data: z.string(),
    /** Raw bytes sent so far, this chunk included. */
    sentBytes: z.number()
  })
])
export type TransferEvent = z.infer<typeof TransferEvent>

/** A client-chosen id for a download so it can acknowledge what it received (flow control). */
export const TransferId = z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, 'a transfer id is 8–64 letters, digits, _ or -')

export const UploadId = z.string().regex(/^up-[A-Za-z0-9_-]{8,64}$/, 'not an upload id (open one with uploads.open)')

/** Human-readable size in binary units for files (a directory listing reads best as KiB/MiB). */
export function describeBytesLimit(bytes: number): string {
  return bytes >= 1024 ** 3 ? `${bytes / 1024 ** 3} GiB` : `${Math.round(bytes / 1024 ** 2)} MiB`
}
