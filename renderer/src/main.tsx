/** The renderer's entry: pick a transport, build the stores, start the event sync, render. */
import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { RpcClient } from './api/client'
import { createTransport } from './api/transport'
import { pageFromHash, App } from './app/App'
import { StoresContext } from './stores/context'
import { firstListFor, startEventSync } from './stores/events'
import { createBerthStores } from './stores/index'
import './styles/base.css'
import './styles/shell.css'
import './styles/grid.css'
import './styles/controls.css'

// Built before the stores (which need it): the first list follows the page in the address.
const transport = createTransport(() => `${firstListFor(pageFromHash(window.location.hash) ?? 'containers')}.list`)
const client = new RpcClient(transport)
const stores = createBerthStores(client, transport, pageFromHash(window.location.hash) ?? 'containers')
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
