import { createContext, useContext } from 'react'
import { useStore, type StoreApi } from 'zustand'
import type { BerthStores } from './index'

export const StoresContext = createContext<BerthStores | null>(null)

export function useStores(): BerthStores {
  const stores = useContext(StoresContext)
  if (!stores) throw new Error('useStores() needs a <StoresContext.Provider> above it')
  return stores
}

/** Subscribes a component to one slice of one store. */
export function useSlice<S, T>(store: StoreApi<S>, selector: (state: S) => T): T {
  return useStore(store, selector)
}
