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
  /** The pushed list the items were seeded from, until a read answers with that very list. */
  let seededFrom: readonly T[] | null = null
  return createStore<ListState<T>>()((set, get) => ({
    items: [],
    loaded: false,
    loading: false,
    loadError: null,
    seed(items) {
      if (get().loaded || get().items.length > 0) return
      seededFrom = items
      set({ items: [...items].sort(sort), loaded: true })
    },
    clear() {
      generation++
      seededFrom = null
      set({ items: [], loaded: false, loading: false, loadError: null })
    },
    async load() {
      const mine = ++generation
      set({ loading: true })
      try {
        const answer = await read()
        if (mine !== generation) return
        // Answered with the pushed list itself (see seed): the items already hold it, sorted.
        const items = answer === seededFrom ? get().items : [...answer].sort(sort)
        seededFrom = null
        set({ items, loaded: true, loading: false, loadError: null })
      } catch (err) {
        if (mine === generation) set({ loading: false, loadError: describeError(err) })
      }
    }
  }))
}
