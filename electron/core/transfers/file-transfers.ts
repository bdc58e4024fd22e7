/**
 * The desktop app's side of a transfer: the main process writes to, or reads from, a path the
 * person picked in a native dialog. A save goes to a hidden partial file first and is renamed
 * only when complete, so a cancelled or failed save never leaves a truncated tar under the
 * chosen name.
 */
import { randomBytes } from 'node:crypto'
import { createReadStream, createWriteStream } from 'node:fs'
import { rename, rm, stat } from 'node:fs/promises'
import { basename, dirname, join } from 'node:path'
import { PassThrough, type Readable } from 'node:stream'
import { RpcError } from '../../../shared/errors'
import { byteCounter, pipe } from './byte-counter'

export async function saveToFile(
  path: string,
  open: (signal: AbortSignal) => Promise<Readable>,
  onProgress: (bytes: number) => void,
  signal: AbortSignal
): Promise<number> {
  const partial = join(dirname(path), `.${basename(path)}.berth-partial-${randomBytes(4).toString('hex')}`)
  const source = await open(signal)
  const counter = byteCounter(onProgress)
  const abort = (): void => void source.destroy(new RpcError('CANCELLED', 'Cancelled.'))
  signal.addEventListener('abort', abort, { once: true })
  try {
    await pipe(source, counter, createWriteStream(partial, { flags: 'wx', mode: 0o644 }))
    await rename(partial, path)
    return counter.total()
  } catch (err) {
    await rm(partial, { force: true })
    throw fileError(err, path)
  } finally {
    signal.removeEventListener('abort', abort)
  }
}

export async function readFromFile<T>(
  path: string,
  consume: (body: Readable, signal: AbortSignal) => Promise<T>,
  onProgress: (bytes: number, totalBytes: number) => void,
  signal: AbortSignal
): Promise<{ bytes: number; result: T }> {
  let size: number
  try {
    const info = await stat(path)
    if (!info.isFile()) throw new RpcError('INVALID_INPUT', `${path} is not a file.`)
    size = info.size
  } catch (err) {
    throw fileError(err, path)
  }
  const counter = byteCounter((bytes) => onProgress(bytes, size))
  const body = new PassThrough()
  const [result] = await Promise.all([consume(body, signal), pipe(createReadStream(path), counter, body).catch((err: unknown) => {
    throw fileError(err, path)
  })])
  return { bytes: counter.total(), result }
}

function fileError(err: unknown, path: string): unknown {
  const code = (err as { code?: string }).code
  if (code === 'ENOENT') return new RpcError('NOT_FOUND', `${path} does not exist (or its folder doesn't).`)
  if (code === 'EACCES' || code === 'EPERM') return new RpcError('UNAUTHORIZED', `Berth may not use ${path} (permission denied).`)
  if (code === 'ENOSPC') return new RpcError('INTERNAL', `The disk holding ${path} is full.`)
  if (code === 'EISDIR') return new RpcError('INVALID_INPUT', `${path} is a folder; pick a file.`)
  return err
}
