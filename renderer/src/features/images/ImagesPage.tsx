import { useCallback, useMemo, useState, type ReactElement } from 'react'
import type { ImageSummary } from '../../../../shared/models'
import { ErrorAlerts, type ShownError } from '../../components/ErrorAlerts'
import { Icon } from '../../components/Icon'
import { SearchBox } from '../../components/SearchBox'
import { Spinner } from '../../components/Spinner'
import { VirtualGrid, type RowPlacement } from '../../components/VirtualGrid'
import { formatBytes, formatFullDate, formatRelative, notLoadedText, plural, shortId } from '../../lib/format'
import { useNow } from '../../lib/useNow'
import { useSlice, useStores } from '../../stores/context'
import { describeError } from '../../stores/describeError'
import { filterImages, firstTag, imageLabel, splitTag } from './imageRows'
import { RemoveImageDialog } from './RemoveImageDialog'
import { ImportImageDialog } from '../snapshots/ImportImageDialog'

const COLUMNS = 'minmax(180px, 2fr) minmax(80px, 0.8fr) 120px 90px 120px minmax(120px, 1fr) 84px'
const ROW_HEIGHT = 40

export function ImagesPage(): ReactElement {
  const { images, views, client } = useStores()
  const items = useSlice(images, (s) => s.items)
  const loaded = useSlice(images, (s) => s.loaded)
  const loadError = useSlice(images, (s) => s.loadError)
  const search = useSlice(views, (s) => s.imageSearch)
  const danglingOnly = useSlice(views, (s) => s.danglingOnly)
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

  const renderRow = (image: ImageSummary, placement: RowPlacement): ReactElement => {
    const label = imageLabel(image)
    const tag = firstTag(image)
    const parts = tag ? splitTag(tag) : null
    const busy = pending.has(image.id)
    return (
      <div
        key={image.id}
        role="row"
        aria-label={label}
        aria-rowindex={placement.rowIndex}
        aria-busy={busy ? 'true' : undefined}
        className={busy ? 'grid-row is-busy' : 'grid-row'}
        style={placement.style}
      >
        <div role="gridcell" className="cell" title={image.repoTags.join(', ') || undefined}>
          <span className={parts ? 'name-line' : 'name-line muted'}>{parts ? parts.repository : '<none>'}</span>
          {image.repoTags.length > 1 ? <span className="count-pill" title={image.repoTags.join('\n')}>+{image.repoTags.length - 1}</span> : null}
        </div>
        <div role="gridcell" className="cell">
          {parts?.tag ? <span className="tag-chip">{parts.tag}</span> : <span className="muted">&lt;none&gt;</span>}
        </div>
        <div role="gridcell" className="cell mono" title={image.id}>
          {shortId(image.id)}
        </div>
        <div role="gridcell" className="cell num">
          {formatBytes(image.size)}
        </div>
        <div role="gridcell" className="cell">
          <span title={formatFullDate(image.created)}>{formatRelative(image.created, nowMs)}</span>
        </div>
        <div role="gridcell" className="cell">
          {image.containers > 0 ? (
            <span className="usage">used by {plural(image.containers, 'container')}</span>
          ) : (
            <span className="muted">unused</span>
          )}
        </div>
        <div role="gridcell" className="cell cell-actions">
          {busy ? <Spinner /> : null}
          <button
            type="button"
            className="icon-btn icon-btn-start"
            aria-label={`Run ${label}`}
            title="Run a container from this image"
            disabled={busy}
            onClick={() => views.getState().openRunDialog(tag ?? image.id)}
          >
            <Icon name="play" />
          </button>
          <button
            type="button"
            className="icon-btn icon-btn-remove"
            aria-label={`Remove ${label}`}
            title="Remove"
            disabled={busy}
            onClick={() => setRemoving(image)}
          >
            <Icon name="trash" />
          </button>
        </div>
      </div>
    )
  }

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
      <div className="toolbar" role="toolbar" aria-label="Image list options">
        <SearchBox
          label="Search images"
          placeholder="Search repository, tag or id"
          value={search}
          onChange={(text) => views.getState().setImageSearch(text)}
        />
        <label className="check">
          <input
            type="checkbox"
            checked={danglingOnly}
            onChange={(event) => views.getState().setDanglingOnly(event.currentTarget.checked)}
          />
          Dangling only
        </label>
        <span className="toolbar-spacer" />
        <button type="button" className="btn" onClick={() => setImporting(true)}>
          Import image
        </button>
      </div>
      <ErrorAlerts errors={errors} onDismiss={(key) => setErrors((current) => current.filter((e) => e.key !== key))} />
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
      {removing ? (
        <RemoveImageDialog image={removing} onConfirm={(force) => void remove(removing, force)} onCancel={() => setRemoving(null)} />
      ) : null}
      {importing ? <ImportImageDialog onClose={() => setImporting(false)} /> : null}
    </section>
  )
}
