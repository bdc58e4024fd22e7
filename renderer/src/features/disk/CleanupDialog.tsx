/**
 * A clean-up of one kind in two steps: the preview lists exactly what would go (names, sizes, the
 * total), then exactly those are removed; the result says what went, what was kept and why.
 */
import { useEffect, useState, type ReactElement } from 'react'
import type { CleanupPreview, CleanupResult, DiskKind } from '../../../../shared/disk-models'
import { Dialog } from '../../components/Dialog'
import { Spinner } from '../../components/Spinner'
import { formatBytes, plural } from '../../lib/format'
import { useStores } from '../../stores/context'
import { describeError } from '../../stores/describeError'
import { KIND_WORDS } from './kinds'
import '../../styles/files.css'

export function CleanupDialog({ kind, onClose }: { kind: DiskKind; onClose: (changed: boolean) => void }): ReactElement {
  const { client } = useStores()
  const words = KIND_WORDS[kind]
  const [preview, setPreview] = useState<CleanupPreview | null>(null)
  const [result, setResult] = useState<CleanupResult | null>(null)
  const [busy, setBusy] = useState(false)
  const [failure, setFailure] = useState<string | null>(null)

  useEffect(() => {
    let live = true
    client.call('disk.cleanupPreview', { kind }).then(
      (answer) => live && setPreview(answer),
      (err: unknown) => live && setFailure(describeError(err))
    )
    return () => {
      live = false
    }
  }, [client, kind])

  async function clean(): Promise<void> {
    if (!preview || preview.items.length === 0) return
    setBusy(true)
    setFailure(null)
    try {
      setResult(await client.call('disk.cleanup', { kind, ids: preview.items.map((item) => item.id) }))
    } catch (err) {
      setFailure(describeError(err))
    } finally {
      setBusy(false)
    }
  }

  const count = preview?.items.length ?? 0
  const close = (): void => onClose(result !== null)
  const actions = result ? (
    <button type="button" className="btn btn-primary" data-autofocus onClick={close}>
      Close
    </button>
  ) : (
    <>
      <button type="button" className="btn" data-autofocus onClick={close}>
        Cancel
      </button>
      <button type="button" className="btn btn-danger" disabled={busy || count === 0} onClick={() => void clean()}>
        {busy ? <Spinner /> : null}
        {count === 0 ? 'Nothing to remove' : `Remove ${count === 1 ? `1 ${words.one}` : `${count} ${words.many}`}`}
      </button>
    </>
  )

  return (
    <Dialog title={`Clean up ${words.title.toLowerCase()}`} onCancel={close} actions={actions}>
      {result ? (
        <div role="status" className="prune-result">
          <p>
            Removed {result.removed.length === 1 ? `1 ${words.one}` : `${result.removed.length} ${words.many}`}; the engine reclaimed{' '}
            <strong>{formatBytes(result.reclaimedBytes)}</strong>.
          </p>
          {result.skipped.length > 0 ? (
            <ul className="dialog-list im-list" aria-label="Kept">
              {result.skipped.map((item) => (
                <li key={item.id}>
                  Kept {item.name}: {item.reason}
                </li>
              ))}
            </ul>
          ) : null}
        </div>
      ) : preview === null ? (
        <p role="status">{failure ? null : `Finding ${words.cleanup}…`}</p>
      ) : count === 0 ? (
        <p role="status">Nothing to clean up: no {words.cleanup}.</p>
      ) : (
        <>
          <p role="status">
            Removes {words.cleanup}: {plural(count, words.one, words.many)}, reclaiming <strong>{formatBytes(preview.totalBytes)}</strong>.
          </p>
          <div className="prune-list-wrap">
            <table className="prune-table" aria-label={`${words.title} to remove`}>
              <thead>
                <tr>
                  <th scope="col">Name</th>
                  <th scope="col">Details</th>
                  <th scope="col" className="num">
                    Frees
                  </th>
                </tr>
              </thead>
              <tbody>
                {preview.items.map((item) => (
                  <tr key={item.id}>
                    <td title={`${item.name}\n${item.id}`}>{item.name}</td>
                    <td className="muted" title={item.detail}>
                      {item.detail}
                    </td>
                    <td className="num">{formatBytes(item.bytes)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {preview.note ? <p className="hint muted">{preview.note}</p> : null}
        </>
      )}
      {failure ? (
        <p role="alert" className="snap-problem">
          {failure}
        </p>
      ) : null}
    </Dialog>
  )
}
