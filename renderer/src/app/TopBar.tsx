import type { ReactElement } from 'react'
import { engineLabel } from '../../../shared/engine-identity'
import type { ConnectionState } from '../../../shared/models'
import { STATE_LABEL } from '../features/engines/stateLabels'
import { useSlice, useStores } from '../stores/context'
import { selectActiveEngine } from '../stores/engines'
import { switchEngine } from '../stores/events'

/** What the status pill says: the engine's state, or "Connecting…" while Berth itself is unreachable. */
export function useShownConnection(): ConnectionState {
  const stores = useStores()
  const transport = useSlice(stores.connection, (s) => s.transport)
  const engineState = useSlice(stores.engines, (s) => selectActiveEngine(s)?.state)
  const loaded = useSlice(stores.engines, (s) => s.loaded)
  if (transport !== 'open' || !loaded) return 'connecting'
  return engineState ?? 'unavailable'
}

export function TopBar(): ReactElement {
  const stores = useStores()
  const engines = useSlice(stores.engines, (s) => s.engines)
  const active = useSlice(stores.engines, selectActiveEngine)
  const switchingTo = useSlice(stores.engines, (s) => s.switchingTo)
  const shown = useShownConnection()

  async function pick(id: string): Promise<void> {
    await switchEngine(stores, id)
  }

  return (
    <header className="topbar">
      <label className="engine-picker">
        <span className="engine-picker-label">Engine</span>
        <select
          className="select"
          aria-label="Engine"
          value={switchingTo ?? active?.id ?? ''}
          disabled={engines.length === 0 || switchingTo !== null}
          onChange={(event) => void pick(event.currentTarget.value)}
        >
          {active ? null : <option value="">{engines.length === 0 ? 'No engines found' : 'Pick an engine'}</option>}
          {engines.map((engine) => (
            <option key={engine.id} value={engine.id}>
              {`${engine.name} — ${STATE_LABEL[engine.state]}`}
            </option>
          ))}
        </select>
      </label>
      <span className="topbar-spacer" />
      {active?.version && shown === 'connected' ? (
        <span className="engine-version">{active.identity ? engineLabel(active.identity) : `Engine ${active.version}`}</span>
      ) : null}
      <span role="status" aria-label="Engine connection" className={`status-pill status-${shown}`}>
        <span className="status-dot" aria-hidden="true" />
        {STATE_LABEL[shown]}
      </span>
    </header>
  )
}
