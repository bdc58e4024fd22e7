/**
 * Download streams: bytes from the engine leave as base64 chunks (≤ CHUNK_BYTES raw each) in
 * `ev` frames. Frames can't be dropped, and a browser client that falls behind by 64 MiB is
 * disconnected (ws-server), so a download is paced by the receiver: it acknowledges what it
 * has taken in (downloads.ack), and the sender waits whenever more than DOWNLOAD_WINDOW_BYTES
 * are unacknowledged. The client names the transfer (transferId) so its acks find the stream.
 */
import { RpcError } from '../../shared/errors'
import { CHUNK_BYTES, DOWNLOAD_WINDOW_BYTES, type TransferEvent } from '../../shared/files-models'

interface Pace {
  ackedBytes: number
  wake?: () => void
}

export class DownloadPacer {
  private readonly transfers = new Map<string, Pace>()

  ack(transferId: string, receivedBytes: number): void {
    const pace = this.transfers.get(transferId)
    // Acks for finished or unknown transfers are harmless: the stream is simply gone.
    if (!pace || receivedBytes <= pace.ackedBytes) return
    pace.ackedBytes = receivedBytes
    pace.wake?.()
  }

  /**
   * Sends `chunks` as chunk events, regrouped into CHUNK_BYTES pieces, waiting for acks when the
   * window is full. Returns the number of raw bytes sent.
   */
  async send(
    transferId: string,
    chunks: AsyncIterable<Uint8Array>,
    emit: (event: TransferEvent) => void,
    signal: AbortSignal,
    windowBytes = DOWNLOAD_WINDOW_BYTES
  ): Promise<number> {
    if (this.transfers.has(transferId)) throw new RpcError('CONFLICT', 'That transfer id is already in use; pick a new one.')
    const pace: Pace = { ackedBytes: 0 }
    this.transfers.set(transferId, pace)
    let sentBytes = 0
    let pending: Uint8Array[] = []
    let pendingBytes = 0
    /** Sends whole chunks from what is pending; with `all`, the remainder too (the end). */
    const flush = async (all: boolean): Promise<void> => {
      if (pendingBytes === 0) return
      const data = Buffer.concat(pending, pendingBytes)
      const sendable = all ? data.byteLength : data.byteLength - (data.byteLength % CHUNK_BYTES)
      pending = sendable < data.byteLength ? [data.subarray(sendable)] : []
      pendingBytes = data.byteLength - sendable
      for (let offset = 0; offset < sendable; offset += CHUNK_BYTES) {
        const piece = data.subarray(offset, Math.min(offset + CHUNK_BYTES, sendable))
        await this.waitForWindow(pace, sentBytes, windowBytes, signal)
        sentBytes += piece.byteLength
        emit({ kind: 'chunk', data: piece.toString('base64'), sentBytes })
      }
    }
    try {
      for await (const chunk of chunks) {
        if (signal.aborted) break
        pending.push(chunk)
        pendingBytes += chunk.byteLength
        if (pendingBytes >= CHUNK_BYTES) await flush(false)
      }
      await flush(true)
      return sentBytes
    } finally {
      this.transfers.delete(transferId)
    }
  }

  private async waitForWindow(pace: Pace, sentBytes: number, windowBytes: number, signal: AbortSignal): Promise<void> {
    while (sentBytes - pace.ackedBytes >= windowBytes) {
      if (signal.aborted) throw new RpcError('CANCELLED', 'Cancelled.')
      await new Promise<void>((resolve) => {
        const done = (): void => {
          pace.wake = undefined
          signal.removeEventListener('abort', done)
          resolve()
        }
        pace.wake = done
        signal.addEventListener('abort', done, { once: true })
      })
    }
  }
}
