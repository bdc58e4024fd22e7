/**
 * images.*: list, remove (with a plan), prune (preview, then exactly those), save and load.
 * Save and load move their bytes outside the RPC channel: to or from a file the desktop app's
 * main process opens, or through a one-time HTTP URL in browser mode (transfers/); the stream
 * itself reports progress in bytes and ends when the bytes have moved.
 */
import type { Readable } from 'node:stream'
import { RpcError } from '../../../shared/errors'
import type { TransferEndpoint, TransferProgress } from '../../../shared/image-maintenance-models'
import type { imageMethods } from '../../../shared/methods/images'
import type { EngineClient } from '../engine/client'
import type { PartialHandlers } from '../rpc/handlers'
import type { CoreServices } from '../services'
import { httpTransfersFor } from '../transfers'
import { readFromFile, saveToFile } from '../transfers/file-transfers'
import { MAX_LOAD_BYTES } from '../transfers/limits'

type Emit = (event: TransferProgress) => void

/** Paths on the host are for the desktop app, whose main process got them from a native dialog. */
function requireDesktop(services: CoreServices, to: Extract<TransferEndpoint, { kind: 'file' }>): string {
  if (!services.hostDialogs) throw new RpcError('UNSUPPORTED', 'Reading or writing files on the host is for the desktop app; in the browser the file is downloaded or uploaded instead.')
  return to.path
}

async function save(services: CoreServices, client: EngineClient, refs: string[], to: TransferEndpoint, emit: Emit, signal: AbortSignal): Promise<void> {
  const plan = await client.images.planSave(refs, signal)
  const progress = (bytes: number): void => emit({ kind: 'progress', bytes, totalBytes: plan.estimatedBytes, estimated: true })
  const open = (exchangeSignal: AbortSignal): Promise<Readable> => client.images.openSave(plan.names, exchangeSignal)
  const bytes =
    to.kind === 'file'
      ? await saveToFile(requireDesktop(services, to), open, progress, signal)
      : await httpTransfersFor(services.engines).download(
          { fileName: plan.fileName, contentType: 'application/x-tar', open },
          { onReady: (url) => emit({ kind: 'ready', url, fileName: plan.fileName }), onProgress: progress },
          signal
        )
  emit({ kind: 'done', bytes, loaded: [] })
}

async function load(services: CoreServices, client: EngineClient, from: TransferEndpoint, emit: Emit, signal: AbortSignal): Promise<void> {
  const consume = (body: Readable, exchangeSignal: AbortSignal): Promise<string[]> => client.images.load(body, exchangeSignal)
  const progress = (bytes: number, totalBytes: number | null): void => emit({ kind: 'progress', bytes, totalBytes, estimated: false })
  const { bytes, result } =
    from.kind === 'file'
      ? await readFromFile(requireDesktop(services, from), consume, progress, signal)
      : await httpTransfersFor(services.engines).upload(
          { maxBytes: MAX_LOAD_BYTES, consume },
          { onReady: (url) => emit({ kind: 'ready', url, fileName: '' }), onProgress: progress },
          signal
        )
  emit({ kind: 'done', bytes, loaded: result })
}

export function imageHandlers(services: CoreServices): PartialHandlers<keyof typeof imageMethods> {
  const engine = (signal: AbortSignal): Promise<EngineClient> => services.engines.whenActive(signal)
  return {
    'images.list': async (_input, signal) => (await engine(signal)).listImages(signal),
    'images.removalPlan': async ({ id }, signal) => (await engine(signal)).images.removalPlan(id, signal),
    'images.remove': async ({ id, ...options }, signal) => (await engine(signal)).images.remove(id, options, signal),
    'images.prunePreview': async ({ mode, label }, signal) => (await engine(signal)).images.prunePreview(mode, label, signal),
    'images.prune': async ({ ids }, signal) => (await engine(signal)).images.prune(ids, signal),
    'images.save': async ({ refs, to }, emit, signal) => save(services, await engine(signal), refs, to, emit, signal),
    'images.load': async ({ from }, emit, signal) => load(services, await engine(signal), from, emit, signal)
  }
}
