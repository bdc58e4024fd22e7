/**
 * Engines: every engine Berth found or the person added, each with its status (kept honest by
 * health checks on every engine, live through engines.watch while this page is open), where it
 * is and what it is; switching the active engine; adding SSH remotes; renaming and removing
 * added ones; and, at the bottom, the Berth VM and the one-click native engine setup.
 */
import { useCallback, useEffect, useMemo, useState, type ReactElement } from 'react'
import type { EngineSummary } from '../../../../shared/models'
import { ErrorAlerts, type ShownError } from '../../components/ErrorAlerts'
import { useNow } from '../../lib/useNow'
import { useSlice, useStores } from '../../stores/context'
import { describeError } from '../../stores/describeError'
import { switchEngine } from '../../stores/events'
import { NativeEngineSetup } from '../setup/NativeEngineSetup'
import { VmSection } from '../vm/VmSection'
import { AddRemoteDialog } from './AddRemoteDialog'
import { EngineCard } from './EngineCard'
import { AnswerEngineDialog, RemoveEngineDialog, RenameEngineDialog } from './EngineDialogs'
import { engineActions, type EngineActionContext } from './engineActions'
import '../../styles/engines.css'

type PageDialog = { kind: 'add' } | { kind: 'rename' | 'remove' | 'answer'; engine: EngineSummary }

export function EnginesPage(): ReactElement {
  const stores = useStores()
  const engines = useSlice(stores.engines, (s) => s.engines)
  const switchingTo = useSlice(stores.engines, (s) => s.switchingTo)
  const transport = useSlice(stores.connection, (s) => s.transport)
  const [dialog, setDialog] = useState<PageDialog | null>(null)
  const [refreshing, setRefreshing] = useState<ReadonlySet<string>>(new Set())
  const [errors, setErrors] = useState<ShownError[]>([])
  const now = useNow(5_000)

  // Every engine's status, live, while the page is shown (and again after Berth's link returns).
  useEffect(() => (transport === 'open' ? stores.engines.getState().watch() : undefined), [stores, transport])

  const closeDialog = useCallback(() => setDialog(null), [])
  const context: EngineActionContext = useMemo(
    () => ({
      switchingTo,
      refreshing,
      use: (engine) => void switchEngine(stores, engine.id),
      answer: (engine) => setDialog({ kind: 'answer', engine }),
      rename: (engine) => setDialog({ kind: 'rename', engine }),
      remove: (engine) => setDialog({ kind: 'remove', engine }),
      refresh(engine) {
        setRefreshing((current) => new Set([...current, engine.id]))
        stores.engines
          .getState()
          .refresh(engine.id)
          .catch((err: unknown) => setErrors((current) => [...current, { key: Date.now(), message: `${engine.name}: ${describeError(err)}` }]))
          .finally(() => setRefreshing((current) => new Set([...current].filter((id) => id !== engine.id))))
      }
    }),
    [stores, switchingTo, refreshing]
  )

  const connected = engines.filter((e) => e.state === 'connected').length
  return (
    <section className="page page-scrolls" aria-labelledby="engines-heading">
      <header className="page-header">
        <h1 id="engines-heading">Engines</h1>
        <span className="page-summary">
          {engines.length === 0 ? 'Docker engines: this machine’s, your docker contexts, and SSH remotes.' : `${engines.length} engines, ${connected} connected`}
        </span>
        <span className="toolbar-spacer" />
        <button type="button" className="btn btn-primary" onClick={() => setDialog({ kind: 'add' })}>
          Add remote engine…
        </button>
      </header>
      <ErrorAlerts errors={errors} onDismiss={(key) => setErrors((current) => current.filter((e) => e.key !== key))} />
      {engines.length === 0 ? <p className="grid-empty">No engines found yet.</p> : null}
      <ul className="engine-cards" aria-label="Engines">
        {engines.map((engine) => (
          <EngineCard
            key={engine.id}
            engine={engine}
            now={now}
            actions={engineActions(engine, context)}
            busyAction={switchingTo === engine.id ? 'use' : refreshing.has(engine.id) ? 'refresh' : undefined}
          />
        ))}
      </ul>
      <VmSection />
      <NativeEngineSetup />
      {dialog?.kind === 'add' ? <AddRemoteDialog onClose={closeDialog} /> : null}
      {dialog?.kind === 'rename' ? <RenameEngineDialog engine={dialog.engine} onClose={closeDialog} /> : null}
      {dialog?.kind === 'remove' ? <RemoveEngineDialog engine={dialog.engine} onClose={closeDialog} /> : null}
      {dialog?.kind === 'answer' ? <AnswerEngineDialog engine={dialog.engine} onClose={closeDialog} /> : null}
    </section>
  )
}
