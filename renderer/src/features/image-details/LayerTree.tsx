/**
 * The Images page's "Layer tree" view: every image's layers as one tree, so images built FROM
 * the same base hang under that base's row. Filtered by the toolbar's search and "Dangling
 * only"; rows fold plain layers unless "Every layer" is on; long trees are virtualized. An ARIA
 * tree: arrows move, Left/Right collapse and expand, Enter opens the row's image. After new rows
 * are committed, the next frame stamps data-painted-at (performance.now()) for the benchmark.
 */
import { useVirtualizer } from '@tanstack/react-virtual'
import { useEffect, useMemo, useRef, useState, type KeyboardEvent, type ReactElement } from 'react'
import { Spinner } from '../../components/Spinner'
import { formatBytes, plural } from '../../lib/format'
import { useSlice, useStores } from '../../stores/context'
import { LayerTreeRow } from './LayerTreeRow'
import { branchKeys, treeRows, type TreeRow, type TreeRowOptions } from './treeRows'
import { useLayerTree } from './useLayerTree'
import '../../styles/layer-tree.css'

const ROW_HEIGHT = 34

export function LayerTree(): ReactElement {
  const { views } = useStores()
  const search = useSlice(views, (s) => s.imageSearch)
  const danglingOnly = useSlice(views, (s) => s.danglingOnly)
  const { tree, loading, error } = useLayerTree()
  const [everyLayer, setEveryLayer] = useState(false)
  const [showIntermediate, setShowIntermediate] = useState(false)
  const [collapsed, setCollapsed] = useState<ReadonlySet<string>>(new Set())
  const [focusedKey, setFocusedKey] = useState<string | null>(null)
  const scrollRef = useRef<HTMLDivElement>(null)

  const options = useMemo<TreeRowOptions>(
    () => ({ everyLayer, showIntermediate, danglingOnly, search, collapsed }),
    [everyLayer, showIntermediate, danglingOnly, search, collapsed]
  )
  const rows = useMemo(() => (tree ? treeRows(tree, options) : []), [tree, options])
  const focusedIndex = Math.max(0, rows.findIndex((row) => row.key === focusedKey))

  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    getItemKey: (index) => rows[index].key,
    overscan: 10
  })

  useEffect(() => {
    if (!tree) return
    const frame = requestAnimationFrame(() => scrollRef.current?.setAttribute('data-painted-at', String(performance.now())))
    return () => cancelAnimationFrame(frame)
  }, [tree, rows])

  // Keyboard moves focus to rows that may not be in the DOM yet: scroll there, then focus.
  const wantsFocus = useRef(false)
  useEffect(() => {
    if (!wantsFocus.current || focusedKey === null) return
    wantsFocus.current = false
    scrollRef.current?.querySelector<HTMLElement>(`[data-key="${focusedKey}"]`)?.focus()
  })

  function toggle(row: TreeRow): void {
    const next = new Set(collapsed)
    if (!next.delete(row.key)) next.add(row.key)
    setCollapsed(next)
  }

  function moveTo(index: number): void {
    const row = rows[index]
    if (!row) return
    wantsFocus.current = true
    setFocusedKey(row.key)
    virtualizer.scrollToIndex(index)
  }

  function onKeyDown(event: KeyboardEvent<HTMLDivElement>): void {
    const row = rows[focusedIndex]
    if (!row) return
    const actions: Record<string, () => void> = {
      ArrowDown: () => moveTo(focusedIndex + 1),
      ArrowUp: () => moveTo(focusedIndex - 1),
      Home: () => moveTo(0),
      End: () => moveTo(rows.length - 1),
      ArrowRight: () => (row.hasChildren && !row.expanded ? toggle(row) : row.hasChildren ? moveTo(focusedIndex + 1) : undefined),
      ArrowLeft: () => (row.hasChildren && row.expanded ? toggle(row) : moveTo(row.parentRow)),
      Enter: () => (row.images[0] ? views.getState().openImage(row.images[0].id) : row.hasChildren ? toggle(row) : undefined)
    }
    const action = actions[event.key]
    if (!action) return
    event.preventDefault()
    action()
  }

  const intermediateCount = tree?.images.filter((image) => image.intermediate).length ?? 0
  return (
    <div className="layer-tree">
      <div className="layer-tree-bar" role="group" aria-label="Layer tree options">
        <label className="check">
          <input type="checkbox" checked={everyLayer} onChange={(event) => setEveryLayer(event.currentTarget.checked)} />
          Every layer
        </label>
        <label className="check">
          <input type="checkbox" checked={showIntermediate} onChange={(event) => setShowIntermediate(event.currentTarget.checked)} />
          Intermediate images{intermediateCount ? ` (${intermediateCount})` : ''}
        </label>
        <button type="button" className="btn btn-small" onClick={() => setCollapsed(new Set())}>
          Expand all
        </button>
        <button type="button" className="btn btn-small" onClick={() => tree && setCollapsed(new Set(branchKeys(tree, options)))}>
          Collapse all
        </button>
        <span className="toolbar-spacer" />
        {loading ? <Spinner /> : null}
        {tree ? (
          <span className="layer-tree-summary" title="Layers shared by several images are stored once">
            {plural(tree.images.length - intermediateCount, 'image')} · {plural(tree.nodes.length, 'layer')} ·{' '}
            <strong>{formatBytes(tree.totals.layerBytes)}</strong> on disk, {formatBytes(tree.totals.imageBytes)} if each image kept its own copy
          </span>
        ) : null}
      </div>
      {error ? <p role="alert" className="alert alert-error">Couldn't read the layer tree: {error}</p> : null}
      <div className="grid-frame">
        <div className="tree-head" aria-hidden="true">
          <span>Images and the layers they share</span>
          <span className="tree-num">Adds</span>
          <span className="tree-num">Size</span>
          <span className="tree-num">Unique</span>
          <span>Used by</span>
        </div>
        <div
          ref={scrollRef}
          className="tree-scroll"
          role="tree"
          aria-label="Layer tree"
          aria-busy={loading && !tree ? 'true' : undefined}
          data-tree-images={tree?.stats.images}
          data-tree-ms={tree?.stats.ms}
          data-tree-inspected={tree?.stats.inspected}
          onKeyDown={onKeyDown}
        >
          <div className="tree-body" style={{ height: virtualizer.getTotalSize() }}>
            {virtualizer.getVirtualItems().map((item) => (
              <LayerTreeRow
                key={item.key}
                row={rows[item.index]}
                style={{ transform: `translateY(${item.start}px)`, height: ROW_HEIGHT }}
                tabbable={item.index === focusedIndex}
                focused={rows[item.index].key === focusedKey}
                onToggle={toggle}
                onFocus={(row) => setFocusedKey(row.key)}
                onOpenImage={(id) => views.getState().openImage(id)}
              />
            ))}
          </div>
        </div>
        {rows.length === 0 ? (
          <div className="grid-empty">
            <p>{!tree ? (error ? 'The layer tree is not available.' : 'Reading the layers of every image…') : tree.images.length === 0 ? 'No images yet. Pull or build one and it shows up here.' : 'No images match the search.'}</p>
          </div>
        ) : null}
      </div>
    </div>
  )
}
