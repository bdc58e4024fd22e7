import { useCallback, useMemo, useState, type ReactElement } from 'react'
import type { ImageSummary } from '../../../../shared/models'
import { ErrorAlerts, type ShownError } from '../../components/ErrorAlerts'
import { VirtualGrid, type RowPlacement } from '../../components/VirtualGrid'
import { formatBytes, notLoadedText, plural } from '../../lib/format'
import { useNow } from '../../lib/useNow'
import { useSlice, useStores } from '../../stores/context'
import { describeError } from '../../stores/describeError'
import { LayerTree } from '../image-details/LayerTree'
import { filterImages, imageLabel } from './imageRows'
import { ImageRow } from './ImageRow'
import { ImagesToolbar } from './ImagesToolbar'
import { RemoveImageDialog } from './RemoveImageDialog'
import { ImportImageDialog } from '../snapshots/ImportImageDialog'

const COLUMNS = 'minmax(180px, 2fr) minmax(80px, 0.8fr) 120px 90px 120px minmax(120px, 1fr) 112px'
const ROW_HEIGHT = 40

export function ImagesPage(): ReactElement {
  const { images, views, client } = useStores()
  const items = useSlice(images, (s) => s.items)
  const loaded = useSlice(images, (s) => s.loaded)
  const loadError = useSlice(images, (s) => s.loadError)
  const search = useSlice(views, (s) => s.imageSearch)
  const danglingOnly = useSlice(views, (s) => s.danglingOnly)
  const imagesView = useSlice(views, (s) => s.imagesView)
  const [removing, setRemoving] = useState<ImageSummary | null>(null)
  const [importing, setImporting] = useState(false)
  const [pending, setPending] = useState<ReadonlySet<string>>(new Set())
  const [errors, setErrors] = useState<ShownError[]>([])
  const nowMs = useNow()
  const visible = useMemo(() => filterImages(items, search, danglingOnly), [items, search, danglingOnly])
  const onScrollOffset = useCallback((offset: number) => views.getState().rememberScroll('images', offset), [views])

  async function remove(image: ImageSummary, force: boolean): Promise<void> {
    setRemoving(null)
    setPending((current) => new Set(current).add(image.id))
    try {
      await client.call('images.remove', { id: image.id, force })
      // The image events re-read the list; no local edit, the engine stays the source of truth.
    } catch (err) {
      setErrors((current) => [...current, { key: Date.now(), message: `Couldn't remove ${imageLabel(image)}: ${describeError(err)}` }])
    } finally {
      setPending((current) => {
        const next = new Set(current)
        next.delete(image.id)
        return next
      })
    }
  }

  const renderRow = (image: ImageSummary, placement: RowPlacement): ReactElement => (
    <ImageRow key={image.id} image={image} placement={placement} busy={pending.has(image.id)} nowMs={nowMs} onRemove={setRemoving} />
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
      <ErrorAlerts errors={errors} onDismiss={(key) => setErrors((current) => current.filter((e) => e.key !== key))} />
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
        <RemoveImageDialog image={removing} onConfirm={(force) => void remove(removing, force)} onCancel={() => setRemoving(null)} />
      ) : null}
      {importing ? <ImportImageDialog onClose={() => setImporting(false)} /> : null}
    </section>
  )
}
