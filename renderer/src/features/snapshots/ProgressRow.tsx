/**
 * One transfer's progress: a labelled <progress> (indeterminate while the size is unknown, as
 * for archives) with the bytes so far, and an optional cancel.
 */
import type { ReactElement } from 'react'
import { formatBytes } from '../../lib/format'

export interface ProgressRowProps {
  label: string
  doneBytes: number
  totalBytes: number | null
  onCancel?: () => void
}

export function ProgressRow({ label, doneBytes, totalBytes, onCancel }: ProgressRowProps): ReactElement {
  const known = totalBytes !== null && totalBytes > 0
  return (
    <div className="progress-row">
      <span className="progress-label">{label}</span>
      <progress aria-label={label} max={known ? totalBytes : undefined} value={known ? doneBytes : undefined} />
      <span className="progress-bytes">
        {formatBytes(doneBytes)}
        {known ? ` of ${formatBytes(totalBytes)}` : ''}
      </span>
      {onCancel ? (
        <button type="button" className="btn btn-small btn-ghost" aria-label={`Cancel: ${label}`} onClick={onCancel}>
          Cancel
        </button>
      ) : null}
    </div>
  )
}
