/**
 * FilesApi: a container's files. Listing a folder of a running container reads that one level by
 * exec (folder-listing.ts); otherwise, and for downloads and uploads, the engine's archive API,
 * which works whether the container runs or not. Returns DTOs, never dockerode types.
 */
import type Docker from 'dockerode'
import type { IncomingMessage } from 'node:http'
import { RpcError } from '../../../shared/errors'
import type { DirListing } from '../../../shared/files-models'
import { MAX_LIST_ENTRIES, MAX_LIST_SCAN_BYTES } from '../../../shared/files-models'
import { engineStatus } from './failures'
import { LIST_SCRIPT, parseListing, runExec } from './folder-listing'
import { firstEntryBody, listDirectChildren, packFiles, parsePathStat, statIsDirectory, type PackedFile } from './archive'

/** Bytes leaving the engine for a download, with what to call them when saved. */
export interface DownloadSource {
  fileName: string
  /** Known for a single file (its size); null for an archive, whose size is only known at the end. */
  totalBytes: number | null
  chunks: AsyncIterable<Uint8Array>
}

export interface FilesApi {
  list(id: string, path: string, signal?: AbortSignal): Promise<DirListing>
  /** A regular file as its bytes; a directory as the engine's tar of it. */
  download(id: string, path: string, signal?: AbortSignal): Promise<DownloadSource>
  /** Writes the files into `dir` (which must exist) in one tar. */
  upload(id: string, dir: string, files: PackedFile[], signal?: AbortSignal): Promise<void>
}

/** Removes trailing slashes ("/" stays "/"). */
export function normaliseDir(path: string): string {
  const trimmed = path.replace(/\/+$/, '')
  return trimmed === '' ? '/' : trimmed
}

function baseName(path: string): string {
  const parts = normaliseDir(path).split('/')
  return parts[parts.length - 1] || 'root'
}

/** dockerode hands back the HTTP response itself for archive requests; its headers carry the stat. */
async function getArchive(docker: Docker, id: string, path: string, signal?: AbortSignal): Promise<IncomingMessage> {
  const options = { path, abortSignal: signal }
  return (await docker.getContainer(id).getArchive(options)) as unknown as IncomingMessage
}

export function createFilesApi(docker: Docker): FilesApi {
  return {
    async list(id, path, signal) {
      const dir = normaliseDir(path)
      const level = await listByExec(docker, id, dir, signal)
      if (level) return level
      // The trailing slash makes the engine follow a symlinked directory and refuse a file.
      let response: IncomingMessage
      try {
        response = await getArchive(docker, id, dir === '/' ? '/' : `${dir}/`, signal)
      } catch (err) {
        if (engineStatus(err) === 400 || /not a directory/i.test(String((err as Error).message))) {
          throw new RpcError('INVALID_INPUT', `${dir} is not a directory.`)
        }
        throw err
      }
      try {
        const stat = parsePathStat(response.headers['x-docker-container-path-stat'])
        if (stat && !statIsDirectory(stat)) throw new RpcError('INVALID_INPUT', `${dir} is not a directory.`)
        const listing = await listDirectChildren(response, dir, MAX_LIST_ENTRIES, MAX_LIST_SCAN_BYTES)
        return { path: dir, ...listing, readBy: 'archive' }
      } finally {
        response.destroy()
      }
    },

    async download(id, path, signal) {
      const target = normaliseDir(path)
      const response = await getArchive(docker, id, target, signal)
      const stat = parsePathStat(response.headers['x-docker-container-path-stat'])
      if (stat && statIsDirectory(stat)) {
        return { fileName: `${baseName(target)}.tar`, totalBytes: null, chunks: destroyAfter(response, response) }
      }
      return { fileName: baseName(target), totalBytes: stat ? stat.size : null, chunks: destroyAfter(firstEntryBody(response), response) }
    },

    async upload(id, dir, files, signal) {
      const body = packFiles(files, signal)
      try {
        const answer = (await docker
          .getContainer(id)
          .putArchive(body, { path: normaliseDir(dir), abortSignal: signal } as object)) as unknown as IncomingMessage | undefined
        // The engine answers 200 with an empty body; drain it so the socket is released.
        answer?.resume?.()
      } finally {
        body.destroy()
      }
    }
  }
}

/**
 * One level by exec in the running container, or undefined when that route can't answer and the
 * archive API must: the container is stopped or paused (the engine refuses the exec), it has no
 * sh, find or stat, or the folder is missing or not a folder (the archive route says which).
 */
async function listByExec(docker: Docker, id: string, dir: string, signal?: AbortSignal): Promise<DirListing | undefined> {
  try {
    // An empty boundary ("$2"): inside its own container every real path is allowed.
    const result = await runExec(docker, id, ['sh', '-c', LIST_SCRIPT, 'sh', dir, '', String(MAX_LIST_ENTRIES + 1)], signal)
    if (result.exitCode !== 0) return undefined
    return { ...parseListing(result.stdout, dir), readBy: 'exec' }
  } catch (err) {
    if (signal?.aborted) throw err
    return undefined
  }
}

/** Iterates `chunks`, then (or on any early exit) destroys the HTTP response behind them. */
export async function* destroyAfter(chunks: AsyncIterable<Uint8Array>, response: IncomingMessage): AsyncGenerator<Uint8Array> {
  try {
    yield* chunks
  } finally {
    response.destroy()
  }
}
