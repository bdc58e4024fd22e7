/**
 * The Terminal tab of container details: several terminals per container (tabs with names and
 * close buttons), a shell by default or the container's own TTY ("Attach"), the exit code and
 * a restart when the process ends. Sessions live in the terminals store, not here.
 */
import { useEffect, useRef, useSyncExternalStore, type ReactElement } from 'react'
import { useStore } from 'zustand'
import { shortId } from '../../lib/format'
import { useSlice, useStores } from '../../stores/context'
import type { DetailsTabProps } from '../details/tabProps'
import { terminalsStoreFor, type TerminalEntry } from './terminalStore'
import { TerminalView } from './TerminalView'

const titleOf = (entry: TerminalEntry): string => `Terminal ${entry.number}${entry.mode === 'attach' ? ' (attached)' : ''}`

export function TerminalTab({ containerId, visible }: DetailsTabProps): ReactElement {
  const stores = useStores()
  const terminals = terminalsStoreFor(stores.client)
  const connected = useSlice(stores.connection, (state) => state.transport === 'open')
  const name = useSlice(stores.containers, (state) => state.byId.get(containerId)?.name) ?? shortId(containerId)
  const allEntries = useStore(terminals, (state) => state.entries)
  const activeKey = useStore(terminals, (state) => state.active[containerId])
  const entries = allEntries.filter((entry) => entry.containerId === containerId)
  const active = entries.find((entry) => entry.key === activeKey) ?? entries[entries.length - 1]

  // The first time the tab is shown for a container with no terminal, open one: that is why
  // people open this tab. Not while hidden, so opening details never starts a shell by itself.
  const autoOpened = useRef(false)
  useEffect(() => {
    if (!visible || !connected || autoOpened.current) return
    autoOpened.current = true
    if (!terminals.getState().entries.some((entry) => entry.containerId === containerId)) terminals.getState().open(containerId, 'exec')
  }, [visible, connected, containerId, terminals])

  return (
    <div className="terminal-tab">
      <div className="terminal-bar">
        <div role="tablist" aria-label={`Terminals for ${name}`} className="terminal-tabs">
          {entries.map((entry) => (
            <div key={entry.key} className="terminal-tab-item" data-active={entry === active ? 'true' : undefined}>
              <button
                type="button"
                role="tab"
                aria-selected={entry === active}
                className="terminal-tab-name"
                onClick={() => terminals.getState().select(containerId, entry.key)}
              >
                {titleOf(entry)}
              </button>
              <button
                type="button"
                className="terminal-tab-close"
                aria-label={`Close terminal ${entry.number}`}
                title={`Close terminal ${entry.number}`}
                onClick={() => terminals.getState().close(entry.key)}
              >
                ×
              </button>
            </div>
          ))}
        </div>
        <button type="button" className="btn btn-small" onClick={() => terminals.getState().open(containerId, 'exec')}>
          New terminal
        </button>
        <button
          type="button"
          className="btn btn-small"
          title="Attach to the container's own terminal (containers created with -it)"
          onClick={() => terminals.getState().open(containerId, 'attach')}
        >
          Attach
        </button>
      </div>
      {active ? (
        <ActiveTerminal key={active.key} entry={active} label={`Terminal for ${name}`} visible={visible} />
      ) : (
        <p className="terminal-empty">No terminal is open. Choose “New terminal” to start a shell in {name}.</p>
      )}
    </div>
  )
}

function ActiveTerminal({ entry, label, visible }: { entry: TerminalEntry; label: string; visible: boolean }): ReactElement {
  const session = entry.session
  const state = useSyncExternalStore(session.subscribe, () => session.state)
  return (
    <div className="terminal-body">
      <TerminalView session={session} label={label} visible={visible} />
      {state.status === 'opening' && <p className="terminal-status" role="status">Opening {entry.mode === 'attach' ? 'the container’s terminal' : 'a shell'}…</p>}
      {state.status === 'exited' && (
        <div className="terminal-status" role="status">
          <span>{state.exitCode === null ? 'Process exited' : `Process exited with code ${state.exitCode}`}</span>
          <button type="button" className="btn btn-small" onClick={() => session.restart()}>
            Restart session
          </button>
        </div>
      )}
      {state.status === 'failed' && (
        <div className="terminal-status terminal-status-failed" role="alert">
          <span>{state.error}</span>
          <button type="button" className="btn btn-small" onClick={() => session.restart()}>
            Restart session
          </button>
        </div>
      )}
    </div>
  )
}
