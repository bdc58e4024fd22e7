/** Progress bars for running uploads and downloads, each with a cancel button. */
import type { ReactElement } from 'react'
import { ProgressRow } from '../snapshots/ProgressRow'
import type { Transfer } from './useTransfers'

export function TransferList({ transfers }: { transfers: readonly Transfer[] }): ReactElement | null {
  if (transfers.length === 0) return null
  return (
    <ul className="transfers" aria-label="Transfers">
      {transfers.map((t) => (
        <li key={t.key}>
          <ProgressRow label={t.label} doneBytes={t.doneBytes} totalBytes={t.totalBytes} onCancel={t.cancel} />
        </li>
      ))}
    </ul>
  )
}
