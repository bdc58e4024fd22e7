/**
 * volumes.*: thin adapters over the engine's VolumesApi. Browse is a stream that holds its
 * helper container for as long as the person looks (listDir and download name its session);
 * backup streams like files.download; restore consumes a finished upload (uploads.*).
 */
import { createReadStream } from 'node:fs'
import { open } from 'node:fs/promises'
import { RpcError } from '../../../shared/errors'
import type { volumeMethods } from '../../../shared/methods/volumes'
import type { EngineRegistry } from '../engine/registry'
import type { PartialHandlers } from '../rpc/handlers'
import { transfersFor } from './transfers'
import { browseSessionsFor } from './volume-sessions'

/** Plain tar ("ustar" at offset 257) or a compression the engine unpacks by itself (gzip, bzip2, xz). */
export function looksLikeTar(head: Buffer): boolean {
  if (head.subarray(257, 262).toString('latin1') === 'ustar') return true
  if (head[0] === 0x1f && head[1] === 0x8b) return true
  if (head.subarray(0, 3).toString('latin1') === 'BZh') return true
  return head.subarray(0, 6).equals(Buffer.from([0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00]))
}

async function readHead(path: string): Promise<Buffer> {
  const file = await open(path, 'r')
  try {
    const head = Buffer.alloc(512)
    const { bytesRead } = await file.read(head, 0, 512, 0)
    return head.subarray(0, bytesRead)
  } finally {
    await file.close()
  }
}

/** Resolves when `signal` aborts. */
function aborted(signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => (signal.aborted ? resolve() : signal.addEventListener('abort', () => resolve(), { once: true })))
}

export function volumeHandlers(engines: EngineRegistry): PartialHandlers<keyof typeof volumeMethods> {
  const engine = (signal: AbortSignal) => engines.whenActive(signal)
  const { uploads, downloads } = transfersFor(engines)
  const sessions = browseSessionsFor(engines)
  return {
    'volumes.list': async (_input, signal) => (await engine(signal)).volumes.list(signal),
    'volumes.sizes': async (_input, signal) => (await engine(signal)).volumes.sizes(signal),
    'volumes.drivers': async (_input, signal) => (await engine(signal)).volumes.drivers(signal),
    'volumes.create': async (input, signal) => (await engine(signal)).volumes.create(input, signal),
    'volumes.inspect': async ({ name }, signal) => (await engine(signal)).volumes.inspect(name, signal),
    'volumes.remove': async ({ name }, signal) => {
      await (await engine(signal)).volumes.remove(name, signal)
      return { ok: true }
    },
    'volumes.prunePreview': async ({ scope, label }, signal) => (await engine(signal)).volumes.prunePreview(scope, label, signal),
    'volumes.prune': async ({ names }, signal) => (await engine(signal)).volumes.prune([...new Set(names)], signal),

    'volumes.browse': async ({ name }, emit, signal) => {
      const client = await engine(signal)
      const browser = await client.volumes.openBrowser(name, signal)
      const session = sessions.open(client, name, browser.helper)
      try {
        emit({ kind: 'ready', sessionId: session.id, image: browser.image })
        const ended = browser.ended.then(() => 'ended' as const)
        if ((await Promise.race([aborted(signal).then(() => 'aborted' as const), ended])) === 'ended' && !signal.aborted) {
          throw new RpcError('CANCELLED', 'The browse helper stopped (it lives an hour at most, or someone removed it). Open Browse again.')
        }
      } finally {
        sessions.close(session.id)
        await client.volumes.closeBrowser(browser.helper)
      }
    },

    'volumes.listDir': async ({ sessionId, path }, signal) => {
      const session = sessions.get(sessionId)
      return session.client.volumes.listDir(session.helper, path, signal)
    },

    'volumes.download': async ({ sessionId, path, transferId }, emit, signal) => {
      const session = sessions.get(sessionId)
      const source = await session.client.volumes.download(session.helper, session.volume, path, signal)
      emit({ kind: 'start', fileName: source.fileName, totalBytes: source.totalBytes })
      await downloads.send(transferId, source.chunks, emit, signal)
    },

    'volumes.backup': async ({ name, transferId }, emit, signal) => {
      const source = await (await engine(signal)).volumes.backup(name, signal)
      try {
        emit({ kind: 'start', fileName: source.fileName, totalBytes: source.totalBytes })
        await downloads.send(transferId, source.chunks, emit, signal)
      } finally {
        await source.dispose()
      }
    },

    'volumes.restore': async ({ uploadId, name, create, overwrite }, signal) => {
      const upload = await uploads.take(uploadId)
      try {
        if (!looksLikeTar(await readHead(upload.path))) {
          throw new RpcError('INVALID_INPUT', 'That file is not a tar archive (plain, gzip, bzip2 or xz). Pick a backup made by Berth or by `tar -c`.')
        }
        const client = await engine(signal)
        const body = createReadStream(upload.path)
        try {
          return await client.volumes.restore(body, { name, create, overwrite, bytes: upload.size }, signal)
        } finally {
          body.destroy()
        }
      } finally {
        await upload.release()
      }
    }
  }
}
