/**
 * Sending a File to the main side in chunks (uploads.open, then uploads.chunk in order), read
 * slice by slice so a large file is never held whole in memory. Returns the upload id that a
 * consumer method (files.upload, images.import) takes.
 */
import type { RpcClient } from '../api/client'
import { CHUNK_BYTES, MAX_UPLOAD_BYTES, describeBytesLimit } from '../../../shared/files-models'

export function bytesToBase64(bytes: Uint8Array): string {
  let binary = ''
  // String.fromCharCode takes arguments: go in slices that stay below engines' argument limits.
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000))
  return btoa(binary)
}

/** Blob.arrayBuffer where present; FileReader otherwise (older engines and jsdom lack the former). */
function readBytes(blob: Blob): Promise<ArrayBuffer> {
  if (typeof blob.arrayBuffer === 'function') return blob.arrayBuffer()
  return new Promise((resolve, reject) => {
    const reader = new FileReader()
    reader.onload = () => resolve(reader.result as ArrayBuffer)
    reader.onerror = () => reject(reader.error ?? new Error(`Couldn't read the file.`))
    reader.readAsArrayBuffer(blob)
  })
}

export function uploadProblem(file: { name: string; size: number }): string | null {
  if (file.size > MAX_UPLOAD_BYTES) return `${file.name} is larger than the ${describeBytesLimit(MAX_UPLOAD_BYTES)} an upload may be.`
  return null
}

export async function sendFile(
  client: RpcClient,
  file: Blob,
  onProgress: (sentBytes: number) => void,
  signal?: AbortSignal
): Promise<string> {
  const { uploadId, chunkBytes } = await client.call('uploads.open', { totalBytes: file.size })
  const step = Math.min(chunkBytes, CHUNK_BYTES)
  try {
    for (let offset = 0, seq = 0; offset < file.size; offset += step, seq++) {
      if (signal?.aborted) throw new DOMException('Upload cancelled.', 'AbortError')
      const bytes = new Uint8Array(await readBytes(file.slice(offset, offset + step)))
      await client.call('uploads.chunk', { uploadId, seq, data: bytesToBase64(bytes) })
      onProgress(Math.min(offset + step, file.size))
    }
    return uploadId
  } catch (err) {
    await client.call('uploads.abort', { uploadId }).catch(() => {})
    throw err
  }
}
