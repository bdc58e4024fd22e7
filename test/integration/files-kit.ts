/**
 * Helpers for the files and snapshots integration tests: move bytes through the handler table
 * the way the renderer does (chunked uploads; download streams acknowledged chunk by chunk).
 */
import { contract, type InputOf } from '../../shared/contract'
import { CHUNK_BYTES, type TransferEvent } from '../../shared/files-models'
import type { Core } from '../../electron/core/app'
import { toRpcError } from '../../electron/core/rpc/errors'
import { call } from './handlers-kit'

export async function uploadBytes(core: Core, bytes: Uint8Array): Promise<string> {
  const { uploadId } = await call(core, 'uploads.open', { totalBytes: bytes.byteLength })
  for (let offset = 0, seq = 0; offset < bytes.byteLength; offset += CHUNK_BYTES, seq++) {
    const data = Buffer.from(bytes.subarray(offset, offset + CHUNK_BYTES)).toString('base64')
    await call(core, 'uploads.chunk', { uploadId, seq, data })
  }
  return uploadId
}

export interface Downloaded {
  fileName: string
  totalBytes: number | null
  bytes: Buffer
  chunkCount: number
}

let transferCounter = 0

/** Runs a download stream to its end, acknowledging each chunk as the renderer does. */
export async function download(
  core: Core,
  method: 'files.download' | 'containers.export',
  input: Omit<InputOf<'files.download'>, 'transferId'> | Omit<InputOf<'containers.export'>, 'transferId'>
): Promise<Downloaded> {
  const transferId = `test-${process.pid}-${++transferCounter}-${Date.now()}`
  const parsed = contract[method].input.parse({ ...input, transferId })
  const parts: Buffer[] = []
  let start: Extract<TransferEvent, { kind: 'start' }> | undefined
  const handler = core.handlers[method] as (input: unknown, emit: (event: TransferEvent) => void, signal: AbortSignal) => Promise<void>
  try {
    await handler(
      parsed,
      (event) => {
        if (event.kind === 'start') start = event
        else {
          parts.push(Buffer.from(event.data, 'base64'))
          void core.handlers['downloads.ack']({ transferId, receivedBytes: event.sentBytes }, new AbortController().signal)
        }
      },
      new AbortController().signal
    )
  } catch (err) {
    throw toRpcError(err)
  }
  if (!start) throw new Error('the download sent no start event')
  return { fileName: start.fileName, totalBytes: start.totalBytes, bytes: Buffer.concat(parts), chunkCount: parts.length }
}
