/**
 * Chunked uploads: bytes reach the main side as numbered base64 chunks (frames are JSON of at
 * most 4 MiB) and are appended to a temp file under the OS temp dir. A consumer (files.upload,
 * images.import) then takes the finished upload by id, and releases it when done.
 *
 * Bounds: the size is declared up front (≤ MAX_UPLOAD_BYTES) and never exceeded; chunks must
 * come in order; at most MAX_OPEN_UPLOADS at once; an upload idle for IDLE_TIMEOUT_MS is
 * removed, so a window closed mid-upload leaves nothing behind. Temp files go on finish, abort
 * and timeout.
 */
import { randomBytes } from 'node:crypto'
import { mkdtemp, open, rm, type FileHandle } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { RpcError } from '../../shared/errors'
import { CHUNK_BYTES } from '../../shared/files-models'

export const MAX_OPEN_UPLOADS = 32
export const IDLE_TIMEOUT_MS = 2 * 60_000

interface Upload {
  id: string
  path: string
  declaredBytes: number
  receivedBytes: number
  nextSeq: number
  file: FileHandle
  /** Writes are chained so they land in order even if calls overlap. */
  writing: Promise<void>
  timer?: NodeJS.Timeout
  taken: boolean
}

/** A finished upload handed to its consumer, who must call release(). */
export interface TakenUpload {
  path: string
  size: number
  release(): Promise<void>
}

export class UploadStore {
  private readonly uploads = new Map<string, Upload>()
  private dir: Promise<string> | undefined

  constructor(private readonly options: { idleTimeoutMs?: number; tempRoot?: string } = {}) {}

  get openCount(): number {
    return this.uploads.size
  }

  async open(declaredBytes: number): Promise<{ uploadId: string; chunkBytes: number }> {
    if (this.uploads.size >= MAX_OPEN_UPLOADS) {
      throw new RpcError('CONFLICT', `Too many uploads at once (${MAX_OPEN_UPLOADS}); wait for some to finish.`)
    }
    this.dir ??= mkdtemp(join(this.options.tempRoot ?? tmpdir(), 'berth-uploads-'))
    const id = `up-${randomBytes(12).toString('base64url')}`
    const path = join(await this.dir, id)
    const file = await open(path, 'wx', 0o600)
    const upload: Upload = { id, path, declaredBytes, receivedBytes: 0, nextSeq: 0, file, writing: Promise.resolve(), taken: false }
    this.uploads.set(id, upload)
    this.touch(upload)
    return { uploadId: id, chunkBytes: CHUNK_BYTES }
  }

  async chunk(id: string, seq: number, base64: string): Promise<{ receivedBytes: number }> {
    const upload = this.get(id)
    if (upload.taken) throw new RpcError('CONFLICT', 'This upload is already being used; it takes no more chunks.')
    if (seq !== upload.nextSeq) {
      throw new RpcError('INVALID_INPUT', `Chunk ${seq} arrived but chunk ${upload.nextSeq} was expected: send chunks in order.`)
    }
    const bytes = Buffer.from(base64, 'base64')
    if (bytes.byteLength > CHUNK_BYTES) throw new RpcError('INVALID_INPUT', `A chunk is at most ${CHUNK_BYTES} bytes.`)
    if (upload.receivedBytes + bytes.byteLength > upload.declaredBytes) {
      await this.discard(upload)
      throw new RpcError('INVALID_INPUT', `More bytes arrived than the ${upload.declaredBytes} declared; the upload was cancelled.`)
    }
    // Claim the sequence number and the bytes before awaiting, so an overlapping call sees them.
    upload.nextSeq++
    upload.receivedBytes += bytes.byteLength
    this.touch(upload)
    upload.writing = upload.writing.then(async () => {
      await upload.file.write(bytes)
    })
    await upload.writing
    return { receivedBytes: upload.receivedBytes }
  }

  /** Hands a complete upload to its consumer; it can be taken once. */
  async take(id: string): Promise<TakenUpload> {
    const upload = this.get(id)
    if (upload.taken) throw new RpcError('CONFLICT', 'This upload was already used.')
    if (upload.receivedBytes !== upload.declaredBytes) {
      throw new RpcError('INVALID_INPUT', `The upload is incomplete: ${upload.receivedBytes} of ${upload.declaredBytes} bytes arrived.`)
    }
    upload.taken = true
    clearTimeout(upload.timer)
    await upload.writing
    await upload.file.close()
    return { path: upload.path, size: upload.receivedBytes, release: () => this.discard(upload) }
  }

  async abort(id: string): Promise<void> {
    const upload = this.uploads.get(id)
    if (upload && !upload.taken) await this.discard(upload)
  }

  /** Removes every upload and the temp dir (core shutdown). */
  async close(): Promise<void> {
    await Promise.all([...this.uploads.values()].map((upload) => this.discard(upload)))
    if (this.dir) await rm(await this.dir, { recursive: true, force: true })
  }

  private get(id: string): Upload {
    const upload = this.uploads.get(id)
    if (!upload) throw new RpcError('NOT_FOUND', 'No such upload: it finished, was cancelled, or timed out after 2 minutes without data. Start it again.')
    return upload
  }

  private touch(upload: Upload): void {
    clearTimeout(upload.timer)
    upload.timer = setTimeout(() => void this.discard(upload), this.options.idleTimeoutMs ?? IDLE_TIMEOUT_MS)
    upload.timer.unref()
  }

  private async discard(upload: Upload): Promise<void> {
    if (this.uploads.get(upload.id) !== upload) return
    this.uploads.delete(upload.id)
    clearTimeout(upload.timer)
    await upload.writing.catch(() => {})
    await upload.file.close().catch(() => {})
    await rm(upload.path, { force: true })
  }
}
