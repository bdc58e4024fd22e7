/**
 * A store for a list the engine owns and the app only shows (images, volumes, networks).
 * Reads replace the whole list; a failed read keeps what was there, so a dropped engine never
 * blanks the page, and records the error in words.
 */
import { createStore, type StoreApi } from 'zustand/vanilla'
import { describeError } from './describeError'

export interface ListState<T> {
  items: T[]
  /** False until the first successful read: lets pages tell "loading" from "empty". */
  loaded: boolean
  loading: boolean
  loadError: string | null
  load(): Promise<void>
  /** Items for the first render from a list the server pushed ahead of the read (see containers.ts's seed). */
  seed(items: readonly T[]): void
  /** Forgets the list (another engine was picked: these items are not on it). */
  clear(): void
}

export type ListStore<T> = StoreApi<ListState<T>>

export function createListStore<T>(read: () => Promise<T[]>, sort: (a: T, b: T) => number): ListStore<T> {
  // Reads can overlap (an event burst, then a reconnect): only the newest answer is kept.
  let generation = 0
  return createStore<ListState<T>>()((set, get) => ({
    items: [],
    loaded: false,
    loading: false,
    loadError: null,
    seed(items) {
      if (!get().loaded && get().items.length === 0) set({ items: [...items].sort(sort), loaded: true })
    },
    clear() {
      generation++
      set({ items: [], loaded: false, loading: false, loadError: null })
    },
    async load() {
      const mine = ++generation
      set({ loading: true })
      try {
        const items = [...(await read())].sort(sort)
        if (mine === generation) set({ items, loaded: true, loading: false, loadError: null })
      } catch (err) {
        if (mine === generation) set({ loading: false, loadError: describeError(err) })
      }
    }
  }))
}
