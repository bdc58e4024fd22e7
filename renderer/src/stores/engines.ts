/**
 * Engines: every engine Berth knows (discovered and added), which one is active, and how each
 * one is. The active engine's state also arrives through events.watch; the Engines page keeps
 * every engine's status honest through engines.watch while it is open.
 */
import { createStore, type StoreApi } from 'zustand/vanilla'
import type { RpcClient } from '../api/client'
import type { EnginesWatchEvent } from '../../../shared/methods/engines'
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
  /** Follows every engine's changes (the Engines page); returns the unsubscribe. */
  watch(): () => void
  use(id: string): Promise<boolean>
  rename(id: string, name: string): Promise<void>
  remove(id: string): Promise<void>
  refresh(id: string): Promise<void>
  dismissSwitchError(): void
}

export type EnginesStore = StoreApi<EnginesState>

export function selectActiveEngine(state: EnginesState): EngineSummary | undefined {
  return state.engines.find((engine) => engine.active)
}

/** Where the active engine's published ports are reached (undefined: this machine). */
export function selectPortLinkHost(state: EnginesState): string | undefined {
  return selectActiveEngine(state)?.linkHost
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
    watch() {
      return client.stream(
        'engines.watch',
        {},
        {
          onEvent: (event: EnginesWatchEvent) => {
            if (event.type === 'list') set({ engines: event.engines, loaded: true, loadError: null })
            else if (event.type === 'engine') get().apply(event.engine)
            else set((state) => ({ engines: state.engines.filter((engine) => engine.id !== event.id) }))
          },
          onEnd: () => {}
        }
      )
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
    async rename(id, name) {
      get().apply(await client.call('engines.rename', { id, name }))
    },
    async remove(id) {
      await client.call('engines.remove', { id })
      set((state) => ({ engines: state.engines.filter((engine) => engine.id !== id) }))
    },
    async refresh(id) {
      get().apply(await client.call('engines.refresh', { id }))
    },
    dismissSwitchError() {
      set({ switchError: null })
    }
  }))
}
