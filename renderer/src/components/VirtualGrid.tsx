/**
 * A virtualized ARIA grid: only the rows in view (plus a few) are in the DOM, rows have one fixed
 * height, and the header row sticks to the top of the scroll area. The grid element itself
 * scrolls. After the rows change and React commits them, the next animation frame stamps
 * `data-painted-at` with performance.now(), which benchmarks read to time list updates.
 */
import { useVirtualizer } from '@tanstack/react-virtual'
import { useEffect, useRef, type CSSProperties, type ReactElement, type ReactNode } from 'react'

export const HEADER_HEIGHT = 32

export interface RowPlacement {
  /** 1-based, counting the header as row 1 (what aria-rowindex wants). */
  rowIndex: number
  style: CSSProperties
}

export interface VirtualGridProps<T> {
  label: string
  items: readonly T[]
  rowHeight: number
  /** A CSS grid-template-columns value shared by the header and every row. */
  columns: string
  header: ReactNode
  renderRow: (item: T, placement: RowPlacement) => ReactElement
  getKey: (item: T) => string
  /** Names the remembered scroll offset (restored on mount). */
  initialOffset?: number
  onScrollOffset?: (offset: number) => void
  empty?: ReactNode
  className?: string
}

export function VirtualGrid<T>(props: VirtualGridProps<T>): ReactElement {
  const { label, items, rowHeight, columns, header, renderRow, getKey, initialOffset, onScrollOffset, empty } = props
  const scrollRef = useRef<HTMLDivElement>(null)

  const virtualizer = useVirtualizer({
    count: items.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => rowHeight,
    getItemKey: (index) => getKey(items[index]),
    overscan: 8,
    scrollMargin: HEADER_HEIGHT,
    initialOffset: initialOffset ?? 0
  })

  useEffect(() => {
    const frame = requestAnimationFrame(() => {
      scrollRef.current?.setAttribute('data-painted-at', String(performance.now()))
    })
    return () => cancelAnimationFrame(frame)
  }, [items])

  const gridStyle = { '--grid-columns': columns, '--row-height': `${rowHeight}px` } as CSSProperties
  const bodyHeight = virtualizer.getTotalSize() - HEADER_HEIGHT

  const isEmpty = items.length === 0
  return (
    <div className={isEmpty ? 'grid-frame grid-frame-empty' : 'grid-frame'}>
    <div
      ref={scrollRef}
      className={props.className ? `grid ${props.className}` : 'grid'}
      role="grid"
      aria-label={label}
      aria-rowcount={items.length + 1}
      style={gridStyle}
      onScroll={onScrollOffset ? (event) => onScrollOffset(event.currentTarget.scrollTop) : undefined}
    >
      <div role="rowgroup" className="grid-head">
        <div role="row" aria-rowindex={1} className="grid-row grid-header-row">
          {header}
        </div>
      </div>
      <div role="rowgroup" className="grid-body" style={{ height: Math.max(bodyHeight, 0) }}>
        {virtualizer.getVirtualItems().map((virtualRow) =>
          renderRow(items[virtualRow.index], {
            rowIndex: virtualRow.index + 2,
            style: { transform: `translateY(${virtualRow.start - HEADER_HEIGHT}px)`, height: rowHeight }
          })
        )}
      </div>
    </div>
    {/* Outside the grid: an empty grid has only its header row, and says why below it. */}
    {isEmpty && empty ? <div className="grid-empty">{empty}</div> : null}
    </div>
  )
}
