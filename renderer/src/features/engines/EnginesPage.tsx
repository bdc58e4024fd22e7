import type { ReactElement } from 'react'
import type { ConnectionState, EngineKind } from '../../../../shared/models'
import { Spinner } from '../../components/Spinner'
import { useSlice, useStores } from '../../stores/context'
import { switchEngine } from '../../stores/events'
import { NativeEngineSetup } from '../setup/NativeEngineSetup'

const KIND_LABEL: Record<EngineKind, string> = { unix: 'Unix socket', npipe: 'Named pipe', tcp: 'TCP', ssh: 'SSH' }

export const STATE_LABEL: Record<ConnectionState, string> = {
  connected: 'Connected',
  connecting: 'Connecting…',
  unavailable: 'Engine unavailable'
}

const STATE_TONE: Record<ConnectionState, string> = { connected: 'ok', connecting: 'warn', unavailable: 'bad' }

export function EnginesPage(): ReactElement {
  const stores = useStores()
  const engines = useSlice(stores.engines, (s) => s.engines)
  const switchingTo = useSlice(stores.engines, (s) => s.switchingTo)

  async function use(id: string): Promise<void> {
    await switchEngine(stores, id)
  }

  return (
    <section className="page" aria-labelledby="engines-heading">
      <header className="page-header">
        <h1 id="engines-heading">Engines</h1>
        <span className="page-summary">Docker engines Berth found: this machine's, your docker contexts, and SSH remotes.</span>
      </header>
      {engines.length === 0 ? <p className="grid-empty">No engines found yet.</p> : null}
      <ul className="engine-cards">
        {engines.map((engine) => (
          <li key={engine.id} className={engine.active ? 'engine-card is-active' : 'engine-card'} aria-label={engine.name}>
            <div className="engine-head">
              <span className="engine-name">{engine.name}</span>
              {engine.active ? <span className="tag-chip tag-accent">Active</span> : null}
              <span className={`badge badge-${STATE_TONE[engine.state]}`}>
                <span className="badge-dot" aria-hidden="true" />
                {STATE_LABEL[engine.state]}
              </span>
            </div>
            <dl className="engine-facts">
              <dt>Kind</dt>
              <dd>{KIND_LABEL[engine.kind]}</dd>
              <dt>Endpoint</dt>
              <dd className="mono">{engine.endpoint}</dd>
              <dt>Version</dt>
              <dd>{engine.version ?? '—'}</dd>
              <dt>Found via</dt>
              <dd>{engine.source}</dd>
            </dl>
            {engine.error ? <p className="engine-error">{engine.error}</p> : null}
            <button
              type="button"
              className={engine.active ? 'btn' : 'btn btn-primary'}
              aria-label={`Use ${engine.name}`}
              disabled={engine.active || switchingTo !== null}
              onClick={() => void use(engine.id)}
            >
              {switchingTo === engine.id ? <Spinner /> : null}
              {engine.active ? 'In use' : 'Use'}
            </button>
          </li>
        ))}
      </ul>
      <NativeEngineSetup />
    </section>
  )
}
