/**
 * The Images page: toolbar, the selection bar (save or remove several), and the virtualised list
 * (or the layer tree). Removal goes through a dialog that says what will happen first; the list
 * itself changes only when the engine's image events re-read it.
 */
import { useCallback, useMemo, useState, type ReactElement } from 'react'
import type { ImageSummary } from '../../../../shared/models'
import { VirtualGrid, type RowPlacement } from '../../components/VirtualGrid'
import { formatBytes, notLoadedText, plural } from '../../lib/format'
import { useNow } from '../../lib/useNow'
import { useSlice, useStores } from '../../stores/context'
import { LayerTree } from '../image-details/LayerTree'
import { ImportImageDialog } from '../snapshots/ImportImageDialog'
import { filterImages } from './imageRows'
import { ImageRow } from './ImageRow'
import { ImagesSelectionBar } from './ImagesSelectionBar'
import { ImagesToolbar } from './ImagesToolbar'
import { LocalOnlyNote } from './LocalOnlyNote'
import { RemoveImageDialog } from './RemoveImageDialog'
import { RemoveImagesDialog } from './RemoveImagesDialog'
import '../../styles/image-maintenance.css'

const COLUMNS = '36px minmax(180px, 2fr) minmax(90px, 0.6fr) 120px 84px 130px minmax(150px, 1.1fr) 112px'
const ROW_HEIGHT = 40

export function ImagesPage(): ReactElement {
  const { images, views, imageSelection } = useStores()
  const items = useSlice(images, (s) => s.items)
  const loaded = useSlice(images, (s) => s.loaded)
  const loadError = useSlice(images, (s) => s.loadError)
  const search = useSlice(views, (s) => s.imageSearch)
  const danglingOnly = useSlice(views, (s) => s.danglingOnly)
  const imagesView = useSlice(views, (s) => s.imagesView)
  const selectedIds = useSlice(imageSelection, (s) => s.selected)
  const [removing, setRemoving] = useState<ImageSummary | null>(null)
  const [removingMany, setRemovingMany] = useState<ImageSummary[] | null>(null)
  const [importing, setImporting] = useState(false)
  const [notice, setNotice] = useState<string | null>(null)
  const nowMs = useNow()
  const visible = useMemo(() => filterImages(items, search, danglingOnly), [items, search, danglingOnly])
  // Images removed behind our back simply drop out of the selection.
  const selected = useMemo(() => items.filter((image) => selectedIds.has(image.id)), [items, selectedIds])
  const onScrollOffset = useCallback((offset: number) => views.getState().rememberScroll('images', offset), [views])
  const onSelect = useCallback((id: string, on: boolean) => imageSelection.getState().toggle(id, on), [imageSelection])
  const allSelected = visible.length > 0 && visible.every((image) => selectedIds.has(image.id))
  const someSelected = !allSelected && visible.some((image) => selectedIds.has(image.id))

  function selectAll(on: boolean): void {
    const next = new Set(imageSelection.getState().selected)
    for (const image of visible) {
      if (on) next.add(image.id)
      else next.delete(image.id)
    }
    imageSelection.getState().set(next)
  }

  const renderRow = (image: ImageSummary, placement: RowPlacement): ReactElement => (
    <ImageRow
      key={image.id}
      image={image}
      placement={placement}
      selected={selectedIds.has(image.id)}
      nowMs={nowMs}
      onSelect={onSelect}
      onRemove={setRemoving}
    />
  )

  const totalSize = useMemo(() => items.reduce((sum, image) => sum + image.size, 0), [items])
  const emptyText = !loaded
    ? notLoadedText('images', loadError)
    : items.length === 0
      ? 'No images yet. Pull or build one and it shows up here.'
      : 'No images match the search.'

  return (
    <section className="page" aria-labelledby="images-heading">
      <header className="page-header">
        <h1 id="images-heading">Images</h1>
        <span className="page-summary">{loaded ? `${plural(items.length, 'image')} · ${formatBytes(totalSize)}` : null}</span>
      </header>
      <ImagesToolbar onImport={() => setImporting(true)} />
      <LocalOnlyNote images={items} />
      <ImagesSelectionBar
        selected={selected}
        onSave={() => views.getState().openImageDialog({ kind: 'save', imageIds: selected.map((image) => image.id) })}
        onRemove={() => setRemovingMany(selected)}
        onClear={() => imageSelection.getState().clear()}
      />
      {notice ? (
        <div className="im-notice" role="status">
          <span>{notice}</span>
          <button type="button" className="btn btn-ghost btn-small" onClick={() => setNotice(null)}>
            Dismiss
          </button>
        </div>
      ) : null}
      {imagesView === 'tree' ? (
        <LayerTree />
      ) : (
        <VirtualGrid
          label="Images"
          items={visible}
          rowHeight={ROW_HEIGHT}
          columns={COLUMNS}
          getKey={(image) => image.id}
          renderRow={renderRow}
          initialOffset={views.getState().scrollOffsets.images}
          onScrollOffset={onScrollOffset}
          empty={<p>{emptyText}</p>}
          header={
            <>
              <div role="columnheader" className="cell cell-check">
                <input
                  type="checkbox"
                  aria-label="Select all images"
                  checked={allSelected}
                  ref={(element) => {
                    if (element) element.indeterminate = someSelected
                  }}
                  disabled={visible.length === 0}
                  onChange={(event) => selectAll(event.currentTarget.checked)}
                />
              </div>
              <div role="columnheader" className="cell">Repository</div>
              <div role="columnheader" className="cell">Tag</div>
              <div role="columnheader" className="cell">Image ID</div>
              <div role="columnheader" className="cell num">Size</div>
              <div role="columnheader" className="cell">Created</div>
              <div role="columnheader" className="cell">Used by</div>
              <div role="columnheader" className="cell"><span className="visually-hidden">Actions</span></div>
            </>
          }
        />
      )}
      {removing ? (
        <RemoveImageDialog
          image={removing}
          onCancel={() => setRemoving(null)}
          onDone={(message) => {
            setRemoving(null)
            setNotice(message)
          }}
        />
      ) : null}
      {removingMany ? (
        <RemoveImagesDialog
          images={removingMany}
          onCancel={() => setRemovingMany(null)}
          onDone={() => {
            setRemovingMany(null)
            imageSelection.getState().clear()
          }}
        />
      ) : null}
      {importing ? <ImportImageDialog onClose={() => setImporting(false)} /> : null}
    </section>
  )
}
