/** Discovered engines, which one is active, and its connection state. */
import { createStore, type StoreApi } from 'zustand/vanilla'
import type { RpcClient } from '../api/client'
import type { ConnectionState, EngineSummary } from '../../../shared/models'
import { describeError } from './describeError'

export interface EnginesState {
  engines: EngineSummary[]
  loaded: boolean
  loadError: string | null
  /** Set while switching engines, so the picker can show it. */
  switchingTo: string | null
  switchError: string | null
  load(): Promise<void>
  /** Applies one engine's fresh summary from the event stream; returns its previous state. */
  apply(engine: EngineSummary): ConnectionState | undefined
  use(id: string): Promise<boolean>
  dismissSwitchError(): void
}

export type EnginesStore = StoreApi<EnginesState>

export function selectActiveEngine(state: EnginesState): EngineSummary | undefined {
  return state.engines.find((engine) => engine.active)
}

export function createEnginesStore(client: RpcClient): EnginesStore {
  return createStore<EnginesState>()((set, get) => ({
    engines: [],
    loaded: false,
    loadError: null,
    switchingTo: null,
    switchError: null,
    async load() {
      try {
        const engines = await client.call('engines.list', {})
        set({ engines, loaded: true, loadError: null })
      } catch (err) {
        set({ loadError: describeError(err) })
      }
    },
    apply(engine) {
      const previous = get().engines.find((known) => known.id === engine.id)
      set((state) => {
        const others = state.engines.filter((known) => known.id !== engine.id)
        // Only one engine is active: a newly active one demotes the rest.
        const rest = engine.active ? others.map((known) => (known.active ? { ...known, active: false } : known)) : others
        const engines = previous
          ? state.engines.map((known) => (known.id === engine.id ? engine : (rest.find((r) => r.id === known.id) ?? known)))
          : [...rest, engine]
        return { engines, loaded: true }
      })
      return previous?.state
    },
    async use(id) {
      set({ switchingTo: id, switchError: null })
      try {
        const chosen = await client.call('engines.use', { id })
        get().apply({ ...chosen, active: true })
        set({ switchingTo: null })
        return true
      } catch (err) {
        const name = get().engines.find((engine) => engine.id === id)?.name ?? id
        set({ switchingTo: null, switchError: `Couldn't switch to ${name}: ${describeError(err)}` })
        return false
      }
    },
    dismissSwitchError() {
      set({ switchError: null })
    }
  }))
}
