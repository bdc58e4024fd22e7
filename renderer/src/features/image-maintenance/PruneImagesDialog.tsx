/**
 * Prune images in two steps: first exactly which images would go (dangling only, or every image
 * no container uses) and the bytes that frees; then exactly those are removed, and the result
 * says what went and what was kept (e.g. a container started using it since the preview).
 */
import { useCallback, useEffect, useState, type ReactElement } from 'react'
import type { ImagePrunePreview, ImagePruneResult, PruneMode } from '../../../../shared/image-maintenance-models'
import { LabelFilter } from '../../../../shared/snapshots-models'
import { Dialog } from '../../components/Dialog'
import { Spinner } from '../../components/Spinner'
import { formatBytes, formatRelative, plural, shortId } from '../../lib/format'
import { useStores } from '../../stores/context'
import { describeError } from '../../stores/describeError'
import type { ImageDialog } from '../../stores/views'
import { FormField } from '../snapshots/FormField'
import '../../styles/files.css'
import '../../styles/image-maintenance.css'

const MODE_WORDS: Record<PruneMode, string> = {
  dangling: 'untagged images nothing is built on',
  unused: 'every image no container uses, tagged or not'
}

export function PruneImagesDialog({ onClose }: { dialog: Extract<ImageDialog, { kind: 'prune' }>; onClose: () => void }): ReactElement {
  const { client } = useStores()
  const [mode, setMode] = useState<PruneMode>('dangling')
  const [label, setLabel] = useState('')
  const [preview, setPreview] = useState<ImagePrunePreview | null>(null)
  const [result, setResult] = useState<ImagePruneResult | null>(null)
  const [busy, setBusy] = useState(false)
  const [failure, setFailure] = useState<string | null>(null)
  const labelCheck = label.trim() ? LabelFilter.safeParse(label.trim()) : null
  const labelProblem = labelCheck && !labelCheck.success ? labelCheck.error.issues[0].message : null

  const loadPreview = useCallback(
    async (nextMode: PruneMode, filter: string) => {
      setBusy(true)
      setFailure(null)
      setPreview(null)
      try {
        setPreview(await client.call('images.prunePreview', filter ? { mode: nextMode, label: filter } : { mode: nextMode }))
      } catch (err) {
        setFailure(describeError(err))
      } finally {
        setBusy(false)
      }
    },
    [client]
  )
  useEffect(() => {
    void loadPreview('dangling', '')
  }, [loadPreview])

  async function prune(): Promise<void> {
    if (!preview || preview.images.length === 0) return
    setBusy(true)
    setFailure(null)
    try {
      setResult(await client.call('images.prune', { ids: preview.images.map((image) => image.id) }))
    } catch (err) {
      setFailure(describeError(err))
    } finally {
      setBusy(false)
    }
  }

  const count = preview?.images.length ?? 0
  const actions = result ? (
    <button type="button" className="btn btn-primary" data-autofocus onClick={onClose}>
      Close
    </button>
  ) : (
    <>
      <button type="button" className="btn" data-autofocus onClick={onClose}>
        Cancel
      </button>
      <button type="button" className="btn btn-danger" disabled={busy || count === 0} onClick={() => void prune()}>
        {busy && preview ? <Spinner /> : null}
        {count === 0 ? 'Nothing to remove' : `Remove ${plural(count, 'image')}`}
      </button>
    </>
  )

  return (
    <Dialog title="Prune images" onCancel={onClose} actions={actions}>
      {result ? (
        <div role="status" className="prune-result">
          <p>
            Removed {plural(result.removed.length, 'image')} and reclaimed <strong>{formatBytes(result.reclaimedBytes)}</strong>.
          </p>
          {result.refused.length > 0 ? (
            <ul className="dialog-list im-list" aria-label="Kept">
              {result.refused.map((image) => (
                <li key={image.id}>
                  Kept {image.label}: {image.reason}
                </li>
              ))}
            </ul>
          ) : null}
        </div>
      ) : (
        <>
          <form
            className="im-prune-options"
            onSubmit={(event) => {
              event.preventDefault()
              if (!labelProblem) void loadPreview(mode, label.trim())
            }}
          >
            <fieldset className="im-choice">
              <legend className="snap-label">Which images</legend>
              {(['dangling', 'unused'] as const).map((option) => (
                <label key={option} className="check">
                  <input
                    type="radio"
                    name="prune-mode"
                    checked={mode === option}
                    onChange={() => {
                      setMode(option)
                      if (!labelProblem) void loadPreview(option, label.trim())
                    }}
                  />
                  {option === 'dangling' ? 'Dangling only' : 'All unused images'}
                  <span className="muted"> — {MODE_WORDS[option]}</span>
                </label>
              ))}
            </fieldset>
            <div className="snap-row prune-filter">
              <FormField label="Only with label (optional)" value={label} onChange={setLabel} problem={labelProblem} placeholder="key or key=value" />
              <button type="submit" className="btn" disabled={busy || labelProblem !== null}>
                Show
              </button>
            </div>
          </form>
          <PrunePreviewList preview={preview} busy={busy} filtered={label.trim() !== ''} />
          {failure ? (
            <p role="alert" className="snap-problem">
              {failure}
            </p>
          ) : null}
        </>
      )}
    </Dialog>
  )
}

function PrunePreviewList({ preview, busy, filtered }: { preview: ImagePrunePreview | null; busy: boolean; filtered: boolean }): ReactElement {
  if (!preview) return <p role="status">{busy ? 'Finding images to prune…' : null}</p>
  if (preview.images.length === 0) return <p role="status">Nothing to prune{filtered ? ' with that label' : ''}.</p>
  const now = Date.now()
  return (
    <>
      <p role="status">
        {preview.images.length === 1 ? 'This image' : `These ${preview.images.length} images`} will be removed, reclaiming <strong>{formatBytes(preview.reclaimableBytes)}</strong>
        {preview.heldByBuildCacheBytes > 0 ? ` (and ${formatBytes(preview.heldByBuildCacheBytes)} more once the build cache is cleaned: it holds some of their layers too)` : ''}:
      </p>
      <div className="prune-list-wrap">
        <table className="prune-table" aria-label="Images to remove">
          <thead>
            <tr>
              <th scope="col">Image</th>
              <th scope="col">Created</th>
              <th scope="col" className="num">Size</th>
              <th scope="col" className="num">Frees</th>
            </tr>
          </thead>
          <tbody>
            {preview.images.map((image) => {
              const name = image.tags[0] ?? `<none> ${shortId(image.id)}`
              return (
                <tr key={image.id}>
                  <td title={[...image.tags, image.id].join('\n')}>{name}</td>
                  <td>{formatRelative(image.created, now)}</td>
                  <td className="num">{formatBytes(image.size)}</td>
                  <td className="num" title="Bytes only this image holds; layers shared with images that stay are not counted">
                    {formatBytes(image.uniqueBytes)}
                  </td>
                </tr>
              )
            })}
          </tbody>
        </table>
      </div>
    </>
  )
}
