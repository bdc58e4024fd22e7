/**
 * Commit… and Export for containers, wherever they are offered (the details header, a row's
 * menu in the containers list). The hook owns the commit dialog and the running exports, so an
 * export keeps going (and its progress stays on screen) when the row that started it scrolls
 * away. Export streams the filesystem as a tar (NAME.tar) with a progress bar and a cancel.
 */
import { Suspense, useCallback, useEffect, useRef, useState, type ReactElement } from 'react'
import { receiveDownload, saveBlob, type RunningDownload } from '../../lib/download'
import { useStores } from '../../stores/context'
import { describeError } from '../../stores/describeError'
import { lazyNamed } from '../../lib/lazyNamed'
import { ProgressRow } from './ProgressRow'

export interface SnapshotTarget {
  id: string
  name: string
}

export interface SnapshotTasks {
  commit: (target: SnapshotTarget) => void
  /** Starts an export of the container, unless one is already running. */
  exportFilesystem: (target: SnapshotTarget) => void
  /** The progress of this container's export (with its cancel), or null when none runs. */
  progressFor: (id: string) => ReactElement | null
  /** Every running export's progress, for a page that shows them together. */
  allProgress: ReactElement | null
  /** The commit dialog while one is open. */
  dialog: ReactElement | null
}

interface Exporting {
  target: SnapshotTarget
  receivedBytes: number
}

const CommitDialog = lazyNamed(async () => (await import('./CommitDialog')).CommitDialog)

export function useSnapshotTasks(onError: (message: string) => void): SnapshotTasks {
  const { client } = useStores()
  const [committing, setCommitting] = useState<SnapshotTarget | null>(null)
  const [exports, setExports] = useState<ReadonlyMap<string, Exporting>>(new Map())
  const running = useRef(new Map<string, RunningDownload>())
  const reportError = useRef(onError)
  reportError.current = onError

  useEffect(() => {
    const downloads = running.current
    return () => downloads.forEach((download) => download.cancel())
  }, [])

  const track = useCallback((id: string, next: Exporting | null) => {
    setExports((current) => {
      const copy = new Map(current)
      if (next) copy.set(id, next)
      else copy.delete(id)
      return copy
    })
  }, [])

  const exportFilesystem = useCallback(
    (target: SnapshotTarget) => {
      if (running.current.has(target.id)) return
      track(target.id, { target, receivedBytes: 0 })
      const download = receiveDownload(client, 'containers.export', { id: target.id }, (p) => track(target.id, { target, receivedBytes: p.receivedBytes }))
      running.current.set(target.id, download)
      download.done
        .then((file) => saveBlob(file.blob, file.fileName))
        .catch((err: unknown) => {
          if (running.current.get(target.id) === download) reportError.current(`Couldn't export ${target.name}: ${describeError(err)}`)
        })
        .finally(() => {
          if (running.current.get(target.id) === download) running.current.delete(target.id)
          track(target.id, null)
        })
    },
    [client, track]
  )

  const cancelExport = useCallback(
    (id: string) => {
      const download = running.current.get(id)
      running.current.delete(id)
      download?.cancel()
      track(id, null)
    },
    [track]
  )

  const progressView = (exporting: Exporting): ReactElement => (
    <ProgressRow
      key={exporting.target.id}
      label={`Exporting ${exporting.target.name}`}
      doneBytes={exporting.receivedBytes}
      totalBytes={null}
      onCancel={() => cancelExport(exporting.target.id)}
    />
  )
  const progressFor = (id: string): ReactElement | null => {
    const exporting = exports.get(id)
    return exporting ? progressView(exporting) : null
  }

  return {
    commit: setCommitting,
    exportFilesystem,
    progressFor,
    allProgress: exports.size > 0 ? <div className="snapshot-progress">{[...exports.values()].map(progressView)}</div> : null,
    dialog: committing ? (
      <Suspense fallback={null}>
        <CommitDialog containerId={committing.id} containerName={committing.name} onClose={() => setCommitting(null)} />
      </Suspense>
    ) : null
  }
}
