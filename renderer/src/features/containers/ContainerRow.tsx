import { memo, useState, type ReactElement } from 'react'
import type { ContainerSummary } from '../../../../shared/models'
import { Icon } from '../../components/Icon'
import { Menu, MoreActionsButton } from '../../components/Menu'
import { Spinner } from '../../components/Spinner'
import { StateBadge } from '../../components/StateBadge'
import type { RowPlacement } from '../../components/VirtualGrid'
import { formatFullDate, formatRelative, shortId } from '../../lib/format'
import type { ContainerAction } from '../../stores/containers'
import { ACTION_ICON, ACTION_LABEL, ACTION_PROGRESS, actionsFor } from './actions'
import { Ports } from './Ports'
import { ContainerSparkline } from '../stats/Sparkline'

export type SnapshotKind = 'commit' | 'export'

export interface ContainerRowProps {
  container: ContainerSummary
  placement: RowPlacement
  selected: boolean
  pending: ContainerAction | undefined
  nowMs: number
  onSelect: (id: string, selected: boolean) => void
  /** Remove goes through a confirmation dialog; everything else runs at once. */
  onAction: (id: string, action: ContainerAction) => void
  /** Commit… and Export, from the row's "More actions" menu. */
  onSnapshot: (container: ContainerSummary, kind: SnapshotKind) => void
  /** Opens the container's details. */
  onOpen: (id: string) => void
}

function ContainerRowView(props: ContainerRowProps): ReactElement {
  const { container, placement, selected, pending, nowMs, onSelect, onAction, onSnapshot, onOpen } = props
  const { name } = container
  const [menuAt, setMenuAt] = useState<{ x: number; y: number } | null>(null)
  return (
    <div
      role="row"
      aria-label={name}
      aria-rowindex={placement.rowIndex}
      aria-selected={selected}
      aria-busy={pending ? 'true' : undefined}
      className={`grid-row container-row state-${container.state}${selected ? ' is-selected' : ''}${pending ? ' is-busy' : ''}`}
      style={placement.style}
    >
      <div role="gridcell" className="cell cell-check">
        <input
          type="checkbox"
          aria-label={`Select ${name}`}
          checked={selected}
          onChange={(event) => onSelect(container.id, event.currentTarget.checked)}
        />
      </div>
      <div role="gridcell" className="cell cell-name">
        {/* The name opens the container's details; its accessible name stays the container's name. */}
        <button type="button" className="name-line name-link" title={`Open ${name}`} onClick={() => onOpen(container.id)}>
          {name}
        </button>
        <span className="sub-line mono" title={container.id}>
          {shortId(container.id)}
          {container.composeService ? <span className="service-tag">{container.composeService}</span> : null}
        </span>
      </div>
      <div role="gridcell" className="cell cell-image" title={container.image}>
        <span className="truncate">{container.image}</span>
      </div>
      <div role="gridcell" className="cell cell-state">
        <StateBadge state={container.state} />
        <span className="sub-line" title={container.status}>
          {pending ? ACTION_PROGRESS[pending] : container.status}
        </span>
      </div>
      <div role="gridcell" className="cell cell-usage">
        <ContainerSparkline containerId={container.id} running={container.state === 'running'} />
      </div>
      <div role="gridcell" className="cell cell-ports">
        <Ports ports={container.ports} />
      </div>
      <div role="gridcell" className="cell cell-created">
        <span title={formatFullDate(container.created)}>{formatRelative(container.created, nowMs)}</span>
      </div>
      <div role="gridcell" className="cell cell-actions">
        {pending ? (
          <span className="row-progress">
            <Spinner />
          </span>
        ) : null}
        {actionsFor(container.state).map((action) => (
          <button
            key={action}
            type="button"
            className={`icon-btn icon-btn-${action}`}
            aria-label={`${ACTION_LABEL[action]} ${name}`}
            title={ACTION_LABEL[action]}
            disabled={pending !== undefined}
            onClick={() => onAction(container.id, action)}
          >
            <Icon name={ACTION_ICON[action]} />
          </button>
        ))}
        <MoreActionsButton name={name} open={menuAt !== null} onOpen={setMenuAt} />
      </div>
      {menuAt ? (
        <Menu
          label={`Actions for ${name}`}
          at={menuAt}
          onClose={() => setMenuAt(null)}
          items={[
            { label: 'Details', onSelect: () => onOpen(container.id) },
            { label: 'Commit…', onSelect: () => onSnapshot(container, 'commit') },
            { label: 'Export', onSelect: () => onSnapshot(container, 'export') }
          ]}
        />
      ) : null}
    </div>
  )
}

export const ContainerRow = memo(ContainerRowView)
