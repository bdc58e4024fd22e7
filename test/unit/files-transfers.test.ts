/** UploadStore (order, bounds, temp files gone on every ending) and DownloadPacer (chunking, ack window). */
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { CHUNK_BYTES, type TransferEvent } from '../../shared/files-models'
import { DownloadPacer } from '../../electron/core/downloads'
import { UploadStore } from '../../electron/core/uploads'

const root = mkdtempSync(join(tmpdir(), 'berth-upload-test-'))
afterAll(() => rmSync(root, { recursive: true, force: true }))
const b64 = (text: string) => Buffer.from(text).toString('base64')
const tempFiles = () => readdirSync(root).flatMap((dir) => readdirSync(join(root, dir)))

describe('UploadStore', () => {
  it('assembles ordered chunks into a temp file that is removed on release', async () => {
    const store = new UploadStore({ tempRoot: root })
    const { uploadId, chunkBytes } = await store.open(11)
    expect(chunkBytes).toBe(CHUNK_BYTES)
    await store.chunk(uploadId, 0, b64('hello '))
    expect(await store.chunk(uploadId, 1, b64('world'))).toEqual({ receivedBytes: 11 })
    const taken = await store.take(uploadId)
    expect(readFileSync(taken.path, 'utf8')).toBe('hello world')
    await taken.release()
    expect(existsSync(taken.path)).toBe(false)
    await expect(store.take(uploadId)).rejects.toMatchObject({ code: 'NOT_FOUND' })
    await store.close()
  })

  it.each([
    ['out of order', async (s: UploadStore, id: string) => s.chunk(id, 1, b64('a')), /chunk 0 was expected/],
    ['over the declared size', async (s: UploadStore, id: string) => s.chunk(id, 0, b64('123456')), /More bytes arrived than the 4 declared/],
    ['taken before complete', async (s: UploadStore, id: string) => s.take(id), /incomplete: 0 of 4/],
    ['an unknown id', async (s: UploadStore) => s.chunk('up-nope-nope-nope', 0, b64('a')), /No such upload/]
  ])('refuses a chunk %s', async (_name, attempt, message) => {
    const store = new UploadStore({ tempRoot: root })
    const { uploadId } = await store.open(4)
    await expect(attempt(store, uploadId)).rejects.toThrow(message)
    await store.close()
  })

  it('removes the temp file of an abandoned upload after the idle timeout, and on abort', async () => {
    const store = new UploadStore({ tempRoot: root, idleTimeoutMs: 50 })
    const idle = await store.open(10)
    await store.chunk(idle.uploadId, 0, b64('abc'))
    const aborted = await store.open(10)
    expect(store.openCount).toBe(2)
    await store.abort(aborted.uploadId)
    expect(store.openCount).toBe(1)
    await new Promise((resolve) => setTimeout(resolve, 150))
    expect(store.openCount).toBe(0)
    expect(tempFiles().filter((f) => f === idle.uploadId || f === aborted.uploadId)).toEqual([])
    await store.close()
  })
})

async function* source(total: number, piece: number): AsyncGenerator<Uint8Array> {
  for (let sent = 0; sent < total; sent += piece) yield Buffer.alloc(Math.min(piece, total - sent), sent % 251)
}

describe('DownloadPacer', () => {
  it('regroups small pieces into whole chunks of at most CHUNK_BYTES', async () => {
    const pacer = new DownloadPacer()
    const events: TransferEvent[] = []
    const total = 2 * CHUNK_BYTES + 12_345
    const sent = await pacer.send('transfer-1', source(total, 64 * 1024 + 1), (e) => events.push(e), new AbortController().signal, Infinity)
    expect(sent).toBe(total)
    const sizes = events.map((e) => (e.kind === 'chunk' ? Buffer.from(e.data, 'base64').length : -1))
    expect(sizes).toEqual([CHUNK_BYTES, CHUNK_BYTES, 12_345])
    expect(events.at(-1)).toMatchObject({ sentBytes: total })
  })

  it('waits for acknowledgements once the window is full, and stops on abort', async () => {
    const pacer = new DownloadPacer()
    const events: TransferEvent[] = []
    const controller = new AbortController()
    const sending = pacer.send('transfer-2', source(5 * CHUNK_BYTES, CHUNK_BYTES), (e) => events.push(e), controller.signal, 2 * CHUNK_BYTES)
    await new Promise((resolve) => setTimeout(resolve, 30))
    expect(events).toHaveLength(2) // the window is full: nothing more without acks
    pacer.ack('transfer-2', CHUNK_BYTES)
    await new Promise((resolve) => setTimeout(resolve, 30))
    expect(events).toHaveLength(3)
    controller.abort()
    await expect(sending).rejects.toMatchObject({ code: 'CANCELLED' })
    // A late ack for a finished transfer is harmless.
    pacer.ack('transfer-2', 10 * CHUNK_BYTES)
  })

  it('refuses a transfer id already in use', async () => {
    const pacer = new DownloadPacer()
    const controller = new AbortController()
    const first = pacer.send('same-id-1', source(3 * CHUNK_BYTES, CHUNK_BYTES), () => {}, controller.signal, CHUNK_BYTES)
    await expect(pacer.send('same-id-1', source(1, 1), () => {}, controller.signal)).rejects.toMatchObject({ code: 'CONFLICT' })
    controller.abort()
    await first.catch(() => {})
  })
})
