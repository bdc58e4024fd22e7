/**
 * The Logs tab: tail N then follow, since, timestamps, wrap, stdout/stderr filter, search with
 * highlight and next/previous (Enter / Shift+Enter, F3 / Shift+F3), download, clear.
 * The stream opens when the tab is first shown and keeps following while the tab is hidden
 * (lines are cheap to keep; losing them is not).
 */
import { useCallback, useEffect, useMemo, useReducer, useRef, useState, type KeyboardEvent, type ReactElement } from 'react'
import { shortId } from '../../lib/format'
import { useSlice, useStores } from '../../stores/context'
import type { DetailsTabProps } from '../details/tabProps'
import { downloadLog, logFileName } from './download'
import { LOG_CAP_TEXT } from './logBuffer'
import { LogModel, type StreamFilter } from './logModel'
import { DEFAULT_TAIL } from './logOptions'
import { LogSearch } from './LogSearch'
import { LogsToolbar, type ReadOptions } from './LogsToolbar'
import { LogView, type ScrollTarget } from './LogView'
import { useLogStream, type LogStreamState } from './useLogStream'
import '../../styles/logs.css'

/** Where the view is, as far as the status line cares: at the end, on a match, or scrolled up. */
interface ViewPosition {
  following: boolean
  /** 0-based index of the current search match, when the view sits on one. */
  matchIndex: number | null
  matchCount: number
}

/**
 * The status line. The stream may be following while the view is not (it sits on a search match
 * or was scrolled up): then "Following" would claim new lines are being shown when they arrive
 * out of sight, so it says where the view stopped instead.
 */
function describeState(state: LogStreamState, view: ViewPosition): string {
  switch (state.phase) {
    case 'idle':
    case 'opening':
      return 'Opening the log…'
    case 'following':
      if (view.following) return 'Following'
      return view.matchIndex !== null
        ? `Stopped at match ${view.matchIndex + 1} of ${view.matchCount}; new lines keep arriving below`
        : 'Scrolled up; new lines keep arriving below'
    case 'ended':
      return 'The log ended (the container is not running)'
    case 'failed':
      return `Could not read the log: ${state.message}`
  }
}

