/** The renderer's own link to Berth (the WebSocket in browser mode), not the engine's. */
import { createStore, type StoreApi } from 'zustand/vanilla'
import type { TransportState } from '../api/client'
import type { ObservableTransport } from '../api/transport'

export interface ConnectionState {
  transport: TransportState
  /** Distinguishes "starting up" from "lost it and reconnecting". */
  everConnected: boolean
}

export type ConnectionStore = StoreApi<ConnectionState>

export function createConnectionStore(transport: ObservableTransport): ConnectionStore {
  const store = createStore<ConnectionState>()(() => ({
    transport: transport.state,
    everConnected: transport.state === 'open'
  }))
  transport.onState((state) => {
    store.setState((prev) => ({ transport: state, everConnected: prev.everConnected || state === 'open' }))
  })
  return store
}
