/**
 * Load images from a tar made by docker save (or Berth's Save). Desktop: a native open dialog
 * picks the file and the main process streams it to the engine. Browser: the chosen file is the
 * body of one POST to a one-time URL, which the server pipes into the engine as it arrives.
 * Progress is the bytes the server has passed on; the end lists what the engine loaded.
 */
import { useEffect, useId, useRef, useState, type ReactElement } from 'react'
import { Dialog } from '../../components/Dialog'
import { Spinner } from '../../components/Spinner'
import { compareNames } from '../../lib/collate'
import { formatBytes, plural } from '../../lib/format'
import { useStores } from '../../stores/context'
import { describeError } from '../../stores/describeError'
import type { ImageDialog } from '../../stores/views'
import { browserUpload, runTransfer, type TransferView } from './transfer'
import { TransferStatus } from './TransferStatus'
import { useNativeDialogs } from './useHostCapabilities'
import '../../styles/files.css'
import '../../styles/image-maintenance.css'

type Source = { kind: 'file'; path: string } | { kind: 'picked'; file: File }

export function LoadImageDialog({ onClose }: { dialog: Extract<ImageDialog, { kind: 'load' }>; onClose: () => void }): ReactElement {
  const { client } = useStores()
  const fileId = useId()
  const native = useNativeDialogs()
  const [source, setSource] = useState<Source | null>(null)
  const [tried, setTried] = useState(false)
  const [view, setView] = useState<TransferView | null>(null)
  const [failure, setFailure] = useState<string | null>(null)
  const cancelRef = useRef<(() => void) | null>(null)
  const uploadAbort = useRef(new AbortController())
  useEffect(
    () => () => {
      cancelRef.current?.()
      uploadAbort.current.abort()
    },
    []
  )

  async function pickNative(): Promise<void> {
    try {
      const picked = await client.call('host.pickOpenFile', { title: 'Load images from a tar', filters: [{ name: 'Tar archives', extensions: ['tar'] }] })
      if (picked.path) setSource({ kind: 'file', path: picked.path })
    } catch (err) {
      setFailure(describeError(err))
    }
  }

  function load(): void {
    setTried(true)
    if (!source) return
    setFailure(null)
    const from = source.kind === 'file' ? { kind: 'file' as const, path: source.path } : { kind: 'http' as const }
    cancelRef.current = runTransfer(client, 'images.load', { from }, {
      onReady: (url) => {
        if (source.kind !== 'picked') return
        // The stream's own error says more; a failed POST is reported only if the stream hasn't.
        browserUpload(url, source.file, uploadAbort.current.signal).catch((err: unknown) => {
          if (!uploadAbort.current.signal.aborted) setFailure((current) => current ?? describeError(err))
        })
      },
      onChange: (next) => {
        setView(next)
        if (next.phase === 'failed') setFailure(next.error)
      }
    })
  }

  const running = view !== null && (view.phase === 'starting' || view.phase === 'moving')
  const finished = view?.phase === 'done' ? view : null
  const sourceName = source ? (source.kind === 'file' ? source.path : source.file.name) : null
  const actions = finished ? (
    <button type="button" className="btn btn-primary" data-autofocus onClick={onClose}>
      Close
    </button>
  ) : (
    <>
      <button type="button" className="btn" onClick={onClose}>
        Cancel
      </button>
      <button type="button" className="btn btn-primary" disabled={running || native === null} onClick={load}>
        {running ? <Spinner /> : null}
        Load
      </button>
    </>
  )

  return (
    <Dialog title="Load images from a tar" onCancel={onClose} actions={actions}>
      <div className="snap-form">
        {native ? (
          <div className="snap-field">
            <span className="snap-label">Tar file</span>
            <div className="im-pick">
              <button type="button" className="btn" data-autofocus onClick={() => void pickNative()} disabled={running}>
                Choose a file…
              </button>
              <span className="mono truncate">{sourceName ?? 'none chosen'}</span>
            </div>
          </div>
        ) : (
          <div className="snap-field">
            <label htmlFor={fileId} className="snap-label">
              Tar file
            </label>
            <input
              id={fileId}
              type="file"
              accept=".tar,application/x-tar"
              data-autofocus
              disabled={running}
              aria-invalid={tried && !source ? true : undefined}
              onChange={(event) => {
                const file = event.currentTarget.files?.[0]
                setSource(file ? { kind: 'picked', file } : null)
              }}
            />
            {source?.kind === 'picked' ? <span className="snap-hint">{formatBytes(source.file.size)}: sent straight from disk, not read into this page.</span> : null}
          </div>
        )}
        {tried && !source ? <p className="snap-problem">Choose a .tar file made by docker save (or Berth’s Save).</p> : null}
        {view ? <TransferStatus label="Loading" view={view} /> : null}
        {finished ? (
          <div role="status" className="im-done">
            <p>
              Loaded {plural(finished.loaded.length, 'image')} ({formatBytes(finished.bytes)}):
            </p>
            <ul className="dialog-list im-list" aria-label="Loaded images">
              {/* By name: the engine reports them in the archive's order, which a save of several images does not fix. */}
              {[...finished.loaded].sort(compareNames).map((name) => (
                <li key={name} className="mono">
                  {name}
                </li>
              ))}
            </ul>
          </div>
        ) : null}
        {failure ? (
          <p role="alert" className="snap-problem">
            Couldn’t load: {failure}
          </p>
        ) : null}
      </div>
    </Dialog>
  )
}
