/**
 * files.*, uploads.*, downloads.ack: a container's files (running or stopped) through the
 * archive API, with bytes moved in bounded chunks (see uploads.ts and downloads.ts).
 */
import type { EngineRegistry } from '../engine/registry'
import type { PartialHandlers } from '../rpc/handlers'
import type { TakenUpload } from '../uploads'
import { transfersFor } from './transfers'

type FilesMethods = 'files.list' | 'files.download' | 'files.upload' | 'downloads.ack' | 'uploads.open' | 'uploads.chunk' | 'uploads.abort'

export function filesHandlers(engines: EngineRegistry): PartialHandlers<FilesMethods> {
  const engine = (signal: AbortSignal) => engines.whenActive(signal)
  const { uploads, downloads } = transfersFor(engines)
  return {
    'files.list': async ({ id, path }, signal) => (await engine(signal)).files.list(id, path, signal),

    'files.download': async ({ id, path, transferId }, emit, signal) => {
      const source = await (await engine(signal)).files.download(id, path, signal)
      emit({ kind: 'start', fileName: source.fileName, totalBytes: source.totalBytes })
      await downloads.send(transferId, source.chunks, emit, signal)
    },

    'files.upload': async ({ id, dir, files }, signal) => {
      const taken: Array<TakenUpload & { name: string }> = []
      try {
        // Take them all first: a missing or incomplete upload fails before the engine is touched.
        for (const file of files) taken.push({ name: file.name, ...(await uploads.take(file.uploadId)) })
        const client = await engine(signal)
        await client.files.upload(id, dir, taken.map((t) => ({ name: t.name, size: t.size, sourcePath: t.path })), signal)
        return { written: taken.map((t) => t.name), bytes: taken.reduce((sum, t) => sum + t.size, 0) }
      } finally {
        await Promise.all(taken.map((t) => t.release()))
        // Uploads named in the call but not taken (an earlier one failed) are dropped too.
        await Promise.all(files.map((f) => uploads.abort(f.uploadId)))
      }
    },

    'downloads.ack': async ({ transferId, receivedBytes }) => {
      downloads.ack(transferId, receivedBytes)
      return { ok: true }
    },
    'uploads.open': async ({ totalBytes }) => uploads.open(totalBytes),
    'uploads.chunk': async ({ uploadId, seq, data }) => uploads.chunk(uploadId, seq, data),
    'uploads.abort': async ({ uploadId }) => {
      await uploads.abort(uploadId)
      return { ok: true }
    }
  }
}
