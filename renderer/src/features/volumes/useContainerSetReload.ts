/**
 * Re-reads a list whose rows say which containers use them (volumes, networks) when containers
 * come or go. Creating or removing a container sends no volume or network event (a removed
 * container still held its volumes), so while such a page is open it watches the containers
 * store, which every container event updates, and re-reads after the set of ids changed.
 * Also reads once on mount: the list may be older than the page.
 */
import { useEffect } from 'react'
import type { ContainersStore } from '../../stores/containers'
import type { ListStore } from '../../stores/listStore'

export function useContainerSetReload<T>(containers: ContainersStore, list: ListStore<T>, delayMs = 300): void {
  useEffect(() => {
    void list.getState().load()
    let timer: ReturnType<typeof setTimeout> | null = null
    const unsubscribe = containers.subscribe((state, previous) => {
      if (state.byId === previous.byId) return
      const sameSet = state.byId.size === previous.byId.size && [...state.byId.keys()].every((id) => previous.byId.has(id))
      if (sameSet) return
      if (timer) clearTimeout(timer)
      timer = setTimeout(() => {
        timer = null
        void list.getState().load()
      }, delayMs)
    })
    return () => {
      unsubscribe()
      if (timer) clearTimeout(timer)
    }
  }, [containers, list, delayMs])
}
