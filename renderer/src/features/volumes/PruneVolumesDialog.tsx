/**
 * Prune unused volumes in two steps: the list of exactly what would go (anonymous only, or every
 * unused volume; optionally only those with a label), each with its size and the total; then, on
 * confirmation, exactly those are removed by name — one put to use since is kept and reported.
 */
import { useCallback, useEffect, useState, type ReactElement } from 'react'
import { LabelFilter } from '../../../../shared/snapshots-models'
import type { VolumePrunePreview, VolumePruneResult, VolumePruneScope } from '../../../../shared/volumes-models'
import { Dialog } from '../../components/Dialog'
import { Spinner } from '../../components/Spinner'
import { formatBytes, plural } from '../../lib/format'
import { useStores } from '../../stores/context'
import { describeError } from '../../stores/describeError'
import { FormField } from '../snapshots/FormField'
import { useRefocus } from './useRefocus'

export function PruneVolumesDialog({ onClose }: { onClose: () => void }): ReactElement {
  const { client } = useStores()
  const [scope, setScope] = useState<VolumePruneScope>('anonymous')
  const [label, setLabel] = useState('')
  const [preview, setPreview] = useState<VolumePrunePreview | null>(null)
  const [result, setResult] = useState<VolumePruneResult | null>(null)
  const [busy, setBusy] = useState(false)
  const [failure, setFailure] = useState<string | null>(null)
  const labelCheck = label.trim() ? LabelFilter.safeParse(label.trim()) : null
  const labelProblem = labelCheck && !labelCheck.success ? labelCheck.error.issues[0].message : null

  const loadPreview = useCallback(
    async (nextScope: VolumePruneScope, filter: string) => {
      setBusy(true)
      setFailure(null)
      try {
        setPreview(await client.call('volumes.prunePreview', filter ? { scope: nextScope, label: filter } : { scope: nextScope }))
      } catch (err) {
        setFailure(describeError(err))
      } finally {
        setBusy(false)
      }
    },
    [client]
  )

  useEffect(() => {
    void loadPreview('anonymous', '')
  }, [loadPreview])

  useRefocus(result)
  function chooseScope(next: VolumePruneScope): void {
    setScope(next)
    if (!labelProblem) void loadPreview(next, label.trim())
  }

  async function confirm(): Promise<void> {
    if (!preview || preview.volumes.length === 0) return
    setBusy(true)
    setFailure(null)
    try {
      setResult(await client.call('volumes.prune', { names: preview.volumes.map((v) => v.name) }))
    } catch (err) {
      setFailure(describeError(err))
    } finally {
      setBusy(false)
    }
  }

  const count = preview?.volumes.length ?? 0
  const actions = result ? (
    <button type="button" className="btn btn-primary" data-autofocus onClick={onClose}>
      Close
    </button>
  ) : (
    <>
      <button type="button" className="btn" data-autofocus onClick={onClose}>
        Cancel
      </button>
      <button type="button" className="btn btn-danger" disabled={busy || count === 0} onClick={() => void confirm()}>
        {busy && preview ? <Spinner /> : null}
        {count === 0 ? 'Nothing to remove' : `Remove ${plural(count, 'volume')}`}
      </button>
    </>
  )
  const sizeNote = preview && preview.unknownSizes > 0 ? ` (${plural(preview.unknownSizes, 'volume')} of unknown size not counted)` : ''
  return (
    <Dialog title="Prune unused volumes" onCancel={onClose} actions={actions}>
      {result ? (
        <div role="status" className="prune-result">
          <p>
            Removed {plural(result.removed.length, 'volume')} and reclaimed <strong>{formatBytes(result.reclaimedBytes)}</strong>.
          </p>
          {result.skipped.length > 0 ? (
            <ul className="dialog-list">
              {result.skipped.map((s) => (
                <li key={s.name}>
                  Kept {s.name}: {s.reason}
                </li>
              ))}
            </ul>
          ) : null}
        </div>
      ) : (
        <>
          <div className="segmented vn-segmented" role="group" aria-label="Which unused volumes">
            <button type="button" aria-pressed={scope === 'anonymous'} onClick={() => chooseScope('anonymous')}>
              Anonymous only
            </button>
            <button type="button" aria-pressed={scope === 'all'} onClick={() => chooseScope('all')}>
              All unused, named too
            </button>
          </div>
          <form
            className="snap-row prune-filter"
            onSubmit={(event) => {
              event.preventDefault()
              if (!labelProblem) void loadPreview(scope, label.trim())
            }}
          >
            <FormField label="Only with label (optional)" value={label} onChange={setLabel} problem={labelProblem} placeholder="key or key=value" />
            <button type="submit" className="btn" disabled={busy || labelProblem !== null}>
              Show
            </button>
          </form>
          {preview === null ? (
            <p role="status">{busy ? 'Looking for unused volumes…' : null}</p>
          ) : count === 0 ? (
            <p role="status">No unused {scope === 'anonymous' ? 'anonymous ' : ''}volumes{label.trim() ? ' with that label' : ''}: nothing to prune.</p>
          ) : (
            <>
              <p role="status">
                {count === 1 ? 'This unused volume will be deleted with its files' : `These ${count} unused volumes will be deleted with their files`}, reclaiming <strong>{formatBytes(preview.totalBytes)}</strong>
                {sizeNote}:
              </p>
              <div className="prune-list-wrap">
                <table className="prune-table" aria-label="Volumes to remove">
                  <thead>
                    <tr>
                      <th scope="col">Name</th>
                      <th scope="col">Driver</th>
                      <th scope="col">Created</th>
                      <th scope="col" className="num">
                        Size
                      </th>
                    </tr>
                  </thead>
                  <tbody>
                    {preview.volumes.map((v) => (
                      <tr key={v.name}>
                        <td title={v.name} className={v.anonymous ? 'mono' : undefined}>
                          {v.name}
                        </td>
                        <td>{v.driver}</td>
                        <td>{v.created ? new Date(v.created).toLocaleString() : '—'}</td>
                        <td className="num">{v.size === null ? <span className="muted">unknown</span> : formatBytes(v.size)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            </>
          )}
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
