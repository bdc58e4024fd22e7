/**
 * Which rows of a fixed-row-height list are in view: O(1) per scroll or update, whatever the row
 * count. (@tanstack/react-virtual recomputes every row's position whenever the count changes —
 * O(rows) per appended batch, ~40 ms per frame at 1 M lines — so it is used only for wrapped
 * lines, whose heights must be measured.)
 */
import { useEffect, useState, type RefObject } from 'react'

export interface RowWindow {
  first: number
  /** One past the last row to render. */
  end: number
}

export function useRowWindow(scrollRef: RefObject<HTMLElement | null>, rowCount: number, rowHeight: number, overscan: number, enabled: boolean): RowWindow {
  const [view, setView] = useState({ top: 0, height: 0 })

  useEffect(() => {
    const element = scrollRef.current
    if (!element || !enabled) return
    const read = (): void => setView((old) => (old.top === element.scrollTop && old.height === element.clientHeight ? old : { top: element.scrollTop, height: element.clientHeight }))
    read()
    element.addEventListener('scroll', read, { passive: true })
    const resize = typeof ResizeObserver === 'undefined' ? undefined : new ResizeObserver(read)
    resize?.observe(element)
    return () => {
      element.removeEventListener('scroll', read)
      resize?.disconnect()
    }
  }, [scrollRef, enabled])

  if (!enabled) return { first: 0, end: 0 }
  const first = Math.max(0, Math.floor(view.top / rowHeight) - overscan)
  const end = Math.min(rowCount, Math.ceil((view.top + view.height) / rowHeight) + overscan)
  return { first, end: Math.max(first, end) }
}
