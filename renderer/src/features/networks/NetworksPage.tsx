/**
 * The Networks page: every network with its driver, addresses and the containers on it; create,
 * details (endpoints with addresses and aliases), connect, disconnect, remove and prune. The list
 * follows network events; who is on each network is read apart (useNetworkUsage).
 */
import { useMemo, useState, type ReactElement } from 'react'
import type { NetworkRow } from '../../../../shared/networks-models'
import { SearchBox } from '../../components/SearchBox'
import { VirtualGrid, type RowPlacement } from '../../components/VirtualGrid'
import { notLoadedText, plural } from '../../lib/format'
import { useNow } from '../../lib/useNow'
import { useSlice, useStores } from '../../stores/context'
import { NetworkDialogs } from './NetworkDialogs'
import type { NetworkDialog } from './networkDialogs'
import { NetworkRowView } from './NetworkRowView'
import { useNetworkUsage, type NetworkUsageMap } from './useNetworkUsage'
import '../../styles/files.css'
import '../../styles/volumes-networks.css'

const COLUMNS = 'minmax(200px, 1.4fr) 80px 64px minmax(240px, 1.7fr) minmax(150px, 1.2fr) 124px 72px'
const ROW_HEIGHT = 40

function matches(network: NetworkRow, usage: NetworkUsageMap, search: string): boolean {
  if (!search) return true
  const needle = search.toLowerCase()
  return (
    network.name.toLowerCase().includes(needle) ||
    network.id.startsWith(needle) ||
    network.driver.includes(needle) ||
    network.ipam.some((pool) => pool.subnet.includes(needle)) ||
    (usage.get(network.id) ?? []).some((c) => c.name.toLowerCase().includes(needle))
  )
}

export function NetworksPage(): ReactElement {
  const { networks, containers, client } = useStores()
  const items = useSlice(networks, (s) => s.items)
  const loaded = useSlice(networks, (s) => s.loaded)
  const loadError = useSlice(networks, (s) => s.loadError)
  const [search, setSearch] = useState('')
  const [dialog, setDialog] = useState<NetworkDialog | null>(null)
  const nowMs = useNow()
  const usage = useNetworkUsage(client, items, containers)
  const visible = useMemo(() => items.filter((n) => matches(n, usage, search.trim())), [items, usage, search])
  const own = items.filter((n) => !n.predefined).length

  const renderRow = (network: NetworkRow, placement: RowPlacement): ReactElement => (
    <NetworkRowView key={network.id} network={network} containers={usage.get(network.id)} placement={placement} nowMs={nowMs} onDialog={setDialog} />
  )

  const emptyText = !loaded ? notLoadedText('networks', loadError) : 'No networks match.'
  return (
    <section className="page" aria-labelledby="networks-heading">
      <header className="page-header">
        <h1 id="networks-heading">Networks</h1>
        <span className="page-summary">{loaded ? `${plural(items.length, 'network')} · ${own} of your own` : null}</span>
      </header>
      <div className="toolbar" role="toolbar" aria-label="Network actions">
        <SearchBox label="Search networks" placeholder="Search name, id, subnet or container" value={search} onChange={setSearch} />
        <span className="toolbar-spacer" />
        <button type="button" className="btn" onClick={() => setDialog({ kind: 'prune' })}>
          Prune…
        </button>
        <button type="button" className="btn btn-primary" onClick={() => setDialog({ kind: 'create' })}>
          Create network
        </button>
      </div>
      <VirtualGrid
        label="Networks"
        items={visible}
        rowHeight={ROW_HEIGHT}
        columns={COLUMNS}
        getKey={(network) => network.id}
        renderRow={renderRow}
        empty={<p>{emptyText}</p>}
        header={
          <>
            <div role="columnheader" className="cell">Name</div>
            <div role="columnheader" className="cell">Driver</div>
            <div role="columnheader" className="cell">Scope</div>
            <div role="columnheader" className="cell">Subnet · gateway</div>
            <div role="columnheader" className="cell">Containers</div>
            <div role="columnheader" className="cell">Created</div>
            <div role="columnheader" className="cell"><span className="visually-hidden">Actions</span></div>
          </>
        }
      />
      {dialog ? <NetworkDialogs dialog={dialog} usage={usage} onDialog={setDialog} onClose={() => setDialog(null)} /> : null}
    </section>
  )
}
