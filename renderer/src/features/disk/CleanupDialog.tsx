/**
 * A clean-up of one kind from the Disk page: the preview lists exactly what would go (names,
 * sizes, the total), then exactly those are removed; the result says what went, what was kept
 * and why. The two steps live in components/PrunePreviewDialog.
 */
import type { ReactElement } from 'react'
import type { CleanupItem, DiskKind } from '../../../../shared/disk-models'
import { PrunePreviewDialog } from '../../components/PrunePreviewDialog'
import { formatBytes, plural } from '../../lib/format'
import { useStores } from '../../stores/context'
import { KIND_WORDS } from './kinds'

const COLUMNS = [
  { header: 'Name', cell: (item: CleanupItem) => item.name, title: (item: CleanupItem) => `${item.name}\n${item.id}` },
  { header: 'Details', cell: (item: CleanupItem) => <span className="muted">{item.detail}</span>, title: (item: CleanupItem) => item.detail },
  { header: 'Frees', numeric: true, cell: (item: CleanupItem) => formatBytes(item.bytes) }
]

export function CleanupDialog({ kind, onClose }: { kind: DiskKind; onClose: (changed: boolean) => void }): ReactElement {
  const { client } = useStores()
  const words = KIND_WORDS[kind]
  return (
    <PrunePreviewDialog<CleanupItem>
      title={`Clean up ${words.title.toLowerCase()}`}
      noun={[words.one, words.many]}
      labelFilter={false}
      lookingText={`Finding ${words.cleanup}…`}
      emptyText={() => `Nothing to clean up: no ${words.cleanup}.`}
      table={{ label: `${words.title} to remove`, columns: COLUMNS, rowKey: (item) => item.id }}
      load={async () => {
        const preview = await client.call('disk.cleanupPreview', { kind })
        return {
          items: preview.items,
          summary: (
            <>
              Removes {words.cleanup}: {plural(preview.items.length, words.one, words.many)}, reclaiming <strong>{formatBytes(preview.totalBytes)}</strong>
            </>
          ),
          footnote: preview.note
        }
      }}
      remove={async (items) => {
        const result = await client.call('disk.cleanup', { kind, ids: items.map((item) => item.id) })
        return { removed: result.removed.length, reclaimedBytes: result.reclaimedBytes, kept: result.skipped.map((s) => ({ key: s.id, name: s.name, reason: s.reason })) }
      }}
      onClose={onClose}
    />
  )
}
