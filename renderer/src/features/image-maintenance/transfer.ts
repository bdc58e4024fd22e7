/**
 * Running an image save/load from the page. The RPC stream reports the transfer's life (ready,
 * progress in bytes, done) while the bytes themselves go elsewhere: in the desktop app the main
 * process reads or writes the file; in the browser a one-time same-origin URL is downloaded by
 * the browser itself (<a download>: straight to disk) or receives the chosen File as a fetch body
 * (the browser streams it from disk). The page never holds the tar.
 */
import type { RpcClient } from '../../api/client'
import type { InputOf } from '../../../../shared/contract'
import type { TransferProgress } from '../../../../shared/image-maintenance-models'
import { describeError } from '../../stores/describeError'

export type TransferView =
  | { phase: 'starting' }
  | { phase: 'moving'; bytes: number; totalBytes: number | null; estimated: boolean }
  | { phase: 'done'; bytes: number; loaded: string[] }
  | { phase: 'failed'; error: string }

export interface TransferHandlers {
  /** Browser mode: the one-time URL is ready; fetch it now. */
  onReady?: (url: string, fileName: string) => void
  onChange: (view: TransferView) => void
}

/** Starts the stream; returns a cancel function (which also ends the HTTP side). */
export function runTransfer<K extends 'images.save' | 'images.load'>(client: RpcClient, method: K, input: InputOf<K>, handlers: TransferHandlers): () => void {
  let last: TransferView = { phase: 'starting' }
  handlers.onChange(last)
  return client.stream(method as 'images.save', input as InputOf<'images.save'>, {
    onEvent: (event: TransferProgress) => {
      if (event.kind === 'ready') return handlers.onReady?.(event.url, event.fileName)
      last = event.kind === 'progress' ? { phase: 'moving', bytes: event.bytes, totalBytes: event.totalBytes, estimated: event.estimated } : { phase: 'done', bytes: event.bytes, loaded: event.loaded }
      handlers.onChange(last)
    },
    onEnd: (err) => {
      if (err) handlers.onChange({ phase: 'failed', error: describeError(err) })
      else if (last.phase !== 'done') handlers.onChange({ phase: 'failed', error: 'The transfer ended before it finished.' })
    }
  })
}

/** Lets the browser download a same-origin URL to disk (with its own download UI), not into this page. */
export function browserDownload(url: string, fileName: string): void {
  const link = document.createElement('a')
  link.href = url
  link.download = fileName
  link.rel = 'noopener'
  document.body.append(link)
  link.click()
  link.remove()
}

/** Sends a picked file as the body of the one-time upload URL; the server reports progress over RPC. */
export async function browserUpload(url: string, file: File, signal: AbortSignal): Promise<void> {
  const answer = await fetch(url, { method: 'POST', body: file, headers: { 'Content-Type': 'application/x-tar' }, credentials: 'same-origin', signal })
  if (!answer.ok) {
    const body = (await answer.json().catch(() => null)) as { error?: { message?: string } } | null
    throw new Error(body?.error?.message ?? `The upload was refused (HTTP ${answer.status}).`)
  }
}
