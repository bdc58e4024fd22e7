import { Suspense, useEffect, type ReactElement } from 'react'
import { lazyNamed } from '../lib/lazyNamed'
import { SetupEntryButton } from '../features/setup/SetupEntryButton'
import { useSlice, useStores } from '../stores/context'
import { selectActiveEngine } from '../stores/engines'

/**
 * Says in words what is wrong and what to do: Berth itself unreachable (browser mode lost its
 * socket) or the active engine down. Both fix themselves when the other side returns. When the
 * engine is down it also offers what one-click setup can do ("Start Docker", "Set up Docker…").
 * The setup dialog is mounted here because this banner is always mounted: a setup started from
 * it must survive the banner disappearing the moment the engine connects.
 */
export function ConnectionBanner(): ReactElement {
  const { setup } = useStores()
  const setupOpen = useSlice(setup, (s) => s.open)
  return (
    <>
      <BannerMessage />
      {setupOpen ? (
        <Suspense fallback={null}>
          <SetupDialog />
        </Suspense>
      ) : null}
    </>
  )
}

const SetupDialog = lazyNamed(async () => (await import('../features/setup/SetupDialog')).SetupDialog)

function BannerMessage(): ReactElement | null {
  const stores = useStores()
  const transport = useSlice(stores.connection, (s) => s.transport)
  const everConnected = useSlice(stores.connection, (s) => s.everConnected)
  const active = useSlice(stores.engines, selectActiveEngine)
  const loaded = useSlice(stores.engines, (s) => s.loaded)
  const switchError = useSlice(stores.engines, (s) => s.switchError)
  const haveRows = useSlice(stores.containers, (s) => s.loaded)
  const offer = useSlice(stores.setup, (s) => s.detection?.offer)
  const unavailable = transport === 'open' && loaded && (!active || active.state === 'unavailable')

  // Each time the engine becomes unavailable, look again at what this machine could do about it.
  const activeKey = `${active?.id ?? ''}:${active?.state ?? ''}`
  useEffect(() => {
    if (unavailable) void stores.setup.getState().detect()
  }, [unavailable, activeKey, stores.setup])

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
  if (unavailable) {
    const name = active?.name ?? 'the Docker engine'
    const canHelp = offer !== undefined && offer.action !== 'none'
    return (
      <div role="alert" className="banner banner-bad">
        <strong>Engine unavailable: Berth can't reach {name}.</strong>
        {active?.error ? <span>{active.error}</span> : null}
        {canHelp ? (
          <span>{offer.summary}</span>
        ) : (
          <span>
            Start Docker (or check that the engine at <span className="mono">{active?.endpoint ?? 'its socket'}</span> is running), or pick another
            engine on the Engines page.
          </span>
        )}
        <span>Berth reconnects by itself{haveRows ? '; the lists below are what the engine said last.' : '.'}</span>
        <SetupEntryButton small />
      </div>
    )
  }
  return null
}
