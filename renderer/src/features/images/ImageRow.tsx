/** One image in the Images grid: selection, name (opens details), tag, id, size, age, usage, and its actions. */
import { useState, type ReactElement } from 'react'
import type { ImageSummary } from '../../../../shared/models'
import { Icon } from '../../components/Icon'
import { Menu, MoreActionsButton } from '../../components/Menu'
import type { RowPlacement } from '../../components/VirtualGrid'
import { formatBytes, formatFullDate, formatRelative, plural, shortId } from '../../lib/format'
import { useStores } from '../../stores/context'
import { firstTag, imageLabel, splitTag } from './imageRows'

export interface ImageRowProps {
  image: ImageSummary
  placement: RowPlacement
  selected: boolean
  nowMs: number
  onSelect: (id: string, selected: boolean) => void
  onRemove: (image: ImageSummary) => void
}

export function ImageRow({ image, placement, selected, nowMs, onSelect, onRemove }: ImageRowProps): ReactElement {
  const { views } = useStores()
  const [menuAt, setMenuAt] = useState<{ x: number; y: number } | null>(null)
  const label = imageLabel(image)
  const tag = firstTag(image)
  const parts = tag ? splitTag(tag) : null
  const openDialog = views.getState().openImageDialog
  return (
    <div
      role="row"
      aria-label={label}
      aria-rowindex={placement.rowIndex}
      aria-selected={selected}
      className={selected ? 'grid-row is-selected' : 'grid-row'}
      style={placement.style}
    >
      <div role="gridcell" className="cell cell-check">
        <input type="checkbox" aria-label={`Select ${label}`} checked={selected} onChange={(event) => onSelect(image.id, event.currentTarget.checked)} />
      </div>
      <div role="gridcell" className="cell" title={image.repoTags.join(', ') || undefined}>
        <button type="button" className="link-btn name-line" aria-label={`Open ${label}`} onClick={() => views.getState().openImage(image.id)}>
          {parts ? parts.repository : <span className="muted">&lt;none&gt;</span>}
        </button>
        {image.repoTags.length > 1 ? (
          <span className="count-pill" title={image.repoTags.join('\n')}>
            +{image.repoTags.length - 1}
          </span>
        ) : null}
      </div>
      <div role="gridcell" className="cell">
        {parts?.tag ? <span className="tag-chip">{parts.tag}</span> : <span className="muted">&lt;none&gt;</span>}
      </div>
      <div role="gridcell" className="cell mono" title={image.id}>
        {shortId(image.id)}
      </div>
      <div role="gridcell" className="cell num">
        {formatBytes(image.size)}
      </div>
      <div role="gridcell" className="cell">
        <span title={formatFullDate(image.created)}>{formatRelative(image.created, nowMs)}</span>
      </div>
      <div role="gridcell" className="cell">
        {image.containers > 0 ? <span className="usage">used by {plural(image.containers, 'container')}</span> : <span className="muted">unused</span>}
      </div>
      <div role="gridcell" className="cell cell-actions">
        <button
          type="button"
          className="icon-btn icon-btn-start"
          aria-label={`Run ${label}`}
          title="Run a container from this image"
          onClick={() => views.getState().openRunDialog(tag ?? image.id)}
        >
          <Icon name="play" />
        </button>
        <MoreActionsButton name={label} open={menuAt !== null} onOpen={setMenuAt} />
        <button type="button" className="icon-btn icon-btn-remove" aria-label={`Remove ${label}`} title="Remove" onClick={() => onRemove(image)}>
          <Icon name="trash" />
        </button>
      </div>
      {menuAt ? (
        <Menu
          label={`Actions for ${label}`}
          at={menuAt}
          onClose={() => setMenuAt(null)}
          items={[
            { label: 'Details', onSelect: () => views.getState().openImage(image.id) },
            { label: 'Tag…', onSelect: () => openDialog({ kind: 'tag', imageId: image.id, source: tag ?? image.id }) },
            { label: 'Push…', disabled: !tag, onSelect: () => tag && openDialog({ kind: 'push', reference: tag }) },
            { label: 'Pull again', disabled: !tag, onSelect: () => tag && openDialog({ kind: 'pull', reference: tag }) },
            { label: 'Save to file…', onSelect: () => openDialog({ kind: 'save', imageIds: [image.id] }) }
          ]}
        />
      ) : null}
    </div>
  )
}
