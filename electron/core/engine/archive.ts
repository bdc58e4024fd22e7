/**
 * Tar helpers for the engine's archive API (GET/PUT /containers/{id}/archive), engine-agnostic so
 * they are unit-tested on tars made in memory:
 * - listDirectChildren: reads a directory's tar and keeps only its direct children. The engine
 *   always sends the whole subtree, so bodies are skipped as they stream past (never buffered)
 *   and reading stops once the entry cap is passed.
 * - firstEntryBody: the raw bytes of a tar's single entry (a file download).
 * - packFiles: a tar built on the fly from files on disk (uploads).
 */
import { createReadStream } from 'node:fs'
import { Readable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import tar from 'tar-stream'
import { RpcError } from '../../../shared/errors'
import type { FileEntry, FileType } from '../../../shared/files-models'
import { sortEntries } from './folder-listing'

/** The X-Docker-Container-Path-Stat header: base64 JSON describing the requested path. */
export interface PathStat {
  name: string
  size: number
  /** Go's os.FileMode: permission bits plus type bits (1<<31 directory, 1<<27 symlink). */
  mode: number
  mtime: string
  linkTarget: string
}

const GO_MODE_DIR = 2 ** 31
const GO_MODE_SYMLINK = 2 ** 27

export function parsePathStat(header: string | string[] | undefined): PathStat | undefined {
  const value = Array.isArray(header) ? header[0] : header
  if (!value) return undefined
  try {
    const json = JSON.parse(Buffer.from(value, 'base64').toString('utf8')) as Partial<PathStat>
    return {
      name: String(json.name ?? ''),
      size: Number(json.size ?? 0),
      mode: Number(json.mode ?? 0),
      mtime: String(json.mtime ?? ''),
      linkTarget: String(json.linkTarget ?? '')
    }
  } catch {
    return undefined
  }
}

export function statIsDirectory(stat: PathStat): boolean {
  // The bit is above 2^31, beyond what bitwise operators keep: compare arithmetically.
  return Math.floor(stat.mode / GO_MODE_DIR) % 2 === 1
}

export function statIsSymlink(stat: PathStat): boolean {
  return Math.floor(stat.mode / GO_MODE_SYMLINK) % 2 === 1
}

/** "tmp/a/" → "tmp/a", "/bin/" → "bin", "./x" → "x", "/" → "". */
export function normaliseEntryName(name: string): string {
  return name.replace(/^(\.\/|\.$|\/)+/, '').replace(/\/+$/, '')
}

export function joinContainerPath(dir: string, name: string): string {
  return dir === '/' ? `/${name}` : `${dir.replace(/\/+$/, '')}/${name}`
}

function toFileType(type: tar.Header['type']): FileType {
  if (type === 'directory') return 'dir'
  if (type === 'symlink') return 'symlink'
  if (type === 'file' || type === 'contiguous-file' || type === 'link') return 'file'
  return 'other'
}

export interface ChildListing {
  entries: FileEntry[]
  truncated: boolean
  scannedBytes: number
  /** True when reading stopped at the byte cap: children later in the archive are missing. */
  partial: boolean
}

/**
 * Writes `source` into `extract` with backpressure, ending it after the last chunk; a failing
 * source destroys the extract, so whoever reads entries sees the error. `onChunk` sees each chunk
 * before it is written; once `stopped` says so (the reader has all it wants), feeding ends.
 */
function feedExtract(
  source: AsyncIterable<Uint8Array>,
  extract: tar.Extract,
  hooks: { onChunk?: (chunk: Uint8Array) => void; stopped?: () => boolean } = {}
): Promise<void> {
  const feeding = (async () => {
    for await (const chunk of source) {
      hooks.onChunk?.(chunk)
      if (!extract.write(chunk)) await new Promise<void>((resolve) => extract.once('drain', resolve))
      if (hooks.stopped?.()) return
    }
    extract.end(null) // streamx's end() takes an optional last chunk; null means none
  })()
  feeding.catch((err: unknown) => extract.destroy(err as Error))
  return feeding
}

/**
 * Lists the direct children of the directory whose tar `source` carries (its first entry is the
 * directory itself). `dirPath` is the absolute path the children are placed under. Reading stops
 * past `maxEntries` children (truncated) or past `maxScanBytes` of tar (partial: the engine sends
 * the whole subtree in walk order, so children later in it are missing).
 */
export async function listDirectChildren(
  source: AsyncIterable<Uint8Array>,
  dirPath: string,
  maxEntries: number,
  maxScanBytes = Number.POSITIVE_INFINITY
): Promise<ChildListing> {
  const extract = tar.extract()
  let scannedBytes = 0
  let base: string | undefined
  let truncated = false
  let partial = false
  const entries: FileEntry[] = []
  const feeding = feedExtract(source, extract, {
    onChunk: (chunk) => (scannedBytes += chunk.byteLength),
    stopped: () => {
      // Checked per chunk, not per entry: one huge file's body must not be read to its end.
      if (!truncated && !partial && scannedBytes > maxScanBytes) {
        partial = true
        extract.destroy()
      }
      return truncated || partial
    }
  })
  try {
    for await (const entry of extract) {
      const name = normaliseEntryName(entry.header.name)
      const relative = base === undefined ? undefined : base === '' ? name : name.startsWith(`${base}/`) ? name.slice(base.length + 1) : undefined
      base ??= name
      if (relative && !relative.includes('/')) {
        if (entries.length >= maxEntries) {
          truncated = true
          entry.resume()
          break
        }
        entries.push(childEntry(entry.header, relative, dirPath))
      }
      entry.resume() // skip the body without keeping it
    }
  } catch (err) {
    // Destroying the extract at the byte cap ends the loop with an error that is ours.
    if (!partial) throw err
  }
  if (!truncated && !partial) await feeding
  return { entries: sortEntries(entries), truncated, scannedBytes, partial }
}

function childEntry(header: tar.Header, name: string, dirPath: string): FileEntry {
  const type = toFileType(header.type)
  return {
    name,
    path: joinContainerPath(dirPath, name),
    type,
    size: type === 'file' ? (header.size ?? 0) : 0,
    mode: (header.mode ?? 0) & 0o7777,
    mtime: Math.floor((header.mtime?.getTime() ?? 0) / 1000),
    ...(type === 'symlink' ? { linkTarget: header.linkname ?? '' } : {})
  }
}

/** Yields the body of a tar's first entry; refuses anything but a regular file. */
export async function* firstEntryBody(source: AsyncIterable<Uint8Array>): AsyncGenerator<Uint8Array> {
  const extract = tar.extract()
  feedExtract(source, extract)
  for await (const entry of extract) {
    const { type, name, linkname } = entry.header
    if (type === 'symlink') {
      throw new RpcError('INVALID_INPUT', `"${normaliseEntryName(name)}" is a symbolic link to ${linkname}: download its target instead.`)
    }
    if (type !== 'file' && type !== 'contiguous-file') {
      throw new RpcError('INVALID_INPUT', `"${normaliseEntryName(name)}" is not a regular file (${type}).`)
    }
    for await (const chunk of entry) yield chunk as Uint8Array
    return
  }
  throw new RpcError('NOT_FOUND', 'The engine sent an empty archive.')
}

export interface PackedFile {
  name: string
  size: number
  /** A file on disk whose bytes become the entry's body. */
  sourcePath: string
}

/** A tar with one entry per file, streamed (each body is read from disk as the tar is consumed). */
export function packFiles(files: PackedFile[], signal?: AbortSignal): Readable {
  const pack = tar.pack()
  const mtime = new Date()
  void (async () => {
    try {
      for (const file of files) {
        const sink = pack.entry({ name: file.name, size: file.size, mode: 0o644, mtime, type: 'file' })
        await pipeline(createReadStream(file.sourcePath), sink, { signal })
      }
      pack.finalize()
    } catch (err) {
      pack.destroy(err as Error)
    }
  })()
  return Readable.from(pack)
}
