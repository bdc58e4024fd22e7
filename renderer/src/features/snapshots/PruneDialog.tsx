/**
 * Prune stopped containers in two steps: first the list of what would go (exited, created and
 * dead containers, each with the space its writable layer holds) and the total; then, on
 * confirmation, exactly those are removed one by one (never one that was not shown; one
 * started since is skipped) and the result is reported.
 */
import { useCallback, useEffect, useState, type ReactElement } from 'react'
import type { PrunePreview, PruneResult } from '../../../../shared/snapshots-models'
import { LabelFilter } from '../../../../shared/snapshots-models'
import { Dialog } from '../../components/Dialog'
import { Spinner } from '../../components/Spinner'
import { formatBytes, plural } from '../../lib/format'
import { useStores } from '../../stores/context'
import { describeError } from '../../stores/describeError'
import { FormField } from './FormField'
import '../../styles/files.css'

export function PruneDialog({ onClose, initialLabel = '' }: { onClose: () => void; initialLabel?: string }): ReactElement {
  const { client } = useStores()
  const [label, setLabel] = useState(initialLabel)
  const [preview, setPreview] = useState<PrunePreview | null>(null)
  const [result, setResult] = useState<PruneResult | null>(null)
  const [busy, setBusy] = useState(false)
  const [failure, setFailure] = useState<string | null>(null)
  const labelCheck = label.trim() ? LabelFilter.safeParse(label.trim()) : null
  const labelProblem = labelCheck && !labelCheck.success ? labelCheck.error.issues[0].message : null

  const loadPreview = useCallback(
    async (filter: string) => {
      setBusy(true)
      setFailure(null)
      try {
        setPreview(await client.call('containers.prunePreview', filter ? { label: filter } : {}))
      } catch (err) {
        setFailure(describeError(err))
      } finally {
        setBusy(false)
      }
    },
    [client]
  )

  useEffect(() => {
    void loadPreview(initialLabel.trim())
  }, [initialLabel, loadPreview])

  async function confirm(): Promise<void> {
    if (!preview || preview.containers.length === 0) return
    setBusy(true)
    setFailure(null)
    try {
      setResult(await client.call('containers.prune', { ids: preview.containers.map((c) => c.id) }))
    } catch (err) {
      setFailure(describeError(err))
    } finally {
      setBusy(false)
    }
  }

  const count = preview?.containers.length ?? 0
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
        {count === 0 ? 'Nothing to remove' : `Remove ${plural(count, 'container')}`}
      </button>
    </>
  )
  return (
    <Dialog title="Prune stopped containers" onCancel={onClose} actions={actions}>
      {result ? (
        <div role="status" className="prune-result">
          <p>
            Removed {plural(result.removed.length, 'container')} and reclaimed <strong>{formatBytes(result.reclaimedBytes)}</strong>.
          </p>
          {result.skipped.length > 0 ? (
            <ul className="dialog-list">
              {result.skipped.map((s) => (
                <li key={s.id}>
                  Kept {s.name}: {s.reason}
                </li>
              ))}
            </ul>
          ) : null}
        </div>
      ) : (
        <>
          <form
            className="snap-row prune-filter"
            onSubmit={(event) => {
              event.preventDefault()
              if (!labelProblem) void loadPreview(label.trim())
            }}
          >
            <FormField label="Only with label (optional)" value={label} onChange={setLabel} problem={labelProblem} placeholder="key or key=value" />
            <button type="submit" className="btn" disabled={busy || labelProblem !== null}>
              Show
            </button>
          </form>
          {preview === null ? (
            <p role="status">{busy ? 'Looking for stopped containers…' : null}</p>
          ) : count === 0 ? (
            <p role="status">No stopped containers{label.trim() ? ' with that label' : ''}: nothing to prune.</p>
          ) : (
            <>
              <p role="status">
                {count === 1 ? 'This stopped container' : `These ${count} stopped containers`} will be removed, reclaiming <strong>{formatBytes(preview.totalBytes)}</strong>:
              </p>
              <div className="prune-list-wrap">
                <table className="prune-table" aria-label="Containers to remove">
                  <thead>
                    <tr>
                      <th scope="col">Name</th>
                      <th scope="col">Image</th>
                      <th scope="col">Status</th>
                      <th scope="col" className="num">
                        Size
                      </th>
                    </tr>
                  </thead>
                  <tbody>
                    {preview.containers.map((c) => (
                      <tr key={c.id}>
                        <td title={c.name}>{c.name}</td>
                        <td className="muted" title={c.image}>
                          {c.image}
                        </td>
                        <td title={c.status}>{c.status}</td>
                        <td className="num">{formatBytes(c.sizeRw)}</td>
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
