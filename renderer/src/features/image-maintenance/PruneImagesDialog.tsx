/**
 * Prune images: exactly which would go (dangling only, or every image no container uses) and the
 * bytes that frees; then exactly those are removed, and the result says what went and what was
 * kept (e.g. a container started using it since the preview). The two steps live in
 * components/PrunePreviewDialog.
 */
import type { ReactElement } from 'react'
import type { ImagePruneCandidate, PruneMode } from '../../../../shared/image-maintenance-models'
import { PrunePreviewDialog } from '../../components/PrunePreviewDialog'
import { formatBytes, formatRelative, shortId } from '../../lib/format'
import { useStores } from '../../stores/context'
import type { ImageDialog } from '../../stores/views'
import '../../styles/image-maintenance.css'

const nameOf = (image: ImagePruneCandidate): string => image.tags[0] ?? `<none> ${shortId(image.id)}`

const COLUMNS = [
  { header: 'Image', cell: nameOf, title: (image: ImagePruneCandidate) => [...image.tags, image.id].join('\n') },
  { header: 'Created', cell: (image: ImagePruneCandidate) => formatRelative(image.created, Date.now()) },
  { header: 'Size', numeric: true, cell: (image: ImagePruneCandidate) => formatBytes(image.size) },
  {
    header: 'Frees',
    numeric: true,
    cell: (image: ImagePruneCandidate) => formatBytes(image.uniqueBytes),
    title: () => 'Bytes only this image holds; layers shared with images that stay are not counted'
  }
]

const SCOPES = {
  legend: 'Which images',
  initial: 'dangling' as PruneMode,
  options: [
    { value: 'dangling' as const, label: 'Dangling only', hint: 'untagged images nothing is built on' },
    { value: 'unused' as const, label: 'All unused images', hint: 'every image no container uses, tagged or not' }
  ]
}

export function PruneImagesDialog({ onClose }: { dialog: Extract<ImageDialog, { kind: 'prune' }>; onClose: () => void }): ReactElement {
  const { client } = useStores()
  return (
    <PrunePreviewDialog<ImagePruneCandidate, PruneMode>
      title="Prune images"
      noun={['image', 'images']}
      scopes={SCOPES}
      lookingText="Finding images to prune…"
      emptyText={({ label }) => `Nothing to prune${label ? ' with that label' : ''}.`}
      table={{ label: 'Images to remove', columns: COLUMNS, rowKey: (image) => image.id }}
      load={async ({ scope, label }) => {
        const preview = await client.call('images.prunePreview', label ? { mode: scope, label } : { mode: scope })
        const count = preview.images.length
        const held = preview.heldByBuildCacheBytes > 0 ? ` (and ${formatBytes(preview.heldByBuildCacheBytes)} more once the build cache is cleaned: it holds some of their layers too)` : ''
        return {
          items: preview.images,
          summary: (
            <>
              {count === 1 ? 'This image' : `These ${count} images`} will be removed, reclaiming <strong>{formatBytes(preview.reclaimableBytes)}</strong>
              {held}
            </>
          )
        }
      }}
      remove={async (items) => {
        const result = await client.call('images.prune', { ids: items.map((image) => image.id) })
        return { removed: result.removed.length, reclaimedBytes: result.reclaimedBytes, kept: result.refused.map((r) => ({ key: r.id, name: r.label, reason: r.reason })) }
      }}
      onClose={() => onClose()}
    />
  )
}
