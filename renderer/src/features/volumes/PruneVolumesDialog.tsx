/**
 * Prune unused volumes: anonymous only, or every unused volume (optionally only those with a
 * label), each with its size and the total; then exactly those are removed by name — one put to
 * use since is kept and reported. The two steps live in components/PrunePreviewDialog.
 */
import type { ReactElement } from 'react'
import type { VolumePruneCandidate, VolumePruneScope } from '../../../../shared/volumes-models'
import { PrunePreviewDialog } from '../../components/PrunePreviewDialog'
import { formatBytes, plural } from '../../lib/format'
import { useStores } from '../../stores/context'

const COLUMNS = [
  { header: 'Name', cell: (v: VolumePruneCandidate) => <span className={v.anonymous ? 'mono' : undefined}>{v.name}</span>, title: (v: VolumePruneCandidate) => v.name },
  { header: 'Driver', cell: (v: VolumePruneCandidate) => v.driver },
  { header: 'Created', cell: (v: VolumePruneCandidate) => (v.created ? new Date(v.created).toLocaleString() : '—') },
  { header: 'Size', numeric: true, cell: (v: VolumePruneCandidate) => (v.size === null ? <span className="muted">unknown</span> : formatBytes(v.size)) }
]

const SCOPES = {
  legend: 'Which unused volumes',
  initial: 'anonymous' as VolumePruneScope,
  options: [
    { value: 'anonymous' as const, label: 'Anonymous only', hint: 'volumes with generated names, made for one container' },
    { value: 'all' as const, label: 'All unused, named too', hint: 'every volume no container mounts' }
  ]
}

export function PruneVolumesDialog({ onClose }: { onClose: () => void }): ReactElement {
  const { client } = useStores()
  return (
    <PrunePreviewDialog<VolumePruneCandidate, VolumePruneScope>
      title="Prune unused volumes"
      noun={['volume', 'volumes']}
      scopes={SCOPES}
      lookingText="Looking for unused volumes…"
      emptyText={({ scope, label }) => `No unused ${scope === 'anonymous' ? 'anonymous ' : ''}volumes${label ? ' with that label' : ''}: nothing to prune.`}
      table={{ label: 'Volumes to remove', columns: COLUMNS, rowKey: (v) => v.name }}
      load={async ({ scope, label }) => {
        const preview = await client.call('volumes.prunePreview', label ? { scope, label } : { scope })
        const count = preview.volumes.length
        const unknown = preview.unknownSizes > 0 ? ` (${plural(preview.unknownSizes, 'volume')} of unknown size not counted)` : ''
        return {
          items: preview.volumes,
          summary: (
            <>
              {count === 1 ? 'This unused volume will be deleted with its files' : `These ${count} unused volumes will be deleted with their files`}, reclaiming{' '}
              <strong>{formatBytes(preview.totalBytes)}</strong>
              {unknown}
            </>
          )
        }
      }}
      remove={async (items) => {
        const result = await client.call('volumes.prune', { names: items.map((v) => v.name) })
        return { removed: result.removed.length, reclaimedBytes: result.reclaimedBytes, kept: result.skipped.map((s) => ({ key: s.name, name: s.name, reason: s.reason })) }
      }}
      onClose={() => onClose()}
    />
  )
}
