/**
 * Registries: Docker Hub, the registries added in Berth and those the docker CLI is logged in
 * to, in a side list with their login state; the selected one is browsed on the right (a v2
 * registry's repositories and tags) or searched (Docker Hub).
 */
import { useEffect, useState, type ReactElement } from 'react'
import { plural } from '../../lib/format'
import { useSlice, useStores } from '../../stores/context'
import { AddRegistryDialog } from './AddRegistryDialog'
import { HubPane } from './HubPane'
import { RegistryBrowser } from './RegistryBrowser'
import { RegistryList } from './RegistryList'
import { registriesStoreFor } from './registriesStore'
import '../../styles/registries.css'

export function RegistriesPage(): ReactElement {
  const { client } = useStores()
  const store = registriesStoreFor(client)
  const entries = useSlice(store, (s) => s.entries)
  const loaded = useSlice(store, (s) => s.loaded)
  const loadError = useSlice(store, (s) => s.loadError)
  const selectedId = useSlice(store, (s) => s.selectedId)
  const [adding, setAdding] = useState(false)
  const selected = entries.find((entry) => entry.id === selectedId) ?? null

  useEffect(() => {
    void store.getState().load()
  }, [store])

  return (
    <section className="page" aria-labelledby="registries-heading">
      <header className="page-header">
        <h1 id="registries-heading">Registries</h1>
        <span className="page-summary">{loaded ? plural(entries.length, 'registry', 'registries') : null}</span>
      </header>
      <div className="reg-layout">
        <RegistryList entries={entries} selectedId={selectedId} loadError={loaded ? null : loadError} onSelect={(id) => store.getState().select(id)} onAdd={() => setAdding(true)} />
        <div className="reg-main">
          {selected === null ? (
            <p className="muted">{loadError ? `Couldn't read the registries: ${loadError}` : 'Loading registries…'}</p>
          ) : selected.kind === 'hub' ? (
            <HubPane entry={selected} />
          ) : (
            // A new login (or logout) shows the registry afresh, as that user sees it.
            <RegistryBrowser key={`${selected.id}\n${selected.login.username ?? ''}`} entry={selected} />
          )}
        </div>
      </div>
      {adding ? <AddRegistryDialog onClose={() => setAdding(false)} /> : null}
    </section>
  )
}
