/**
 * Receiving a download stream (files.download, containers.export): base64 chunks are decoded
 * into byte arrays as they arrive, each chunk is acknowledged (the main side paces the stream by
 * those acks, so a slow window never gets flooded), and at the end the parts become one Blob,
 * saved through <a download> (allowed by the CSP: no navigation, no inline script).
 */
import type { RpcClient } from '../api/client'
import type { InputOf } from '../../../shared/contract'
import { RpcError } from '../../../shared/errors'

export interface DownloadProgress {
  fileName: string | null
  receivedBytes: number
  /** Known for a single file; null for archives (folders, exports). */
  totalBytes: number | null
}

export interface ReceivedFile {
  fileName: string
  blob: Blob
}

export interface RunningDownload {
  done: Promise<ReceivedFile>
  cancel(): void
}

type DownloadMethod = 'files.download' | 'containers.export' | 'volumes.download' | 'volumes.backup'
type DownloadInput<K extends DownloadMethod> = Omit<InputOf<K>, 'transferId'>

export function base64ToBytes(base64: string): Uint8Array<ArrayBuffer> {
  const binary = atob(base64)
  const bytes = new Uint8Array(binary.length)
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i)
  return bytes
}

function newTransferId(): string {
  const random = new Uint8Array(12)
  crypto.getRandomValues(random)
  return `dl-${Array.from(random, (b) => b.toString(16).padStart(2, '0')).join('')}`
}

export function receiveDownload<K extends DownloadMethod>(
  client: RpcClient,
  method: K,
  input: DownloadInput<K>,
  onProgress: (progress: DownloadProgress) => void
): RunningDownload {
  const transferId = newTransferId()
  const parts: Uint8Array<ArrayBuffer>[] = []
  let fileName: string | null = null
  let totalBytes: number | null = null
  let cancel: () => void = () => {}
  const done = new Promise<ReceivedFile>((resolve, reject) => {
    let stop: () => void = () => {}
    // The client's cancel ends the subscription silently; the promise still has to settle.
    cancel = () => {
      stop()
      reject(new RpcError('CANCELLED', 'Cancelled.'))
    }
    const fullInput = { ...input, transferId } as InputOf<K>
    stop = client.stream(method as 'files.download', fullInput as InputOf<'files.download'>, {
      onEvent: (event) => {
        if (event.kind === 'start') {
          fileName = event.fileName
          totalBytes = event.totalBytes
          onProgress({ fileName, receivedBytes: 0, totalBytes })
          return
        }
        parts.push(base64ToBytes(event.data))
        void client.call('downloads.ack', { transferId, receivedBytes: event.sentBytes }).catch(() => {})
        onProgress({ fileName, receivedBytes: event.sentBytes, totalBytes })
      },
      onEnd: (err?: RpcError) => {
        if (err) reject(err)
        else resolve({ fileName: fileName ?? 'download', blob: new Blob(parts, { type: 'application/octet-stream' }) })
      }
    })
  })
  return { done, cancel: () => cancel() }
}

/** Offers the blob to the person as a file download. */
export function saveBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob)
  const link = document.createElement('a')
  link.href = url
  link.download = fileName
  link.rel = 'noopener'
  document.body.appendChild(link)
  link.click()
  link.remove()
  // Revoking at once can cancel the save in some browsers; a minute is plenty to start it.
  setTimeout(() => URL.revokeObjectURL(url), 60_000)
}
