/**
 * Commit… and Export for one container: buttons the details view (or the files tab) places.
 * Export streams the filesystem as a tar (NAME.tar) with a progress bar and a cancel.
 */
import { useEffect, useRef, useState, type ReactElement } from 'react'
import { receiveDownload, saveBlob, type RunningDownload } from '../../lib/download'
import { useStores } from '../../stores/context'
import { describeError } from '../../stores/describeError'
import { CommitDialog } from './CommitDialog'
import { ProgressRow } from './ProgressRow'

export interface SnapshotActionsProps {
  containerId: string
  containerName: string
  onError: (message: string) => void
}

export function SnapshotActions({ containerId, containerName, onError }: SnapshotActionsProps): ReactElement {
  const { client } = useStores()
  const [committing, setCommitting] = useState(false)
  const [exported, setExported] = useState<number | null>(null)
  const running = useRef<RunningDownload | null>(null)

  useEffect(() => () => running.current?.cancel(), [])

  function startExport(): void {
    setExported(0)
    const download = receiveDownload(client, 'containers.export', { id: containerId }, (p) => setExported(p.receivedBytes))
    running.current = download
    download.done
      .then((file) => saveBlob(file.blob, file.fileName))
      .catch((err: unknown) => {
        if (running.current === download) onError(`Couldn't export ${containerName}: ${describeError(err)}`)
      })
      .finally(() => {
        if (running.current === download) running.current = null
        setExported(null)
      })
  }

  function cancelExport(): void {
    const download = running.current
    running.current = null
    download?.cancel()
    setExported(null)
  }

  return (
    <span className="snapshot-actions">
      <button type="button" className="btn" onClick={() => setCommitting(true)}>
        Commit…
      </button>
      {exported === null ? (
        <button type="button" className="btn" onClick={startExport} title="Save the container's whole filesystem as a .tar file">
          Export
        </button>
      ) : (
        <ProgressRow label={`Exporting ${containerName}`} doneBytes={exported} totalBytes={null} onCancel={cancelExport} />
      )}
      {committing ? <CommitDialog containerId={containerId} containerName={containerName} onClose={() => setCommitting(false)} /> : null}
    </span>
  )
}
