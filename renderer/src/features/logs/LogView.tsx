/**
 * The virtualized log: only the rows in view (plus overscan) are in the DOM, whatever the
 * buffer holds. Follow mode keeps the view at the bottom as lines arrive; scrolling up (wheel,
 * keys, scrollbar) pauses it, and scrolling back to the bottom resumes it. While paused, rows
 * stay put even when the cap drops lines at the front (the top line is re-anchored by seq).
 */
import { useVirtualizer } from '@tanstack/react-virtual'
import { memo, useCallback, useLayoutEffect, useRef, type KeyboardEvent, type ReactElement, type RefObject } from 'react'
import { STDERR } from './logBuffer'
import { splitMatches, type LogModel } from './logModel'
import { formatLogTime } from './logOptions'
import { useRowWindow } from './useRowWindow'

export const ROW_HEIGHT = 18
/** How close to the bottom (px) still counts as "at the bottom". */
const BOTTOM_SLACK = ROW_HEIGHT

export interface ScrollTarget {
  seq: number
  /** Changes for every request, so asking twice for the same line scrolls twice. */
  nonce: number
}

interface LogViewProps {
  model: LogModel
  version: number
  showTimes: boolean
  wrap: boolean
  query: string
  currentMatchSeq: number | null
  following: boolean
  onFollowingChange: (following: boolean) => void
  scrollTarget: ScrollTarget | null
  /** Where to remember the top row before lines are added (for re-anchoring). */
  anchorRef: RefObject<(() => void) | null>
}

interface RowProps {
  text: string
  stderr: boolean
  time: string
  query: string
  match: boolean
  current: boolean
}

const LogRow = memo(function LogRow({ text, stderr, time, query, match, current }: RowProps): ReactElement {
  const parts = match ? splitMatches(text, query) : null
  return (
    <>
      {time ? <span className="log-time">{time}</span> : null}
      {stderr ? (
        <span className="log-stream-mark" title="stderr" aria-label="stderr">
          E
        </span>
      ) : null}
      <span className="log-text">
        {parts
          ? parts.map((part, index) =>
              part.match ? (
                <mark key={index} className={current ? 'log-match log-match-current' : 'log-match'}>
                  {part.text}
                </mark>
              ) : (
                part.text
              )
            )
          : text}
      </span>
    </>
  )
})

