/**
 * The registries the Registries page lists, with who is logged in to each, and which one is
 * selected. One store per client (kept beside it, not in the app-wide set): the login dialog,
 * which any page may open, updates the same store the page shows.
 */
import { createStore, type StoreApi } from 'zustand/vanilla'
import type { RpcClient } from '../../api/client'
import type { LoginStatus, RegistryEntry } from '../../../../shared/registries-models'
import { DOCKER_HUB_ID } from '../../../../shared/registries-models'
import { describeError } from '../../stores/describeError'

export interface RegistriesState {
  entries: RegistryEntry[]
  loaded: boolean
  loadError: string | null
  selectedId: string
  load(): Promise<void>
  select(id: string): void
  /** A login or logout happened (here or in the dialog): show the new state at once. */
  setLogin(status: LoginStatus): void
  added(entry: RegistryEntry): void
  removed(id: string): void
}

export type RegistriesStore = StoreApi<RegistriesState>

const stores = new WeakMap<RpcClient, RegistriesStore>()

export function registriesStoreFor(client: RpcClient): RegistriesStore {
  let store = stores.get(client)
  if (!store) {
    store = createRegistriesStore(client)
    stores.set(client, store)
  }
  return store
}

function createRegistriesStore(client: RpcClient): RegistriesStore {
  let generation = 0
  return createStore<RegistriesState>()((set, get) => ({
    entries: [],
    loaded: false,
    loadError: null,
    selectedId: DOCKER_HUB_ID,
    async load() {
      const mine = ++generation
      try {
        const entries = await client.call('registries.list', {})
        if (mine !== generation) return
        const selectedId = entries.some((entry) => entry.id === get().selectedId) ? get().selectedId : DOCKER_HUB_ID
        set({ entries, loaded: true, loadError: null, selectedId })
      } catch (err) {
        if (mine === generation) set({ loadError: describeError(err) })
      }
    },
    select: (selectedId) => set({ selectedId }),
    setLogin(status) {
      const entries = get().entries
      if (entries.some((entry) => entry.id === status.registry)) {
        set({ entries: entries.map((entry) => (entry.id === status.registry ? { ...entry, login: status } : entry)) })
      }
      // A login to a registry not listed yet (from a pull error) makes it appear: re-read.
      else void get().load()
    },
    added(entry) {
      generation++
      set({ entries: [...get().entries.filter((known) => known.id !== entry.id), entry], selectedId: entry.id })
    },
    removed(id) {
      generation++
      const entries = get().entries.filter((entry) => entry.id !== id)
      set({ entries, selectedId: get().selectedId === id ? DOCKER_HUB_ID : get().selectedId })
    }
  }))
}

/** "Logged in as berth" / "Not logged in" / the helper's problem, for the list and the header. */
export function loginText(login: LoginStatus): string {
  if (login.problem) return `Login state unknown: ${login.problem}`
  return login.username ? `Logged in as ${login.username}` : 'Not logged in'
}

/** Where docker (and Berth) keeps this registry's secret: "by docker-credential-pass" / "in …/config.json (base64, not encrypted)". */
export function storedInText(login: LoginStatus): string {
  return login.storedIn.kind === 'helper'
    ? `by docker-credential-${login.storedIn.helper}`
    : `in ${login.storedIn.path} (base64, not encrypted)`
}
