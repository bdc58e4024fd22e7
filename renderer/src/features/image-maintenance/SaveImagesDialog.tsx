/**
 * Save one or more images into one tar (docker save), with every tag so Load brings the names
 * back. Desktop: a native save dialog picks the path and the main process writes it. Browser: the
 * browser downloads the tar from a one-time URL straight to disk. Progress in bytes either way.
 */
import { useEffect, useRef, useState, type ReactElement } from 'react'
import { saveFileName } from '../../../../shared/image-maintenance-models'
import { Dialog } from '../../components/Dialog'
import { Spinner } from '../../components/Spinner'
import { formatBytes, plural, shortId } from '../../lib/format'
import { useSlice, useStores } from '../../stores/context'
import { describeError } from '../../stores/describeError'
import type { ImageDialog } from '../../stores/views'
import { imageLabel, saveRefs } from '../images/imageRows'
import { browserDownload, runTransfer, type TransferView } from './transfer'
import { TransferStatus } from './TransferStatus'
import { useNativeDialogs } from './useHostCapabilities'
import '../../styles/image-maintenance.css'

export function SaveImagesDialog({ dialog, onClose }: { dialog: Extract<ImageDialog, { kind: 'save' }>; onClose: () => void }): ReactElement {
  const { client, images } = useStores()
  const items = useSlice(images, (s) => s.items)
  const native = useNativeDialogs()
  const [view, setView] = useState<TransferView | null>(null)
  const [savedTo, setSavedTo] = useState<string | null>(null)
  const [failure, setFailure] = useState<string | null>(null)
  const cancelRef = useRef<(() => void) | null>(null)
  useEffect(() => () => cancelRef.current?.(), [])

  const chosen = dialog.imageIds.map((id) => items.find((image) => image.id === id) ?? null)
  const refs = chosen.flatMap((image, index) => (image ? saveRefs(image) : [dialog.imageIds[index]]))
  const estimate = chosen.reduce((sum, image) => sum + (image?.size ?? 0), 0)
  const fileName = saveFileName(refs, dialog.imageIds.length)

  async function save(): Promise<void> {
    setFailure(null)
    let to: { kind: 'http' } | { kind: 'file'; path: string } = { kind: 'http' }
    if (native) {
      try {
        const picked = await client.call('host.pickSaveFile', { title: 'Save images', defaultName: fileName, filters: [{ name: 'Tar archives', extensions: ['tar'] }] })
        if (!picked.path) return
        to = { kind: 'file', path: picked.path }
      } catch (err) {
        return setFailure(describeError(err))
      }
    }
    setSavedTo(to.kind === 'file' ? to.path : fileName)
    cancelRef.current = runTransfer(client, 'images.save', { refs, to }, {
      onReady: (url, name) => browserDownload(url, name),
      onChange: (next) => {
        setView(next)
        if (next.phase === 'failed') setFailure(next.error)
      }
    })
  }

  const running = view !== null && (view.phase === 'starting' || view.phase === 'moving')
  const finished = view?.phase === 'done'
  const actions = finished ? (
    <button type="button" className="btn btn-primary" data-autofocus onClick={onClose}>
      Close
    </button>
  ) : (
    <>
      <button type="button" className="btn" data-autofocus onClick={onClose}>
        Cancel
      </button>
      <button type="button" className="btn btn-primary" disabled={running || native === null} onClick={() => void save()}>
        {running ? <Spinner /> : null}
        {native ? 'Save…' : 'Download'}
      </button>
    </>
  )

  return (
    <Dialog title={dialog.imageIds.length === 1 ? 'Save image' : `Save ${dialog.imageIds.length} images`} onCancel={onClose} actions={actions}>
      <div className="im-save">
        <ul className="dialog-list im-list" aria-label="Images to save">
          {chosen.map((image, index) => (
            <li key={dialog.imageIds[index]}>
              <strong>{image ? imageLabel(image) : shortId(dialog.imageIds[index])}</strong>
              {image && image.repoTags.length > 1 ? <span className="muted"> and {plural(image.repoTags.length - 1, 'more tag')}</span> : null}
              {image ? <span className="muted"> · {formatBytes(image.size)}</span> : null}
            </li>
          ))}
        </ul>
        <p className="hint muted">
          One tar with every tag, so Load brings the names back: at most {formatBytes(estimate)}, less when the images share layers (each is stored once).
        </p>
        <p className="hint muted">
          {native
            ? 'You pick where to save it; Berth writes the file itself.'
            : `Your browser downloads it as ${fileName}, straight to disk: the tar never passes through this page.`}
        </p>
        {view ? <TransferStatus label={native ? 'Saving' : 'Downloading'} view={view} /> : null}
        {finished && view.phase === 'done' ? (
          <p role="status" className="im-done">
            Saved {plural(dialog.imageIds.length, 'image')} ({formatBytes(view.bytes)}) {native ? `to ${savedTo}` : `as ${savedTo}`}.
          </p>
        ) : null}
        {failure ? (
          <p role="alert" className="snap-problem">
            Couldn’t save: {failure}
          </p>
        ) : null}
      </div>
    </Dialog>
  )
}