export function LogView(props: LogViewProps): ReactElement {
  const { model, version, showTimes, wrap, query, currentMatchSeq, following, onFollowingChange, scrollTarget, anchorRef } = props
  const scrollRef = useRef<HTMLDivElement>(null)
  const followingRef = useRef(following)
  followingRef.current = following
  const anchor = useRef<{ seq: number; offset: number } | null>(null)
  const rowCount = model.rowCount

  // Unwrapped rows have one height: our O(1) window. Wrapped rows need measuring: the virtualizer.
  const rowWindow = useRowWindow(scrollRef, rowCount, ROW_HEIGHT, 20, !wrap)
  const virtualizer = useVirtualizer({
    count: wrap ? rowCount : 0,
    enabled: wrap,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    // Keys by seq: rows keep their identity when the cap drops lines at the front.
    getItemKey: (index) => model.seqAtRow(index),
    overscan: 20
  })
  const items: Array<{ index: number; start: number; key: number | string | bigint }> = []
  if (wrap) for (const item of virtualizer.getVirtualItems()) items.push(item)
  else {
    // Keyed by slot (the row's place in the window), not by line: as the window moves through a
    // flood, React rewrites the same DOM rows' text instead of removing and creating them all.
    const span = Math.max(1, rowWindow.end - rowWindow.first)
    for (let index = rowWindow.first; index < rowWindow.end; index++) items.push({ index, start: index * ROW_HEIGHT, key: `s${index % span}` })
  }
  const totalHeight = wrap ? virtualizer.getTotalSize() : rowCount * ROW_HEIGHT

  // Before lines are added: remember which line is at the top, so a paused view can stay on it.
  anchorRef.current = () => {
    const element = scrollRef.current
    if (!element || followingRef.current || wrap || model.rowCount === 0) {
      anchor.current = null
      return
    }
    // Several drains can come between two renders: the first one's anchor is the row on screen.
    if (anchor.current) return
    const row = Math.min(Math.floor(element.scrollTop / ROW_HEIGHT), model.rowCount - 1)
    anchor.current = { seq: model.seqAtRow(row), offset: element.scrollTop - row * ROW_HEIGHT }
  }

  useLayoutEffect(() => {
    const element = scrollRef.current
    if (!element) return
    if (followingRef.current) {
      element.scrollTop = element.scrollHeight
    } else if (anchor.current && model.buffer.has(anchor.current.seq)) {
      const top = model.rowOfSeq(anchor.current.seq) * ROW_HEIGHT + anchor.current.offset
      if (Math.abs(element.scrollTop - top) >= 1) element.scrollTop = top
    }
    anchor.current = null
    element.setAttribute('data-painted-at', String(performance.now()))
  }, [version, rowCount, model])

  useLayoutEffect(() => {
    if (following && scrollRef.current) scrollRef.current.scrollTop = scrollRef.current.scrollHeight
  }, [following])

  useLayoutEffect(() => {
    const element = scrollRef.current
    if (!scrollTarget || rowCount === 0 || !element) return
    const row = Math.min(model.rowOfSeq(scrollTarget.seq), rowCount - 1)
    if (wrap) virtualizer.scrollToIndex(row, { align: 'center' })
    else element.scrollTop = Math.max(0, row * ROW_HEIGHT - (element.clientHeight - ROW_HEIGHT) / 2)
    // scrollToIndex is keyed on the nonce only: later appends must not pull the view back.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [scrollTarget])

  const onScroll = useCallback(() => {
    const element = scrollRef.current
    if (!element) return
    const atBottom = element.scrollHeight - element.scrollTop - element.clientHeight <= BOTTOM_SLACK
    if (atBottom !== followingRef.current) onFollowingChange(atBottom)
  }, [onFollowingChange])

  const pauseOnUpwardKeys = (event: KeyboardEvent<HTMLDivElement>): void => {
    if (['ArrowUp', 'PageUp', 'Home'].includes(event.key) && followingRef.current) onFollowingChange(false)
  }

  const times = showTimes
  return (
    <div
      ref={scrollRef}
      className={wrap ? 'log-scroll log-wrap' : 'log-scroll'}
      role="log"
      aria-label="Log lines"
      aria-live="off"
      tabIndex={0}
      data-rows={rowCount}
      data-received={model.received}
      onScroll={onScroll}
      onWheel={(event) => {
        if (event.deltaY < 0 && followingRef.current) onFollowingChange(false)
      }}
      onKeyDown={pauseOnUpwardKeys}
    >
      <div className="log-body" style={{ height: totalHeight }}>
        {items.map((item) => {
          const seq = model.seqAtRow(item.index)
          const stderr = model.buffer.stream(seq) === STDERR
          const match = query !== '' && model.isMatch(seq)
          const current = seq === currentMatchSeq
          let className = stderr ? 'log-line log-stderr' : 'log-line'
          if (current) className += ' log-line-current'
          return (
            <div
              key={String(item.key)}
              ref={wrap ? virtualizer.measureElement : undefined}
              data-index={item.index}
              className={className}
              style={{ transform: `translateY(${item.start}px)`, minHeight: ROW_HEIGHT }}
            >
              <LogRow
                text={model.buffer.text(seq)}
                stderr={stderr}
                time={times ? formatLogTime(model.buffer.time(seq)) : ''}
                query={query}
                match={match}
                current={current}
              />
            </div>
          )
        })}
      </div>
    </div>
  )
}
