/** A transfer's progress in words and a bar: bytes so far against the known (or estimated) total. */
import type { ReactElement } from 'react'
import { formatBytes } from '../../lib/format'
import type { TransferView } from './transfer'

export function TransferStatus({ label, view }: { label: string; view: TransferView }): ReactElement | null {
  if (view.phase === 'starting') return <p role="status">{label}: starting…</p>
  if (view.phase !== 'moving') return null
  const total = view.totalBytes && view.totalBytes > 0 ? view.totalBytes : null
  // An estimate (image sizes) can be passed: the bar then waits at its end instead of overflowing.
  const value = total ? Math.min(view.bytes, total) : undefined
  return (
    <div className="im-progress" role="status">
      <span className="im-progress-label">{label}</span>
      <progress aria-label={label} max={total ?? undefined} value={value} />
      <span className="im-progress-bytes">
        {formatBytes(view.bytes)}
        {total ? ` of ${view.estimated ? 'about ' : ''}${formatBytes(total)}` : ''}
      </span>
    </div>
  )
}
