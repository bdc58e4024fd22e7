import { Suspense, useState, type ReactElement } from 'react'
import { Icon } from '../../components/Icon'
import { SearchBox } from '../../components/SearchBox'
import { Spinner } from '../../components/Spinner'
import { useSlice, useStores } from '../../stores/context'
import type { StateFilter } from '../../stores/views'
import { lazyNamed } from '../../lib/lazyNamed'

const PruneDialog = lazyNamed(async () => (await import('../snapshots/PruneDialog')).PruneDialog)

const FILTERS: Array<[StateFilter, string]> = [
  ['all', 'All states'],
  ['running', 'Running'],
  ['paused', 'Paused'],
  ['stopped', 'Stopped']
]

export function ContainersToolbar({ onRefresh, refreshing }: { onRefresh: () => void; refreshing: boolean }): ReactElement {
  const { views } = useStores()
  const search = useSlice(views, (s) => s.containerSearch)
  const stateFilter = useSlice(views, (s) => s.stateFilter)
  const groupByProject = useSlice(views, (s) => s.groupByProject)
  const [pruning, setPruning] = useState(false)
  return (
    <div className="toolbar" role="toolbar" aria-label="Container list options">
      <SearchBox
        label="Search containers"
        placeholder="Search name, image, id or project"
        value={search}
        onChange={(text) => views.getState().setContainerSearch(text)}
      />
      <select
        className="select"
        aria-label="State filter"
        title="Stopped means exited, created or dead"
        value={stateFilter}
        onChange={(event) => views.getState().setStateFilter(event.currentTarget.value as StateFilter)}
      >
        {FILTERS.map(([value, label]) => (
          <option key={value} value={value}>
            {label}
          </option>
        ))}
      </select>
      <label className="check">
        <input
          type="checkbox"
          checked={groupByProject}
          onChange={(event) => views.getState().setGroupByProject(event.currentTarget.checked)}
        />
        Group by Compose project
      </label>
      <span className="toolbar-spacer" />
      <button type="button" className="btn" onClick={onRefresh} aria-busy={refreshing || undefined}>
        {refreshing ? <Spinner /> : <Icon name="refresh" />}
        Refresh
      </button>
      <button
        type="button"
        className="btn"
        aria-label="Prune stopped containers"
        title="Remove stopped containers (you see which, and the space, before anything is removed)"
        onClick={() => setPruning(true)}
      >
        Prune…
      </button>
      {pruning ? (
        <Suspense fallback={null}>
          <PruneDialog onClose={() => setPruning(false)} />
        </Suspense>
      ) : null}
      <button type="button" className="btn btn-primary" onClick={() => views.getState().openRunDialog()}>
        <Icon name="play" />
        Run container
      </button>
    </div>
  )
}
