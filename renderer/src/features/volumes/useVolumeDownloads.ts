/** Downloads from a browse session (a file as itself, a folder as .tar), each with progress and a cancel. */
import { useCallback, useEffect, useRef, useState } from 'react'
import type { RpcClient } from '../../api/client'
import { RpcError } from '../../../../shared/errors'
import { receiveDownload, saveBlob } from '../../lib/download'
import { describeError } from '../../stores/describeError'
import type { Transfer } from '../files/useTransfers'

let nextKey = 1

export function useVolumeDownloads(
  client: RpcClient,
  sessionId: string | null,
  onError: (message: string) => void
): { transfers: Transfer[]; download: (path: string, name: string) => void } {
  const [transfers, setTransfers] = useState<Transfer[]>([])
  const cancels = useRef(new Map<number, () => void>())

  useEffect(() => {
    const running = cancels.current
    return () => running.forEach((cancel) => cancel())
  }, [])

  const download = useCallback(
    (path: string, name: string) => {
      if (!sessionId) return
      const key = nextKey++
      const update = (doneBytes: number, totalBytes: number | null): void =>
        setTransfers((list) => list.map((t) => (t.key === key ? { ...t, doneBytes, totalBytes } : t)))
      const running = receiveDownload(client, 'volumes.download', { sessionId, path }, (p) => update(p.receivedBytes, p.totalBytes))
      cancels.current.set(key, running.cancel)
      setTransfers((list) => [...list, { key, label: `Downloading ${name}`, doneBytes: 0, totalBytes: null, cancel: running.cancel }])
      running.done
        .then((file) => saveBlob(file.blob, file.fileName))
        .catch((err: unknown) => {
          if (!(err instanceof RpcError && err.code === 'CANCELLED')) onError(`Couldn't download ${name}: ${describeError(err)}`)
        })
        .finally(() => {
          cancels.current.delete(key)
          setTransfers((list) => list.filter((t) => t.key !== key))
        })
    },
    [client, onError, sessionId]
  )

  return { transfers, download }
}
