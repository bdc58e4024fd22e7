/**
 * Prune stopped containers: exited, created and dead containers, each with the space its writable
 * layer holds, then exactly those removed (one started since is skipped). The two steps and their
 * words live in components/PrunePreviewDialog.
 */
import type { ReactElement } from 'react'
import type { PruneCandidate } from '../../../../shared/snapshots-models'
import { PrunePreviewDialog } from '../../components/PrunePreviewDialog'
import { formatBytes } from '../../lib/format'
import { useStores } from '../../stores/context'

const COLUMNS = [
  { header: 'Name', cell: (c: PruneCandidate) => c.name, title: (c: PruneCandidate) => c.name },
  { header: 'Image', cell: (c: PruneCandidate) => <span className="muted">{c.image}</span>, title: (c: PruneCandidate) => c.image },
  { header: 'Status', cell: (c: PruneCandidate) => c.status, title: (c: PruneCandidate) => c.status },
  { header: 'Size', numeric: true, cell: (c: PruneCandidate) => formatBytes(c.sizeRw) }
]

export function PruneDialog({ onClose, initialLabel = '' }: { onClose: () => void; initialLabel?: string }): ReactElement {
  const { client } = useStores()
  return (
    <PrunePreviewDialog<PruneCandidate>
      title="Prune stopped containers"
      noun={['container', 'containers']}
      initialLabel={initialLabel}
      lookingText="Looking for stopped containers…"
      emptyText={({ label }) => `No stopped containers${label ? ' with that label' : ''}: nothing to prune.`}
      table={{ label: 'Containers to remove', columns: COLUMNS, rowKey: (c) => c.id }}
      load={async ({ label }) => {
        const preview = await client.call('containers.prunePreview', label ? { label } : {})
        const count = preview.containers.length
        return {
          items: preview.containers,
          summary: (
            <>
              {count === 1 ? 'This stopped container' : `These ${count} stopped containers`} will be removed, reclaiming <strong>{formatBytes(preview.totalBytes)}</strong>
            </>
          )
        }
      }}
      remove={async (items) => {
        const result = await client.call('containers.prune', { ids: items.map((c) => c.id) })
        return { removed: result.removed.length, reclaimedBytes: result.reclaimedBytes, kept: result.skipped.map((s) => ({ key: s.id, name: s.name, reason: s.reason })) }
      }}
      onClose={onClose}
    />
  )
}
