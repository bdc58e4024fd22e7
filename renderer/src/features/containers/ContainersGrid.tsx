import { useCallback, useMemo, type ReactElement, type ReactNode } from 'react'
import { VirtualGrid, type RowPlacement } from '../../components/VirtualGrid'
import { useNow } from '../../lib/useNow'
import { useSlice, useStores } from '../../stores/context'
import type { ContainerAction } from '../../stores/containers'
import { ContainerRow, type SnapshotKind } from './ContainerRow'
import { GroupRow } from './GroupRow'
import { buildRows, rowKey, type ContainerGridRow } from './rows'
import type { ContainerSummary } from '../../../../shared/models'

const ROW_HEIGHT = 46
// Usage (the stats sparkline) sits between State and Ports; Ports gave up 20px of its minimum for it.
// Actions fit five lifecycle buttons and the "More actions" menu button.
const COLUMNS = '36px minmax(170px, 1.6fr) minmax(130px, 1.1fr) minmax(140px, 1fr) 112px minmax(130px, 0.9fr) 100px 192px'

export interface ContainersGridProps {
  visible: readonly ContainerSummary[]
  emptyText: string
  /** Shown under the empty text, e.g. "Start Docker" when there is no engine. */
  emptyAction?: ReactNode
  onAction: (id: string, action: ContainerAction) => void
  /** Commit… or Export from a row's menu. */
  onSnapshot: (container: ContainerSummary, kind: SnapshotKind) => void
}

export function ContainersGrid({ visible, emptyText, emptyAction, onAction, onSnapshot }: ContainersGridProps): ReactElement {
  const { containers, views } = useStores()
  const pending = useSlice(containers, (s) => s.pending)
  const selected = useSlice(views, (s) => s.selectedContainers)
  const groupByProject = useSlice(views, (s) => s.groupByProject)
  const collapsed = useSlice(views, (s) => s.collapsedProjects)
  const nowMs = useNow()

  const rows = useMemo(() => buildRows(visible, groupByProject, collapsed), [visible, groupByProject, collapsed])
  const allSelected = visible.length > 0 && visible.every((container) => selected.has(container.id))
  const someSelected = !allSelected && visible.some((container) => selected.has(container.id))

  const onSelect = useCallback((id: string, on: boolean) => views.getState().toggleSelected(id, on), [views])
  const onToggleProject = useCallback((project: string) => views.getState().toggleProject(project), [views])
  const onScrollOffset = useCallback((offset: number) => views.getState().rememberScroll('containers', offset), [views])
  const onOpen = useCallback((id: string) => views.getState().openContainer(id), [views])

  function selectAll(on: boolean): void {
    const current = new Set(views.getState().selectedContainers)
    for (const container of visible) {
      if (on) current.add(container.id)
      else current.delete(container.id)
    }
    views.getState().setSelected(current)
  }

  const renderRow = (row: ContainerGridRow, placement: RowPlacement): ReactElement =>
    row.kind === 'group' ? (
      <GroupRow key={rowKey(row)} {...row} placement={placement} onToggle={onToggleProject} />
    ) : (
      <ContainerRow
        key={row.container.id}
        container={row.container}
        placement={placement}
        selected={selected.has(row.container.id)}
        pending={pending[row.container.id]}
        nowMs={nowMs}
        onSelect={onSelect}
        onAction={onAction}
        onSnapshot={onSnapshot}
        onOpen={onOpen}
      />
    )

  return (
    <VirtualGrid
      label="Containers"
      className="containers-grid"
      items={rows}
      rowHeight={ROW_HEIGHT}
      columns={COLUMNS}
      getKey={rowKey}
      renderRow={renderRow}
      initialOffset={views.getState().scrollOffsets.containers}
      onScrollOffset={onScrollOffset}
      empty={
        <div>
          <p>{emptyText}</p>
          {emptyAction}
        </div>
      }
      header={
        <>
          <div role="columnheader" className="cell cell-check">
            <input
              type="checkbox"
              aria-label="Select all"
              checked={allSelected}
              ref={(element) => {
                if (element) element.indeterminate = someSelected
              }}
              disabled={visible.length === 0}
              onChange={(event) => selectAll(event.currentTarget.checked)}
            />
          </div>
          <div role="columnheader" className="cell">Name</div>
          <div role="columnheader" className="cell">Image</div>
          <div role="columnheader" className="cell">State</div>
          <div role="columnheader" className="cell">Usage</div>
          <div role="columnheader" className="cell">Ports</div>
          <div role="columnheader" className="cell">Created</div>
          <div role="columnheader" className="cell cell-actions-head">
            Actions
          </div>
        </>
      }
    />
  )
}
