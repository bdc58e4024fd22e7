/** The app, loaded by boot.ts once the transport exists: build the stores, start the event sync, render. */
import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { RpcClient } from './api/client'
import { bootTransport as transport } from './api/bootTransport'
import { App } from './app/App'
import { pageFromHash } from './app/pages'
import { StoresContext } from './stores/context'
import { startEventSync } from './stores/events'
import { createBerthStores } from './stores/index'
import { seedFromPrefetch } from './stores/prefetchSeed'
import './styles/base.css'
import './styles/shell.css'
import './styles/grid.css'
import './styles/controls.css'

const client = new RpcClient(transport)
const stores = createBerthStores(client, transport, pageFromHash(window.location.hash) ?? 'containers')
seedFromPrefetch(stores, transport)
startEventSync(stores, transport)

const rootElement = document.getElementById('root')
if (!rootElement) throw new Error('Berth: index.html has no #root element')

createRoot(rootElement).render(
  <StrictMode>
    <StoresContext.Provider value={stores}>
      <App />
    </StoresContext.Provider>
  </StrictMode>
)
