import { Suspense, useCallback, useMemo, useState, type ReactElement } from 'react'
import type { ContainerSummary } from '../../../../shared/models'
import { ErrorAlerts, type ShownError } from '../../components/ErrorAlerts'
import { SetupEntryButton } from '../setup/SetupEntryButton'
import { useSlice, useStores } from '../../stores/context'
import type { ContainerAction, RemoveOptions } from '../../stores/containers'
import { ContainersGrid } from './ContainersGrid'
import { ContainersToolbar } from './ContainersToolbar'
import { lazyNamed } from '../../lib/lazyNamed'
import { filterContainers } from './rows'
import { SelectionBar } from './SelectionBar'
import type { SnapshotKind } from './ContainerRow'
import { useSnapshotTasks } from '../snapshots/useSnapshotTasks'

const RemoveContainersDialog = lazyNamed(async () => (await import('./RemoveContainersDialog')).RemoveContainersDialog)

export function ContainersPage(): ReactElement {
  const { containers, views } = useStores()
  const sorted = useSlice(containers, (s) => s.sorted)
  const byId = useSlice(containers, (s) => s.byId)
  const loaded = useSlice(containers, (s) => s.loaded)
  const loadError = useSlice(containers, (s) => s.loadError)
  const errors = useSlice(containers, (s) => s.errors)
  const search = useSlice(views, (s) => s.containerSearch)
  const stateFilter = useSlice(views, (s) => s.stateFilter)
  const selectedIds = useSlice(views, (s) => s.selectedContainers)
  const [removing, setRemoving] = useState<readonly ContainerSummary[] | null>(null)
  const [refreshing, setRefreshing] = useState(false)
  const [snapshotErrors, setSnapshotErrors] = useState<readonly ShownError[]>([])
  const snapshots = useSnapshotTasks((message) => setSnapshotErrors((list) => [...list, { key: `${Date.now()}-${list.length}`, message }]))
  const { commit, exportFilesystem } = snapshots
  const onSnapshot = useCallback(
    (container: ContainerSummary, kind: SnapshotKind) => (kind === 'commit' ? commit : exportFilesystem)({ id: container.id, name: container.name }),
    [commit, exportFilesystem]
  )

  const visible = useMemo(() => filterContainers(sorted, search, stateFilter), [sorted, search, stateFilter])
  const selected = useMemo(
    () => [...selectedIds].map((id) => byId.get(id)).filter((c): c is ContainerSummary => c !== undefined),
    [selectedIds, byId]
  )
  const running = useMemo(() => sorted.filter((c) => c.state === 'running').length, [sorted])

  const onAction = useCallback(
    (id: string, action: ContainerAction) => {
      if (action === 'remove') {
        const target = containers.getState().byId.get(id)
        if (target) setRemoving([target])
        return
      }
      void containers.getState().run(id, action)
    },
    [containers]
  )

  function runOnSelection(action: ContainerAction, targets: readonly ContainerSummary[]): void {
    if (action === 'remove') {
      setRemoving(targets)
      return
    }
    for (const target of targets) void containers.getState().run(target.id, action)
  }

  function confirmRemove(options: RemoveOptions): void {
    const targets = removing ?? []
    setRemoving(null)
    for (const target of targets) void containers.getState().run(target.id, 'remove', options)
  }

  async function refresh(): Promise<void> {
    setRefreshing(true)
    await containers.getState().load()
    setRefreshing(false)
  }

  const emptyText = !loaded
    ? loadError
      ? `Nothing to show until Berth can read this engine's containers (${loadError})`
      : 'Loading containers…'
    : sorted.length === 0
      ? 'No containers yet. Containers you create with docker run or Compose show up here as soon as they exist.'
      : 'No containers match the search. Clear the search or pick another state filter.'

  return (
    <section className="page" aria-labelledby="containers-heading">
      <header className="page-header">
        <h1 id="containers-heading">Containers</h1>
        <span className="page-summary">
          {loaded ? `${running} running · ${sorted.length} total` : null}
          {loaded && visible.length !== sorted.length ? ` · ${visible.length} shown` : null}
        </span>
      </header>
      <ContainersToolbar onRefresh={() => void refresh()} refreshing={refreshing} />
      <SelectionBar selected={selected} onRun={runOnSelection} onClear={() => views.getState().setSelected([])} />
      <ErrorAlerts errors={errors} onDismiss={(key) => containers.getState().dismissError(Number(key))} />
      <ErrorAlerts errors={snapshotErrors} onDismiss={(key) => setSnapshotErrors((list) => list.filter((e) => e.key !== key))} />
      {snapshots.allProgress}
      <ContainersGrid visible={visible} emptyText={emptyText} emptyAction={!loaded && loadError ? <SetupEntryButton /> : null} onAction={onAction} onSnapshot={onSnapshot} />
      {snapshots.dialog}
      {removing ? (
        <Suspense fallback={null}>
          <RemoveContainersDialog targets={removing} onConfirm={confirmRemove} onCancel={() => setRemoving(null)} />
        </Suspense>
      ) : null}
    </section>
  )
}
