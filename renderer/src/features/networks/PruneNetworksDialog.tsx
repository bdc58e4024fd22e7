/**
 * Prune unused networks: exactly which would go (optionally only those with a label), and which
 * are kept because stopped containers still need them; then exactly those are removed — one put to
 * use since is kept and reported. The two steps live in components/PrunePreviewDialog.
 */
import type { ReactElement } from 'react'
import type { NetworkPruneCandidate } from '../../../../shared/networks-models'
import { PrunePreviewDialog } from '../../components/PrunePreviewDialog'
import { useStores } from '../../stores/context'
import { useEngineProductName } from '../engines/useCapability'

const COLUMNS = [
  { header: 'Name', cell: (n: NetworkPruneCandidate) => n.name, title: (n: NetworkPruneCandidate) => `${n.name}\n${n.id}` },
  { header: 'Driver', cell: (n: NetworkPruneCandidate) => n.driver },
  { header: 'Created', cell: (n: NetworkPruneCandidate) => (n.created ? new Date(n.created).toLocaleString() : '—') }
]

export function PruneNetworksDialog({ onClose }: { onClose: () => void }): ReactElement {
  const { client } = useStores()
  // Only dockerd's prune was seen to take networks that stopped containers need; other engines' may not.
  const product = useEngineProductName()
  const keptWhy = product === 'Docker' ? "Docker's own prune would remove them and those containers could not start again." : 'Those containers could not start again without them.'
  return (
    <PrunePreviewDialog<NetworkPruneCandidate>
      title="Prune unused networks"
      noun={['network', 'networks']}
      lookingText="Looking for unused networks…"
      emptyText={({ label }) => `No unused networks${label ? ' with that label' : ''}: nothing to prune.`}
      table={{ label: 'Networks to remove', columns: COLUMNS, rowKey: (n) => n.id }}
      load={async ({ label }) => {
        const preview = await client.call('networks.prunePreview', label ? { label } : {})
        const count = preview.networks.length
        const kept = preview.keptForStopped
        return {
          items: preview.networks,
          summary: count === 1 ? 'This network has no containers and will be removed' : `These ${count} networks have no containers and will be removed`,
          footnote:
            kept.length > 0
              ? `Kept: ${kept.map((k) => `${k.name} (needed by stopped ${k.containers.join(', ')})`).join('; ')}. ${keptWhy}`
              : undefined
        }
      }}
      remove={async (items) => {
        const result = await client.call('networks.prune', { ids: items.map((n) => n.id) })
        return { removed: result.removed.length, kept: result.skipped.map((s) => ({ key: s.id, name: s.name, reason: s.reason })) }
      }}
      onClose={() => onClose()}
    />
  )
}