export function LogsTab({ containerId, visible }: DetailsTabProps): ReactElement {
  const stores = useStores()
  const containerName = useSlice(stores.containers, (s) => s.byId.get(containerId)?.name) ?? shortId(containerId)
  const model = useMemo(() => new LogModel(), [])
  const [read, setRead] = useState<ReadOptions>({ tail: DEFAULT_TAIL, since: undefined })
  const [everShown, setEverShown] = useState(visible)
  const [showTimes, setShowTimes] = useState(false)
  const [wrap, setWrap] = useState(false)
  const [filter, setFilter] = useState<StreamFilter>('all')
  const [following, setFollowing] = useState(true)
  const [query, setQuery] = useState('')
  const [currentMatchSeq, setCurrentMatchState] = useState<number | null>(null)
  // Read by next/previous right after a query change, before React re-rendered.
  const currentMatchRef = useRef<number | null>(null)
  const setCurrentMatchSeq = useCallback((seq: number | null) => {
    currentMatchRef.current = seq
    setCurrentMatchState(seq)
  }, [])
  const [scrollTarget, setScrollTarget] = useState<ScrollTarget | null>(null)
  const [searchMs, setSearchMs] = useState<number | null>(null)
  const anchorRef = useRef<(() => void) | null>(null)
  // The model is mutable: changes made outside a stream update (clear) need their own render.
  const [cleared, markCleared] = useReducer((n: number) => n + 1, 0)
  const rootRef = useRef<HTMLDivElement>(null)

  useEffect(() => {
    if (visible) setEverShown(true)
  }, [visible])

  const { state, version } = useLogStream(
    stores.client,
    model,
    { containerId, tail: read.tail, since: read.since, enabled: everShown },
    () => anchorRef.current?.()
  )
  const tty = state.phase === 'following' || state.phase === 'ended' ? state.tty : false

  const applyQuery = useCallback(
    (text: string) => {
      const lower = text.toLowerCase()
      if (lower === model.query) return
      setSearchMs(model.setQuery(lower))
      setQuery(lower)
      setCurrentMatchSeq(null)
    },
    [model, setCurrentMatchSeq]
  )

  const goToMatch = useCallback(
    (direction: 1 | -1) => {
      const count = model.matchCount
      if (count === 0) return
      const currentMatchSeq = currentMatchRef.current
      let index: number
      if (currentMatchSeq === null || !model.buffer.has(currentMatchSeq)) index = direction === 1 ? 0 : count - 1
      else {
        const at = model.matchIndexFrom(currentMatchSeq)
        const exact = at < count && model.matchSeq(at) === currentMatchSeq
        index = direction === 1 ? (exact ? at + 1 : at) : at - 1
        index = (index + count) % count
      }
      const seq = model.matchSeq(index)
      setFollowing(false)
      setCurrentMatchSeq(seq)
      setScrollTarget({ seq, nonce: Date.now() + Math.random() })
    },
    [model, setCurrentMatchSeq]
  )

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>): void => {
    if (event.key === 'F3') {
      event.preventDefault()
      goToMatch(event.shiftKey ? -1 : 1)
    } else if (event.key === 'f' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault()
      rootRef.current?.querySelector<HTMLInputElement>('input[type="search"]')?.focus()
    }
  }

  // A new read restarts the stream: follow its end, and the old match position means nothing.
  const changeRead = (next: ReadOptions): void => {
    setRead(next)
    setFollowing(true)
    setCurrentMatchSeq(null)
  }

  const changeFilter = (next: StreamFilter): void => {
    model.setFilter(next)
    setFilter(next)
    setCurrentMatchSeq(null)
  }

  const clearView = (): void => {
    model.clear()
    setCurrentMatchSeq(null)
    setFollowing(true)
    setScrollTarget(null)
    markCleared()
  }

  const currentIndex = currentMatchSeq !== null && model.isMatch(currentMatchSeq) ? model.matchIndexFrom(currentMatchSeq) : null
  const dropped = model.buffer.dropped
  const empty = model.rowCount === 0

  return (
    <div className="logs-tab" ref={rootRef} onKeyDown={onKeyDown} data-version={version}>
      <LogsToolbar
        read={read}
        onRead={changeRead}
        showTimes={showTimes}
        onShowTimes={setShowTimes}
        wrap={wrap}
        onWrap={setWrap}
        filter={filter}
        onFilter={changeFilter}
        tty={tty}
        canDownload={!empty}
        onDownload={() => downloadLog(model, showTimes, logFileName(containerName))}
        onClear={clearView}
      />
      <LogSearch
        onQuery={applyQuery}
        onNext={() => goToMatch(1)}
        onPrevious={() => goToMatch(-1)}
        query={query}
        matchCount={model.matchCount}
        currentIndex={currentIndex}
        searchMs={searchMs}
      />
      <div className="log-status">
        <span role="status" className={state.phase === 'failed' ? 'log-status-bad' : undefined}>
          {describeState(state, { following, matchIndex: currentIndex, matchCount: model.matchCount })}
        </span>
        <span>
          {model.rowCount.toLocaleString('en-US')} {model.rowCount === 1 ? 'line' : 'lines'}
          {filter !== 'all' ? ` (${filter} only)` : ''}
        </span>
        {tty ? <span>TTY: stderr is merged into stdout</span> : null}
        {dropped > 0 ? (
          <span className="log-status-warn">
            {dropped.toLocaleString('en-US')} older lines dropped (the view keeps {LOG_CAP_TEXT})
          </span>
        ) : null}
      </div>
      <div className="log-frame">
        <LogView
          model={model}
          version={version + cleared}
          showTimes={showTimes}
          wrap={wrap}
          query={query}
          currentMatchSeq={currentMatchSeq}
          following={following}
          onFollowingChange={setFollowing}
          scrollTarget={scrollTarget}
          anchorRef={anchorRef}
        />
        {empty && state.phase !== 'opening' && state.phase !== 'idle' ? <p className="log-empty">No log lines yet.</p> : null}
        {!following ? (
          <button type="button" className="btn btn-primary btn-small log-jump" onClick={() => setFollowing(true)}>
            Jump to latest
          </button>
        ) : null}
      </div>
    </div>
  )
}
