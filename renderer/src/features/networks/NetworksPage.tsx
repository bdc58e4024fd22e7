import type { ReactElement } from 'react'
import type { NetworkSummary } from '../../../../shared/models'
import { VirtualGrid, type RowPlacement } from '../../components/VirtualGrid'
import { notLoadedText, plural, shortId } from '../../lib/format'
import { useSlice, useStores } from '../../stores/context'

const COLUMNS = 'minmax(180px, 1.5fr) 120px 100px 90px minmax(160px, 1.5fr)'

export function NetworksPage(): ReactElement {
  const { networks } = useStores()
  const items = useSlice(networks, (s) => s.items)
  const loaded = useSlice(networks, (s) => s.loaded)
  const loadError = useSlice(networks, (s) => s.loadError)

  const renderRow = (network: NetworkSummary, placement: RowPlacement): ReactElement => (
    <div key={network.id} role="row" aria-label={network.name} aria-rowindex={placement.rowIndex} className="grid-row" style={placement.style}>
      <div role="gridcell" className="cell">
        <span className="name-line">{network.name}</span>
        {network.internal ? <span className="tag-chip">internal</span> : null}
      </div>
      <div role="gridcell" className="cell mono" title={network.id}>{shortId(network.id)}</div>
      <div role="gridcell" className="cell">{network.driver}</div>
      <div role="gridcell" className="cell">{network.scope}</div>
      <div role="gridcell" className="cell mono">{network.subnets.length > 0 ? network.subnets.join(', ') : <span className="muted">—</span>}</div>
    </div>
  )

  return (
    <section className="page" aria-labelledby="networks-heading">
      <header className="page-header">
        <h1 id="networks-heading">Networks</h1>
        <span className="page-summary">{loaded ? plural(items.length, 'network') : null}</span>
      </header>
      <VirtualGrid
        label="Networks"
        items={items}
        rowHeight={36}
        columns={COLUMNS}
        getKey={(network) => network.id}
        renderRow={renderRow}
        empty={<p>{loaded ? 'No networks.' : notLoadedText('networks', loadError)}</p>}
        header={
          <>
            <div role="columnheader" className="cell">Name</div>
            <div role="columnheader" className="cell">Network ID</div>
            <div role="columnheader" className="cell">Driver</div>
            <div role="columnheader" className="cell">Scope</div>
            <div role="columnheader" className="cell">Subnets</div>
          </>
        }
      />
    </section>
  )
}
