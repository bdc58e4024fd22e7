/**
 * The one shape of every clean-up in Berth (stopped containers, images, volumes, networks, and
 * the Disk page's kinds): first a preview of exactly what would go — optionally narrowed by a
 * scope and a label — then, on confirmation, exactly those items are removed and the result
 * says what went and what was kept, and why (e.g. put to use since the preview). Nothing that
 * wasn't shown is ever removed: each feature's `remove` gets the previewed items, not a filter.
 */
import { useEffect, useState, type ReactElement, type ReactNode } from 'react'
import { LabelFilter } from '../../../shared/snapshots-models'
import { formatBytes, plural } from '../lib/format'
import { describeError } from '../stores/describeError'
import { FormField } from '../features/snapshots/FormField'
import { Dialog } from './Dialog'
import { Spinner } from './Spinner'
import '../styles/files.css'

export interface PruneColumn<T> {
  header: string
  numeric?: boolean
  cell: (item: T) => ReactNode
  /** The cell's tooltip (full names, ids). */
  title?: (item: T) => string
}

export interface PruneScope<S extends string> {
  value: S
  label: string
  hint?: string
}

export interface PruneFilter<S extends string> {
  scope: S
  /** Trimmed; '' for no label filter. */
  label: string
}

export interface PreviewOf<T> {
  items: T[]
  /** The sentence above the table, e.g. "These 3 stopped containers will be removed, reclaiming 2 MB". */
  summary: ReactNode
  /** Said under the table (what was kept back, what isn't counted). */
  footnote?: ReactNode
}

export interface PruneOutcome {
  removed: number
  /** Omitted where bytes mean nothing (networks). */
  reclaimedBytes?: number
  kept: Array<{ key: string; name: string; reason: string }>
}

export interface PrunePreviewDialogProps<T, S extends string> {
  title: string
  /** Singular and plural, e.g. ['container', 'containers']. */
  noun: readonly [string, string]
  scopes?: { legend: string; options: ReadonlyArray<PruneScope<S>>; initial: S }
  /** Offer "Only with label" (default true). */
  labelFilter?: boolean
  initialLabel?: string
  load: (filter: PruneFilter<S>) => Promise<PreviewOf<T>>
  remove: (items: T[]) => Promise<PruneOutcome>
  table: { label: string; columns: ReadonlyArray<PruneColumn<T>>; rowKey: (item: T) => string }
  lookingText: string
  emptyText: (filter: PruneFilter<S>) => string
  /** `changed` says whether anything was removed (the caller may re-read what it shows). */
  onClose: (changed: boolean) => void
}

function labelProblemOf(label: string): string | null {
  if (!label.trim()) return null
  const check = LabelFilter.safeParse(label.trim())
  return check.success ? null : check.error.issues[0].message
}

