/** One volume in the Volumes grid: name (opens details), driver, size, who uses it, age, actions. */
import { useState, type ReactElement } from 'react'
import type { VolumeRow } from '../../../../shared/volumes-models'
import { Icon } from '../../components/Icon'
import { Menu, MoreActionsButton } from '../../components/Menu'
import type { RowPlacement } from '../../components/VirtualGrid'
import { formatBytes, formatRelative } from '../../lib/format'
import { ContainerLinks } from './ContainerLinks'
import { ArchiveGlyph, FolderGlyph } from './Glyphs'
import type { VolumeDialog } from './volumeDialogs'

export interface VolumeRowProps {
  volume: VolumeRow
  placement: RowPlacement
  /** undefined: not measured yet; null: the driver doesn't say. */
  size: number | null | undefined
  nowMs: number
  backingUp: boolean
  onDialog: (dialog: VolumeDialog) => void
  onBackUp: (name: string) => void
}

function SizeCell({ size }: { size: number | null | undefined }): ReactElement {
  if (size === undefined) return <span className="muted">…</span>
  if (size === null) return <span className="muted" title="This volume's driver does not report how much space it uses">size unknown</span>
  return <>{formatBytes(size)}</>
}

export function VolumeRowView({ volume, placement, size, nowMs, backingUp, onDialog, onBackUp }: VolumeRowProps): ReactElement {
  const [menuAt, setMenuAt] = useState<{ x: number; y: number } | null>(null)
  const { name } = volume
  const created = volume.created ? Date.parse(volume.created) / 1000 : null
  return (
    <div role="row" aria-label={name} aria-rowindex={placement.rowIndex} className="grid-row" style={placement.style}>
      <div role="gridcell" className="cell cell-flex" title={name}>
        <button type="button" className="link-btn name-line" aria-label={`Details of ${name}`} onClick={() => onDialog({ kind: 'details', name })}>
          {volume.anonymous ? <span className="mono">{name.slice(0, 12)}…</span> : name}
        </button>
        {volume.anonymous ? <span className="tag-chip">anonymous</span> : null}
      </div>
      <div role="gridcell" className="cell">
        {volume.driver}
      </div>
      <div role="gridcell" className="cell num">
        <SizeCell size={size} />
      </div>
      <div role="gridcell" className="cell cell-flex">
        <ContainerLinks containers={volume.usedBy} max={2} />
      </div>
      <div role="gridcell" className="cell">
        {created ? <span title={new Date(created * 1000).toLocaleString()}>{formatRelative(created, nowMs)}</span> : <span className="muted">—</span>}
      </div>
      <div role="gridcell" className="cell cell-actions">
        <button type="button" className="icon-btn" aria-label={`Browse ${name}`} title="Browse the files (read-only)" onClick={() => onDialog({ kind: 'browse', name })}>
          <FolderGlyph />
        </button>
        <button type="button" className="icon-btn" aria-label={`Back up ${name}`} title="Back up to a .tar file" disabled={backingUp} onClick={() => onBackUp(name)}>
          <ArchiveGlyph />
        </button>
        <MoreActionsButton name={name} open={menuAt !== null} onOpen={setMenuAt} />
        <button type="button" className="icon-btn icon-btn-remove" aria-label={`Remove ${name}`} title="Remove" onClick={() => onDialog({ kind: 'remove', name })}>
          <Icon name="trash" />
        </button>
      </div>
      {menuAt ? (
        <Menu
          label={`Actions for ${name}`}
          at={menuAt}
          onClose={() => setMenuAt(null)}
          items={[
            { label: 'Details', onSelect: () => onDialog({ kind: 'details', name }) },
            { label: 'Browse files', onSelect: () => onDialog({ kind: 'browse', name }) },
            { label: 'Back up to a file', disabled: backingUp, onSelect: () => onBackUp(name) },
            { label: 'Restore a backup into it…', onSelect: () => onDialog({ kind: 'restore', target: name }) },
            { label: 'Remove…', danger: true, onSelect: () => onDialog({ kind: 'remove', name }) }
          ]}
        />
      ) : null}
    </div>
  )
}
