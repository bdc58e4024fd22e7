/**
 * Uploads and downloads in progress, shown as progress bars under the file list. Each has a
 * cancel; all are cancelled when the tab unmounts.
 */
import { useCallback, useEffect, useRef, useState } from 'react'
import type { RpcClient } from '../../api/client'
import { RpcError } from '../../../../shared/errors'
import { receiveDownload, saveBlob } from '../../lib/download'
import { sendFile, uploadProblem } from '../../lib/upload'
import { describeError } from '../../stores/describeError'

export interface Transfer {
  key: number
  label: string
  doneBytes: number
  totalBytes: number | null
  cancel: () => void
}

let nextKey = 1

export interface TransfersApi {
  transfers: Transfer[]
  download(id: string, path: string, name: string): void
  upload(id: string, dir: string, files: File[]): Promise<boolean>
}

export function useTransfers(client: RpcClient, onError: (message: string) => void): TransfersApi {
  const [transfers, setTransfers] = useState<Transfer[]>([])
  const cancels = useRef(new Map<number, () => void>())

  useEffect(() => {
    const running = cancels.current
    return () => running.forEach((cancel) => cancel())
  }, [])

  const track = useCallback((transfer: Transfer) => {
    cancels.current.set(transfer.key, transfer.cancel)
    setTransfers((list) => [...list, transfer])
  }, [])
  const update = useCallback((key: number, doneBytes: number, totalBytes: number | null) => {
    setTransfers((list) => list.map((t) => (t.key === key ? { ...t, doneBytes, totalBytes } : t)))
  }, [])
  const finish = useCallback((key: number) => {
    cancels.current.delete(key)
    setTransfers((list) => list.filter((t) => t.key !== key))
  }, [])

  const download = useCallback(
    (id: string, path: string, name: string) => {
      const key = nextKey++
      const running = receiveDownload(client, 'files.download', { id, path }, (p) => update(key, p.receivedBytes, p.totalBytes))
      track({ key, label: `Downloading ${name}`, doneBytes: 0, totalBytes: null, cancel: running.cancel })
      running.done
        .then((file) => saveBlob(file.blob, file.fileName))
        .catch((err: unknown) => {
          if (!(err instanceof RpcError && err.code === 'CANCELLED')) onError(`Couldn't download ${name}: ${describeError(err)}`)
        })
        .finally(() => finish(key))
    },
    [client, finish, onError, track, update]
  )

  const upload = useCallback(
    async (id: string, dir: string, files: File[]): Promise<boolean> => {
      const problems = files.map(uploadProblem).filter((p): p is string => p !== null)
      if (problems.length > 0) {
        onError(problems.join(' '))
        return false
      }
      const key = nextKey++
      const controller = new AbortController()
      const totalBytes = files.reduce((sum, f) => sum + f.size, 0)
      const label = files.length === 1 ? `Uploading ${files[0].name}` : `Uploading ${files.length} files`
      track({ key, label, doneBytes: 0, totalBytes, cancel: () => controller.abort() })
      const uploaded: Array<{ name: string; uploadId: string }> = []
      try {
        let before = 0
        for (const file of files) {
          const uploadId = await sendFile(client, file, (sent) => update(key, before + sent, totalBytes), controller.signal)
          uploaded.push({ name: file.name, uploadId })
          before += file.size
        }
        await client.call('files.upload', { id, dir, files: uploaded })
        return true
      } catch (err) {
        // files.upload drops what it was given; uploads finished before a failure are dropped here.
        for (const done of uploaded) void client.call('uploads.abort', { uploadId: done.uploadId }).catch(() => {})
        if (!controller.signal.aborted) onError(`Couldn't upload to ${dir}: ${describeError(err)}`)
        return false
      } finally {
        finish(key)
      }
    },
    [client, finish, onError, track, update]
  )

  return { transfers, download, upload }
}
