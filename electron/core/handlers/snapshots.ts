/**
 * containers.commit / .export / .prunePreview / .prune and images.import: snapshot, back up,
 * move. Export streams like files.download; import consumes a finished upload (uploads.*).
 */
import { createReadStream } from 'node:fs'
import type { EngineRegistry } from '../engine/registry'
import type { PartialHandlers } from '../rpc/handlers'
import { transfersFor } from './transfers'

type SnapshotsMethods = 'containers.commit' | 'containers.export' | 'images.import' | 'containers.prunePreview' | 'containers.prune'

export function snapshotsHandlers(engines: EngineRegistry): PartialHandlers<SnapshotsMethods> {
  const engine = (signal: AbortSignal) => engines.whenActive(signal)
  const { uploads, downloads } = transfersFor(engines)
  return {
    'containers.commit': async ({ id, ...options }, signal) => (await engine(signal)).snapshots.commit(id, options),

    'containers.export': async ({ id, transferId }, emit, signal) => {
      const source = await (await engine(signal)).snapshots.exportFilesystem(id, signal)
      emit({ kind: 'start', fileName: source.fileName, totalBytes: source.totalBytes })
      await downloads.send(transferId, source.chunks, emit, signal)
    },

    'images.import': async ({ uploadId, ...options }, signal) => {
      const upload = await uploads.take(uploadId)
      try {
        const client = await engine(signal)
        return await client.snapshots.importImage(createReadStream(upload.path), options, signal)
      } finally {
        await upload.release()
      }
    },

    'containers.prunePreview': async ({ label }, signal) => (await engine(signal)).snapshots.prunePreview(label, signal),
    'containers.prune': async ({ ids }, signal) => (await engine(signal)).snapshots.prune([...new Set(ids)])
  }
}
