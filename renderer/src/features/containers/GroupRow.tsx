import { memo, type ReactElement } from 'react'
import { Icon } from '../../components/Icon'
import type { RowPlacement } from '../../components/VirtualGrid'
import { plural } from '../../lib/format'

export interface GroupRowProps {
  project: string
  label: string
  count: number
  running: number
  collapsed: boolean
  placement: RowPlacement
  onToggle: (project: string) => void
}

function GroupRowView({ project, label, count, running, collapsed, placement, onToggle }: GroupRowProps): ReactElement {
  return (
    <div
      role="row"
      aria-label={`${label} (${count})`}
      aria-rowindex={placement.rowIndex}
      aria-expanded={!collapsed}
      className="grid-row group-row"
      style={placement.style}
    >
      <div role="gridcell" className="cell cell-group">
        <button
          type="button"
          className="group-toggle"
          aria-expanded={!collapsed}
          aria-label={`${label}, ${plural(count, 'container')}`}
          onClick={() => onToggle(project)}
        >
          <Icon name="chevron" className={collapsed ? 'chevron' : 'chevron chevron-open'} />
          <span className="group-name">{label}</span>
          <span className="count-pill">{count}</span>
          <span className="group-running">{running > 0 ? `${running} running` : 'none running'}</span>
        </button>
      </div>
    </div>
  )
}

export const GroupRow = memo(GroupRowView)