export function PrunePreviewDialog<T, S extends string = string>(props: PrunePreviewDialogProps<T, S>): ReactElement {
  const { title, noun, scopes, labelFilter = true, initialLabel = '', load, remove, table, lookingText, emptyText, onClose } = props
  const [scope, setScope] = useState<S>((scopes?.initial ?? '') as S)
  const [label, setLabel] = useState(initialLabel)
  const [preview, setPreview] = useState<PreviewOf<T> | null>(null)
  const [outcome, setOutcome] = useState<PruneOutcome | null>(null)
  const [busy, setBusy] = useState(false)
  const [failure, setFailure] = useState<string | null>(null)
  const labelProblem = labelProblemOf(label)

  async function loadPreview(filter: PruneFilter<S>): Promise<void> {
    setBusy(true)
    setFailure(null)
    setPreview(null)
    try {
      setPreview(await load(filter))
    } catch (err) {
      setFailure(describeError(err))
    } finally {
      setBusy(false)
    }
  }

  useEffect(() => {
    void loadPreview({ scope: (scopes?.initial ?? '') as S, label: initialLabel.trim() })
    // Only when the dialog opens: later previews follow the person's choices.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [])

  async function confirm(): Promise<void> {
    if (!preview || preview.items.length === 0) return
    setBusy(true)
    setFailure(null)
    try {
      setOutcome(await remove(preview.items))
    } catch (err) {
      setFailure(describeError(err))
    } finally {
      setBusy(false)
    }
  }

  const count = preview?.items.length ?? 0
  const close = (): void => onClose(outcome !== null && outcome.removed > 0)
  const actions = outcome ? (
    <button type="button" className="btn btn-primary" data-autofocus onClick={close}>
      Close
    </button>
  ) : (
    <>
      <button type="button" className="btn" data-autofocus onClick={close}>
        Cancel
      </button>
      <button type="button" className="btn btn-danger" disabled={busy || count === 0} onClick={() => void confirm()}>
        {busy && preview ? <Spinner /> : null}
        {count === 0 ? 'Nothing to remove' : `Remove ${plural(count, noun[0], noun[1])}`}
      </button>
    </>
  )

  return (
    <Dialog title={title} onCancel={close} actions={actions}>
      {outcome ? (
        <div role="status" className="prune-result">
          <p>
            Removed {plural(outcome.removed, noun[0], noun[1])}
            {outcome.reclaimedBytes !== undefined ? (
              <>
                {' '}
                and reclaimed <strong>{formatBytes(outcome.reclaimedBytes)}</strong>
              </>
            ) : null}
            .
          </p>
          {outcome.kept.length > 0 ? (
            <ul className="dialog-list" aria-label="Kept">
              {outcome.kept.map((kept) => (
                <li key={kept.key}>
                  Kept {kept.name}: {kept.reason}
                </li>
              ))}
            </ul>
          ) : null}
        </div>
      ) : (
        <>
          {scopes ? (
            <fieldset className="prune-scopes">
              <legend className="snap-label">{scopes.legend}</legend>
              {scopes.options.map((option) => (
                <label key={option.value} className="check">
                  <input
                    type="radio"
                    name="prune-scope"
                    checked={scope === option.value}
                    onChange={() => {
                      setScope(option.value)
                      if (!labelProblem) void loadPreview({ scope: option.value, label: label.trim() })
                    }}
                  />
                  {option.label}
                  {option.hint ? <span className="muted"> — {option.hint}</span> : null}
                </label>
              ))}
            </fieldset>
          ) : null}
          {labelFilter ? (
            <form
              className="snap-row prune-filter"
              onSubmit={(event) => {
                event.preventDefault()
                if (!labelProblem) void loadPreview({ scope, label: label.trim() })
              }}
            >
              <FormField label="Only with label (optional)" value={label} onChange={setLabel} problem={labelProblem} placeholder="key or key=value" />
              <button type="submit" className="btn" disabled={busy || labelProblem !== null}>
                Show
              </button>
            </form>
          ) : null}
          <PreviewTable preview={preview} busy={busy} table={table} lookingText={lookingText} empty={emptyText({ scope, label: label.trim() })} />
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

interface PreviewTableProps<T> {
  preview: PreviewOf<T> | null
  busy: boolean
  table: PrunePreviewDialogProps<T, string>['table']
  lookingText: string
  empty: string
}

function PreviewTable<T>({ preview, busy, table, lookingText, empty }: PreviewTableProps<T>): ReactElement {
  if (!preview) return <p role="status">{busy ? lookingText : null}</p>
  if (preview.items.length === 0) {
    return (
      <>
        <p role="status">{empty}</p>
        {preview.footnote ? <p className="hint">{preview.footnote}</p> : null}
      </>
    )
  }
  return (
    <>
      <p role="status">{preview.summary}:</p>
      <div className="prune-list-wrap">
        <table className="prune-table" aria-label={table.label}>
          <thead>
            <tr>
              {table.columns.map((column) => (
                <th key={column.header} scope="col" className={column.numeric ? 'num' : undefined}>
                  {column.header}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {preview.items.map((item) => (
              <tr key={table.rowKey(item)}>
                {table.columns.map((column) => (
                  <td key={column.header} className={column.numeric ? 'num' : undefined} title={column.title?.(item)}>
                    {column.cell(item)}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {preview.footnote ? <p className="hint">{preview.footnote}</p> : null}
    </>
  )
}
