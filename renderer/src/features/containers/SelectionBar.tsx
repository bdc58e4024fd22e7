import type { ReactElement } from 'react'
import type { ContainerSummary } from '../../../../shared/models'
import { Icon } from '../../components/Icon'
import type { ContainerAction } from '../../stores/containers'
import { ACTION_ICON, ACTION_LABEL, ACTION_ORDER, canRun } from './actions'

export interface SelectionBarProps {
  selected: readonly ContainerSummary[]
  onRun: (action: ContainerAction, targets: readonly ContainerSummary[]) => void
  onClear: () => void
}

/**
 * Bulk actions for the selected rows. Each button acts only on the selected containers for which
 * it makes sense (Stop skips stopped ones) and says how many that is; none → disabled.
 */
export function SelectionBar({ selected, onRun, onClear }: SelectionBarProps): ReactElement | null {
  if (selected.length === 0) return null
  return (
    <div className="selection-bar" role="toolbar" aria-label="Selected containers">
      <span className="selection-count">{selected.length} selected:</span>
      {ACTION_ORDER.map((action) => {
        const targets = selected.filter((container) => canRun(container.state, action))
        return (
          // Visible: "Stop 2"; name: "Stop selected (2)" (contains the visible word, as WCAG 2.5.3 asks).
          <button
            key={action}
            type="button"
            aria-label={`${ACTION_LABEL[action]} selected (${targets.length})`}
            className={action === 'remove' || action === 'kill' ? 'btn btn-small btn-danger-ghost' : 'btn btn-small'}
            disabled={targets.length === 0}
            onClick={() => onRun(action, targets)}
          >
            <Icon name={ACTION_ICON[action]} />
            {ACTION_LABEL[action]}
            <span className="btn-count" aria-hidden="true">
              {targets.length}
            </span>
          </button>
        )
      })}
      <button type="button" className="btn btn-small btn-ghost" onClick={onClear}>
        Clear selection
      </button>
    </div>
  )
}
