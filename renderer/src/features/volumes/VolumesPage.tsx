import { useMemo, type ReactElement } from 'react'
import type { VolumeSummary } from '../../../../shared/models'
import { VirtualGrid, type RowPlacement } from '../../components/VirtualGrid'
import { notLoadedText, plural } from '../../lib/format'
import { useSlice, useStores } from '../../stores/context'

const COLUMNS = 'minmax(200px, 1.5fr) 100px minmax(200px, 2fr) 180px'

export function VolumesPage(): ReactElement {
  const { volumes } = useStores()
  const items = useSlice(volumes, (s) => s.items)
  const loaded = useSlice(volumes, (s) => s.loaded)
  const loadError = useSlice(volumes, (s) => s.loadError)
  const anonymous = useMemo(() => items.filter((v) => /^[0-9a-f]{64}$/.test(v.name)).length, [items])

  const renderRow = (volume: VolumeSummary, placement: RowPlacement): ReactElement => (
    <div key={volume.name} role="row" aria-label={volume.name} aria-rowindex={placement.rowIndex} className="grid-row" style={placement.style}>
      <div role="gridcell" className="cell mono-name" title={volume.name}>
        <span className="truncate">{volume.name}</span>
      </div>
      <div role="gridcell" className="cell">{volume.driver}</div>
      <div role="gridcell" className="cell mono" title={volume.mountpoint}>
        <span className="truncate">{volume.mountpoint}</span>
      </div>
      <div role="gridcell" className="cell muted">{volume.created ? new Date(volume.created).toLocaleString() : '—'}</div>
    </div>
  )

  return (
    <section className="page" aria-labelledby="volumes-heading">
      <header className="page-header">
        <h1 id="volumes-heading">Volumes</h1>
        <span className="page-summary">{loaded ? `${plural(items.length, 'volume')} · ${anonymous} anonymous` : null}</span>
      </header>
      <VirtualGrid
        label="Volumes"
        items={items}
        rowHeight={36}
        columns={COLUMNS}
        getKey={(volume) => volume.name}
        renderRow={renderRow}
        empty={<p>{loaded ? 'No volumes yet.' : notLoadedText('volumes', loadError)}</p>}
        header={
          <>
            <div role="columnheader" className="cell">Name</div>
            <div role="columnheader" className="cell">Driver</div>
            <div role="columnheader" className="cell">Mountpoint</div>
            <div role="columnheader" className="cell">Created</div>
          </>
        }
      />
    </section>
  )
}
