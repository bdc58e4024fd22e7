/**
 * The Volumes page: every volume with its size (measured apart: see useVolumeSizes) and the
 * containers using it; create, details, browse, back up, restore, remove and prune from here.
 * The list follows engine events and container create/remove (useContainerSetReload).
 */
import { useCallback, useMemo, useState, type ReactElement } from 'react'
import type { VolumeRow } from '../../../../shared/volumes-models'
import { ErrorAlerts, type ShownError } from '../../components/ErrorAlerts'
import { Icon } from '../../components/Icon'
import { SearchBox } from '../../components/SearchBox'
import { VirtualGrid, type RowPlacement } from '../../components/VirtualGrid'
import { formatBytes, notLoadedText, plural } from '../../lib/format'
import { useNow } from '../../lib/useNow'
import { useSlice, useStores } from '../../stores/context'
import { ProgressRow } from '../snapshots/ProgressRow'
import { useBackups } from './useBackups'
import { useContainerSetReload } from './useContainerSetReload'
import { useVolumeSizes } from './useVolumeSizes'
import { VolumeDialogs } from './VolumeDialogs'
import type { VolumeDialog } from './volumeDialogs'
import { VolumeRowView } from './VolumeRowView'
import '../../styles/files.css'
import '../../styles/volumes-networks.css'

const COLUMNS = 'minmax(220px, 2fr) 90px 100px minmax(160px, 1.6fr) 130px 136px'
const ROW_HEIGHT = 40

function matches(volume: VolumeRow, search: string): boolean {
  if (!search) return true
  const needle = search.toLowerCase()
  return volume.name.toLowerCase().includes(needle) || volume.driver.includes(needle) || volume.usedBy.some((c) => c.name.toLowerCase().includes(needle))
}

export function VolumesPage(): ReactElement {
  const { volumes, containers, client } = useStores()
  const items = useSlice(volumes, (s) => s.items)
  const loaded = useSlice(volumes, (s) => s.loaded)
  const loadError = useSlice(volumes, (s) => s.loadError)
  const [search, setSearch] = useState('')
  const [unusedOnly, setUnusedOnly] = useState(false)
  const [dialog, setDialog] = useState<VolumeDialog | null>(null)
  const [errors, setErrors] = useState<ShownError[]>([])
  const addError = useCallback((message: string) => setErrors((list) => [...list, { key: Date.now() + Math.random(), message }]), [])
  const { backups, backUp } = useBackups(client, addError)
  const names = useMemo(() => items.map((v) => v.name), [items])
  const sizes = useVolumeSizes(client, names)
  const nowMs = useNow()
  useContainerSetReload(containers, volumes)

  const visible = useMemo(() => items.filter((v) => matches(v, search.trim()) && (!unusedOnly || v.usedBy.length === 0)), [items, search, unusedOnly])
  const anonymous = useMemo(() => items.filter((v) => v.anonymous).length, [items])
  const totalBytes = useMemo(() => items.reduce((sum, v) => sum + (sizes.sizes.get(v.name) ?? 0), 0), [items, sizes.sizes])
  const backingUp = new Set(backups.map((b) => b.volume))

  const renderRow = (volume: VolumeRow, placement: RowPlacement): ReactElement => (
    <VolumeRowView
      key={volume.name}
      volume={volume}
      placement={placement}
      size={sizes.sizes.has(volume.name) ? sizes.sizes.get(volume.name) : undefined}
      nowMs={nowMs}
      backingUp={backingUp.has(volume.name)}
      onDialog={setDialog}
      onBackUp={backUp}
    />
  )

  const emptyText = !loaded ? notLoadedText('volumes', loadError) : items.length === 0 ? 'No volumes yet. Create one, or restore a backup.' : 'No volumes match.'
  return (
    <section className="page" aria-labelledby="volumes-heading">
      <header className="page-header">
        <h1 id="volumes-heading">Volumes</h1>
        <span className="page-summary">
          {loaded ? `${plural(items.length, 'volume')} · ${anonymous} anonymous` : null}
          {loaded && sizes.measuredMs !== null ? ` · ${formatBytes(totalBytes)} in all` : null}
        </span>
        <span className="page-summary muted" role="status" aria-label="Volume sizes">
          {sizes.measuring ? 'Measuring sizes…' : sizes.error ? `Sizes unavailable: ${sizes.error}` : sizes.measuredMs !== null ? `sizes measured in ${sizes.measuredMs} ms` : null}
        </span>
      </header>
      <div className="toolbar" role="toolbar" aria-label="Volume actions">
        <SearchBox label="Search volumes" placeholder="Search name, driver or container" value={search} onChange={setSearch} />
        <label className="check">
          <input type="checkbox" checked={unusedOnly} onChange={(event) => setUnusedOnly(event.currentTarget.checked)} />
          Unused only
        </label>
        <button type="button" className="btn" onClick={sizes.measure} disabled={sizes.measuring} title="The engine walks every volume to measure it">
          <Icon name="refresh" /> Measure sizes
        </button>
        <span className="toolbar-spacer" />
        <button type="button" className="btn" onClick={() => setDialog({ kind: 'prune' })}>
          Prune…
        </button>
        <button type="button" className="btn" onClick={() => setDialog({ kind: 'restore' })}>
          <Icon name="upload" /> Restore backup…
        </button>
        <button type="button" className="btn btn-primary" onClick={() => setDialog({ kind: 'create' })}>
          Create volume
        </button>
      </div>
      <ErrorAlerts errors={errors} onDismiss={(key) => setErrors((list) => list.filter((e) => e.key !== key))} />
      {backups.length > 0 ? (
        <ul className="transfers page-transfers" aria-label="Back-ups in progress">
          {backups.map((b) => (
            <li key={b.volume}>
              <ProgressRow label={`Backing up ${b.volume}`} doneBytes={b.receivedBytes} totalBytes={null} onCancel={b.cancel} />
            </li>
          ))}
        </ul>
      ) : null}
      <VirtualGrid
        label="Volumes"
        items={visible}
        rowHeight={ROW_HEIGHT}
        columns={COLUMNS}
        getKey={(volume) => volume.name}
        renderRow={renderRow}
        empty={<p>{emptyText}</p>}
        header={
          <>
            <div role="columnheader" className="cell">Name</div>
            <div role="columnheader" className="cell">Driver</div>
            <div role="columnheader" className="cell num">Size</div>
            <div role="columnheader" className="cell">In use by</div>
            <div role="columnheader" className="cell">Created</div>
            <div role="columnheader" className="cell"><span className="visually-hidden">Actions</span></div>
          </>
        }
      />
      {dialog ? <VolumeDialogs dialog={dialog} sizes={sizes.sizes} onDialog={setDialog} onBackUp={backUp} onClose={() => setDialog(null)} /> : null}
    </section>
  )
}
