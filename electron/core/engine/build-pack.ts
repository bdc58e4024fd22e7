/**
 * The context tar, produced as the engine reads it (tar-stream's pack): never the whole context in
 * memory. Two things make it as fast as the CLI's:
 * - small files (most of a typical context) are read whole with plain system calls, the event
 *   loop let go every few milliseconds (TimeSlice); big files stream through in MiB-sized reads;
 * - tar-stream yields a 512-byte header and then the body per entry, so its output is joined into
 *   WRITE_BYTES pieces before it goes to the socket (thousands of tiny writes slow the engine down).
 * Each entry waits for tar-stream to take it, so a slow engine holds back the reading (backpressure).
 */
import type { FileHandle } from 'node:fs/promises'
import { readFileSync } from 'node:fs'
import { open } from 'node:fs/promises'
import { relative } from 'node:path'
import { Readable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import tar from 'tar-stream'
import { ContextProblem, toPosix, unreadable, type ContextEntry, type ContextListing } from './build-context'
import { TimeSlice } from './time-slice'

const SMALL_FILE_BYTES = 256 * 1024
const BIG_FILE_READ_BYTES = 1024 * 1024
const WRITE_BYTES = 256 * 1024

const OWNER = { uid: 0, gid: 0, uname: '', gname: '' }

async function openFile(entry: ContextEntry): Promise<FileHandle> {
  try {
    return await open(entry.absPath)
  } catch (err) {
    throw unreadable(entry.name, err)
  }
}

const isSmall = (entry: ContextEntry): boolean => entry.type === 'file' && entry.size <= SMALL_FILE_BYTES

/**
 * A small file read whole, synchronously: open + read + close of a cached file take microseconds
 * as system calls, but tens of microseconds each through fs/promises (three thread-pool round
 * trips per file), which for 500 files was most of what the pack cost beyond the CLI's.
 */
function readSmall(entry: ContextEntry): Buffer {
  let body: Buffer
  try {
    body = readFileSync(entry.absPath)
  } catch (err) {
    throw unreadable(entry.name, err)
  }
  if (body.length !== entry.size) throw new ContextProblem('contextPath', `${entry.name} changed size while the build context was being sent; try again.`)
  return body
}

function addEntry(pack: tar.Pack, header: Parameters<tar.Pack['entry']>[0], body?: Buffer): Promise<void> {
  return new Promise((resolve, reject) => {
    const done = (err?: Error | null): void => (err ? reject(err) : resolve())
    if (body) pack.entry(header, body, done)
    else pack.entry(header, done)
  })
}

async function fill(pack: tar.Pack, listing: ContextListing, signal?: AbortSignal): Promise<void> {
  const slice = new TimeSlice()
  for (const entry of listing.entries) {
    await slice.maybeYield()
    if (signal?.aborted) throw signal.reason
    const header = { name: entry.name, mode: entry.mode, mtime: entry.mtime, ...OWNER }
    // Folders end in "/" as in the CLI's tar: the engine's cache keys hash the names as sent.
    if (entry.type === 'directory') await addEntry(pack, { ...header, name: `${entry.name}/`, type: 'directory' })
    else if (entry.type === 'symlink') await addEntry(pack, { ...header, type: 'symlink', linkname: entry.linkname })
    else if (isSmall(entry)) await addEntry(pack, { ...header, type: 'file', size: entry.size }, readSmall(entry))
    else {
      const file = await openFile(entry)
      await pipeline(file.createReadStream({ highWaterMark: BIG_FILE_READ_BYTES }), pack.entry({ ...header, type: 'file', size: entry.size }), { signal })
    }
  }
  for (const file of listing.extra) await addEntry(pack, { name: file.name, mode: 0o644, mtime: new Date(), type: 'file', ...OWNER }, file.body)
  pack.finalize()
}

/** The tar of `listing`, read as it is consumed; `onBytes` sees every piece sent. */
export function packContext(listing: ContextListing, onBytes: (bytes: number) => void, signal?: AbortSignal): Readable {
  const pack = tar.pack()
  fill(pack, listing, signal).catch((err: unknown) => pack.destroy(err as Error))
  return Readable.from(
    (async function* joined() {
      let held: Uint8Array[] = []
      let heldBytes = 0
      const release = (): Buffer => {
        const piece = Buffer.concat(held, heldBytes)
        onBytes(heldBytes)
        held = []
        heldBytes = 0
        return piece
      }
      try {
        for await (const chunk of pack) {
          held.push(chunk as Uint8Array)
          heldBytes += (chunk as Uint8Array).byteLength
          if (heldBytes >= WRITE_BYTES) yield release()
        }
        if (heldBytes > 0) yield release()
      } catch (err) {
        // A read that failed mid-file surfaces as the tar's error: name the file it was.
        const path = (err as NodeJS.ErrnoException).path
        if (!(err instanceof ContextProblem) && path && !signal?.aborted) throw unreadable(toPosix(relative(listing.root, path)), err)
        throw err
      }
    })()
  )
}
