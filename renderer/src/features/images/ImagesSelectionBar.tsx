/** Bulk actions for the selected images: save them into one tar, or remove them. */
import type { ReactElement } from 'react'
import type { ImageSummary } from '../../../../shared/models'
import { Icon } from '../../components/Icon'
import { formatBytes } from '../../lib/format'

export interface ImagesSelectionBarProps {
  selected: readonly ImageSummary[]
  onSave: () => void
  onRemove: () => void
  onClear: () => void
}

export function ImagesSelectionBar({ selected, onSave, onRemove, onClear }: ImagesSelectionBarProps): ReactElement | null {
  if (selected.length === 0) return null
  const bytes = selected.reduce((sum, image) => sum + image.size, 0)
  return (
    <div className="selection-bar" role="toolbar" aria-label="Selected images">
      <span className="selection-count">
        {selected.length} selected · {formatBytes(bytes)}:
      </span>
      <button type="button" className="btn btn-small" aria-label={`Save selected (${selected.length})…`} onClick={onSave}>
        <Icon name="download" />
        Save…
      </button>
      <button type="button" className="btn btn-small btn-danger-ghost" aria-label={`Remove selected (${selected.length})…`} onClick={onRemove}>
        <Icon name="trash" />
        Remove…
      </button>
      <button type="button" className="btn btn-small btn-ghost" onClick={onClear}>
        Clear selection
      </button>
    </div>
  )
}
