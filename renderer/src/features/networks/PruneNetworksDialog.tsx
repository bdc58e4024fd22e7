/**
 * Prune unused networks in two steps: the list of exactly what would go (optionally only those
 * with a label) and the networks kept because stopped containers still need them; then exactly
 * those are removed — one put to use since is kept and reported.
 */
import { useCallback, useEffect, useState, type ReactElement } from 'react'
import type { NetworkPrunePreview, NetworkPruneResult } from '../../../../shared/networks-models'
import { LabelFilter } from '../../../../shared/snapshots-models'
import { Dialog } from '../../components/Dialog'
import { Spinner } from '../../components/Spinner'
import { plural } from '../../lib/format'
import { useStores } from '../../stores/context'
import { describeError } from '../../stores/describeError'
import { FormField } from '../snapshots/FormField'
import { useRefocus } from '../volumes/useRefocus'

export function PruneNetworksDialog({ onClose }: { onClose: () => void }): ReactElement {
  const { client } = useStores()
  const [label, setLabel] = useState('')
  const [preview, setPreview] = useState<NetworkPrunePreview | null>(null)
  const [result, setResult] = useState<NetworkPruneResult | null>(null)
  const [busy, setBusy] = useState(false)
  const [failure, setFailure] = useState<string | null>(null)
  const labelCheck = label.trim() ? LabelFilter.safeParse(label.trim()) : null
  const labelProblem = labelCheck && !labelCheck.success ? labelCheck.error.issues[0].message : null

  const loadPreview = useCallback(
    async (filter: string) => {
      setBusy(true)
      setFailure(null)
      try {
        setPreview(await client.call('networks.prunePreview', filter ? { label: filter } : {}))
      } catch (err) {
        setFailure(describeError(err))
      } finally {
        setBusy(false)
      }
    },
    [client]
  )

  useEffect(() => {
    void loadPreview('')
  }, [loadPreview])

  useRefocus(result)
  async function confirm(): Promise<void> {
    if (!preview || preview.networks.length === 0) return
    setBusy(true)
    setFailure(null)
    try {
      setResult(await client.call('networks.prune', { ids: preview.networks.map((n) => n.id) }))
    } catch (err) {
      setFailure(describeError(err))
    } finally {
      setBusy(false)
    }
  }

  const count = preview?.networks.length ?? 0
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
        {count === 0 ? 'Nothing to remove' : `Remove ${plural(count, 'network')}`}
      </button>
    </>
  )
  return (
    <Dialog title="Prune unused networks" onCancel={onClose} actions={actions}>
      {result ? (
        <div role="status" className="prune-result">
          <p>Removed {plural(result.removed.length, 'network')}.</p>
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
            <p role="status">{busy ? 'Looking for unused networks…' : null}</p>
          ) : count === 0 ? (
            <p role="status">No unused networks{label.trim() ? ' with that label' : ''}: nothing to prune.</p>
          ) : (
            <>
              <p role="status">{count === 1 ? 'This network has' : `These ${count} networks have`} no containers and will be removed:</p>
              <div className="prune-list-wrap">
                <table className="prune-table" aria-label="Networks to remove">
                  <thead>
                    <tr>
                      <th scope="col">Name</th>
                      <th scope="col">Driver</th>
                      <th scope="col">Created</th>
                    </tr>
                  </thead>
                  <tbody>
                    {preview.networks.map((n) => (
                      <tr key={n.id}>
                        <td title={`${n.name}\n${n.id}`}>{n.name}</td>
                        <td>{n.driver}</td>
                        <td>{n.created ? new Date(n.created).toLocaleString() : '—'}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            </>
          )}
          {preview && preview.keptForStopped.length > 0 ? (
            <p className="hint">
              Kept: {preview.keptForStopped.map((k) => `${k.name} (needed by stopped ${k.containers.join(', ')})`).join('; ')}. Docker&apos;s own prune would remove them and those containers could not
              start again.
            </p>
          ) : null}
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
