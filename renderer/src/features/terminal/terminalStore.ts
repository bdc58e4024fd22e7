/**
 * The terminals that exist, per container, kept outside React so they survive the Terminal tab
 * being hidden, the details view closing and page switches. One store per RpcClient (the app
 * has one; tests build their own), so tests never share sessions.
 */
import { createStore, type StoreApi } from 'zustand/vanilla'
import type { RpcClient } from '../../api/client'
import { TerminalSession } from './terminalSession'

export interface TerminalEntry {
  key: number
  containerId: string
  /** Shown to people: "Terminal 2"; numbers are per container and never reused while it lives. */
  number: number
  mode: 'exec' | 'attach'
  session: TerminalSession
}

export interface TerminalsState {
  entries: readonly TerminalEntry[]
  /** The selected terminal of each container. */
  active: Readonly<Record<string, number>>
  open(containerId: string, mode: 'exec' | 'attach'): TerminalEntry
  close(key: number): void
  select(containerId: string, key: number): void
}

export type TerminalsStore = StoreApi<TerminalsState>

function createTerminalsStore(client: RpcClient): TerminalsStore {
  let nextKey = 1
  const counters = new Map<string, number>()
  return createStore<TerminalsState>()((set, get) => ({
    entries: [],
    active: {},
    open(containerId, mode) {
      const number = (counters.get(containerId) ?? 0) + 1
      counters.set(containerId, number)
      const entry: TerminalEntry = { key: nextKey++, containerId, number, mode, session: new TerminalSession(client, containerId, mode) }
      entry.session.start()
      set({ entries: [...get().entries, entry], active: { ...get().active, [containerId]: entry.key } })
      return entry
    },
    close(key) {
      const entry = get().entries.find((candidate) => candidate.key === key)
      if (!entry) return
      entry.session.close()
      const entries = get().entries.filter((candidate) => candidate !== entry)
      const active = { ...get().active }
      if (active[entry.containerId] === key) {
        const siblings = entries.filter((candidate) => candidate.containerId === entry.containerId)
        if (siblings.length > 0) active[entry.containerId] = siblings[siblings.length - 1].key
        else delete active[entry.containerId]
      }
      set({ entries, active })
    },
    select(containerId, key) {
      set({ active: { ...get().active, [containerId]: key } })
    }
  }))
}

const storesByClient = new WeakMap<RpcClient, TerminalsStore>()

export function terminalsStoreFor(client: RpcClient): TerminalsStore {
  let store = storesByClient.get(client)
  if (!store) {
    store = createTerminalsStore(client)
    storesByClient.set(client, store)
  }
  return store
}
