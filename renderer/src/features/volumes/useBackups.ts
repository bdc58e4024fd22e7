/**
 * Volume back-ups in progress: each streams the volume's tar from the engine (paced by acks) and
 * is offered to the person as NAME-DATE.tar when complete; each has a progress bar and a cancel.
 */
import { useCallback, useEffect, useRef, useState } from 'react'
import type { RpcClient } from '../../api/client'
import { RpcError } from '../../../../shared/errors'
import { receiveDownload, saveBlob } from '../../lib/download'
import { describeError } from '../../stores/describeError'

export interface RunningBackup {
  volume: string
  receivedBytes: number
  cancel: () => void
}

export function useBackups(client: RpcClient, onError: (message: string) => void): { backups: RunningBackup[]; backUp: (volume: string) => void } {
  const [backups, setBackups] = useState<RunningBackup[]>([])
  const cancels = useRef(new Map<string, () => void>())

  useEffect(() => {
    const running = cancels.current
    return () => running.forEach((cancel) => cancel())
  }, [])

  const backUp = useCallback(
    (volume: string) => {
      if (cancels.current.has(volume)) return
      const update = (receivedBytes: number): void => setBackups((list) => list.map((b) => (b.volume === volume ? { ...b, receivedBytes } : b)))
      const download = receiveDownload(client, 'volumes.backup', { name: volume }, (p) => update(p.receivedBytes))
      cancels.current.set(volume, download.cancel)
      setBackups((list) => [...list, { volume, receivedBytes: 0, cancel: download.cancel }])
      download.done
        .then((file) => saveBlob(file.blob, file.fileName))
        .catch((err: unknown) => {
          if (!(err instanceof RpcError && err.code === 'CANCELLED')) onError(`Couldn't back up ${volume}: ${describeError(err)}`)
        })
        .finally(() => {
          cancels.current.delete(volume)
          setBackups((list) => list.filter((b) => b.volume !== volume))
        })
    },
    [client, onError]
  )

  return { backups, backUp }
}
