/**
 * A container's details: a header (name, state, Rename, Commit…, Export, back to the list) and six tabs. Every
 * tab stays mounted once opened so a terminal keeps its session across tab switches; hidden
 * tabs get visible=false and stop costly work (stats streams) themselves.
 */
import { lazy, Suspense, useRef, useState, type KeyboardEvent, type ReactElement } from 'react'
import { ContainerState } from '../../../../shared/models'
import { ErrorAlerts, type ShownError } from '../../components/ErrorAlerts'
import { StateBadge } from '../../components/StateBadge'
import { Icon } from '../../components/Icon'
import { useSlice, useStores } from '../../stores/context'
import { DETAILS_TABS, type DetailsTab } from '../../stores/views'
import { SnapshotActions } from '../snapshots/SnapshotActions'
import { InspectTab } from './InspectTab'
import { OverviewTab } from './OverviewTab'
import { RenameDialog } from './RenameDialog'
import { useContainerDetails } from './useContainerDetails'
import '../../styles/run.css'
import '../../styles/details.css'

// The heavy tabs (xterm.js, uPlot) load when first opened: the list and Overview don't pay for them,
// and uPlot's module-time window probing never runs where no chart is shown.
const LogsTab = lazy(() => import('../logs/LogsTab').then((m) => ({ default: m.LogsTab })))
const TerminalTab = lazy(() => import('../terminal/TerminalTab').then((m) => ({ default: m.TerminalTab })))
const StatsTab = lazy(() => import('../stats/StatsTab').then((m) => ({ default: m.StatsTab })))
const FilesTab = lazy(() => import('../files/FilesTab').then((m) => ({ default: m.FilesTab })))

const TAB_LABEL: Record<DetailsTab, string> = {
  overview: 'Overview',
  logs: 'Logs',
  terminal: 'Terminal',
  stats: 'Stats',
  files: 'Files',
  inspect: 'Inspect'
}

export function ContainerDetails({ containerId }: { containerId: string }): ReactElement {
  const { views, containers } = useStores()
  const tab = useSlice(views, (s) => s.detailsTab)
  const summary = useSlice(containers, (s) => s.byId.get(containerId))
  const state = useContainerDetails(containerId)
  const { details, error, gone, reload } = state
  // Tabs mount on first visit and then stay mounted.
  const [visited, setVisited] = useState<ReadonlySet<DetailsTab>>(() => new Set([tab]))
  const [renaming, setRenaming] = useState(false)
  const [snapshotErrors, setSnapshotErrors] = useState<readonly ShownError[]>([])
  const tabRefs = useRef<Partial<Record<DetailsTab, HTMLButtonElement | null>>>({})

  if (!visited.has(tab)) setVisited(new Set(visited).add(tab))

  function choose(next: DetailsTab): void {
    views.getState().setDetailsTab(next)
    tabRefs.current[next]?.focus()
  }

  function onTabKey(event: KeyboardEvent<HTMLDivElement>): void {
    const at = DETAILS_TABS.indexOf(tab)
    const last = DETAILS_TABS.length - 1
    const moves: Record<string, number> = { ArrowRight: at === last ? 0 : at + 1, ArrowLeft: at === 0 ? last : at - 1, Home: 0, End: last }
    if (!(event.key in moves)) return
    event.preventDefault()
    choose(DETAILS_TABS[moves[event.key]])
  }

  const name = summary?.name ?? details?.name ?? containerId.slice(0, 12)
  const parsedState = ContainerState.safeParse(details?.state.status)
  const shownState = summary?.state ?? (parsedState.success ? parsedState.data : undefined)
  return (
    <section className="page details-page" aria-labelledby="details-heading">
      <header className="page-header details-header">
        <button type="button" className="btn btn-ghost" onClick={() => views.getState().closeContainer()}>
          <Icon name="chevron" className="icon-back" />
          Back to containers
        </button>
        <h1 id="details-heading">{name}</h1>
        {shownState ? <StateBadge state={shownState} /> : null}
        <span className="page-summary mono" title={containerId}>
          {containerId.slice(0, 12)}
        </span>
        <span className="toolbar-spacer" />
        <button type="button" className="btn" onClick={() => setRenaming(true)} disabled={gone}>
          Rename
        </button>
        <SnapshotActions
          containerId={containerId}
          containerName={name}
          disabled={gone}
          onError={(message) => setSnapshotErrors((list) => [...list, { key: `${Date.now()}-${list.length}`, message }])}
        />
      </header>
      <ErrorAlerts errors={snapshotErrors} onDismiss={(key) => setSnapshotErrors((list) => list.filter((e) => e.key !== key))} />
      {gone ? (
        <p className="alert alert-error" role="alert">
          This container no longer exists (it was removed). Go back to the list to pick another one.
        </p>
      ) : error ? (
        <p className="alert alert-error" role="alert">
          Couldn’t read this container’s details: {error}
        </p>
      ) : null}
      <div role="tablist" aria-label="Container details" className="tabs" onKeyDown={onTabKey}>
        {DETAILS_TABS.map((id) => (
          <button
            key={id}
            ref={(el) => {
              tabRefs.current[id] = el
            }}
            type="button"
            role="tab"
            id={`details-tab-${id}`}
            aria-selected={tab === id}
            aria-controls={`details-panel-${id}`}
            tabIndex={tab === id ? 0 : -1}
            className={tab === id ? 'tab is-current' : 'tab'}
            onClick={() => choose(id)}
          >
            {TAB_LABEL[id]}
          </button>
        ))}
      </div>
      {DETAILS_TABS.map((id) => (
        <div
          key={id}
          role="tabpanel"
          id={`details-panel-${id}`}
          aria-labelledby={`details-tab-${id}`}
          className="tab-panel"
          hidden={tab !== id}
        >
          {visited.has(id) ? <Suspense fallback={<p className="empty">Loading…</p>}>{renderTab(id, containerId, tab === id, state)}</Suspense> : null}
        </div>
      ))}
      {renaming && details ? (
        <RenameDialog
          containerId={containerId}
          currentName={name}
          onCancel={() => setRenaming(false)}
          onRenamed={() => {
            setRenaming(false)
            void reload()
          }}
        />
      ) : null}
    </section>
  )
}

function renderTab(id: DetailsTab, containerId: string, visible: boolean, state: ReturnType<typeof useContainerDetails>): ReactElement {
  switch (id) {
    case 'overview':
      return <OverviewTab containerId={containerId} visible={visible} details={state.details} reload={state.reload} />
    case 'logs':
      return <LogsTab containerId={containerId} visible={visible} />
    case 'terminal':
      return <TerminalTab containerId={containerId} visible={visible} />
    case 'stats':
      return <StatsTab containerId={containerId} visible={visible} />
    case 'files':
      return <FilesTab containerId={containerId} visible={visible} />
    case 'inspect':
      return <InspectTab containerId={containerId} visible={visible} details={state.details} />
  }
}
