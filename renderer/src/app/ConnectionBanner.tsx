import type { ReactElement } from 'react'
import { useSlice, useStores } from '../stores/context'
import { selectActiveEngine } from '../stores/engines'

/**
 * Says in words what is wrong and what to do: Berth itself unreachable (browser mode lost its
 * socket) or the active engine down. Both fix themselves when the other side returns.
 */
export function ConnectionBanner(): ReactElement | null {
  const stores = useStores()
  const transport = useSlice(stores.connection, (s) => s.transport)
  const everConnected = useSlice(stores.connection, (s) => s.everConnected)
  const active = useSlice(stores.engines, selectActiveEngine)
  const loaded = useSlice(stores.engines, (s) => s.loaded)
  const switchError = useSlice(stores.engines, (s) => s.switchError)
  const haveRows = useSlice(stores.containers, (s) => s.loaded)

  if (transport !== 'open') {
    if (!everConnected) return null // first start: the status pill already says "Connecting…"
    return (
      <div role="alert" className="banner banner-warn">
        <strong>Lost the connection to Berth — reconnecting…</strong>
        <span>Your lists stay as they were until it is back; nothing you selected or typed is lost.</span>
      </div>
    )
  }
  if (switchError) {
    return (
      <div role="alert" className="banner banner-bad">
        <strong>{switchError}</strong>
        <button type="button" className="btn btn-small" onClick={() => stores.engines.getState().dismissSwitchError()}>
          Dismiss
        </button>
      </div>
    )
  }
  if (loaded && (!active || active.state === 'unavailable')) {
    const name = active?.name ?? 'the Docker engine'
    return (
      <div role="alert" className="banner banner-bad">
        <strong>Engine unavailable: Berth can't reach {name}.</strong>
        {active?.error ? <span>{active.error}</span> : null}
        <span>
          Start Docker (or check that the engine at <span className="mono">{active?.endpoint ?? 'its socket'}</span> is
          running), or pick another engine above. Berth reconnects by itself
          {haveRows ? '; the lists below are what the engine said last.' : '.'}
        </span>
      </div>
    )
  }
  return null
}
