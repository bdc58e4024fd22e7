/**
 * Search over the log: typing searches after a short pause; Enter / Shift+Enter (and F3 /
 * Shift+F3 anywhere in the tab) go to the next / previous matching line.
 */
import { useEffect, useRef, useState, type ReactElement } from 'react'
import { SearchBox } from '../../components/SearchBox'

const TYPING_PAUSE_MS = 150

interface LogSearchProps {
  query: string
  onQuery: (text: string) => void
  onNext: () => void
  onPrevious: () => void
  matchCount: number
  /** 0-based index of the current match, when one is selected. */
  currentIndex: number | null
  /** How long the last full search took (shown as a tooltip; read by the benchmark). */
  searchMs: number | null
}

function describeMatches(query: string, count: number, current: number | null): string {
  if (query === '') return ''
  if (count === 0) return 'No matches'
  const total = `${count.toLocaleString('en-US')} ${count === 1 ? 'line' : 'lines'}`
  return current === null ? total : `${(current + 1).toLocaleString('en-US')} of ${total}`
}

export function LogSearch(props: LogSearchProps): ReactElement {
  const { onQuery } = props
  const [text, setText] = useState('')
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined)

  useEffect(() => () => clearTimeout(timer.current), [])

  const applyNow = (): void => {
    clearTimeout(timer.current)
    onQuery(text)
  }

  return (
    <div className="toolbar log-search-bar">
      <SearchBox
        className="log-search"
        label="Search logs"
        placeholder="Search the log (Enter: next, Shift+Enter: previous)"
        value={text}
        onChange={(next) => {
          setText(next)
          clearTimeout(timer.current)
          timer.current = setTimeout(() => onQuery(next), TYPING_PAUSE_MS)
        }}
        onKeyDown={(event) => {
          if (event.key !== 'Enter') return
          event.preventDefault()
          applyNow()
          if (event.shiftKey) props.onPrevious()
          else props.onNext()
        }}
      />
      <button type="button" className="btn btn-small" aria-label="Previous match" title="Previous match (Shift+Enter, Shift+F3)" onClick={props.onPrevious} disabled={props.matchCount === 0}>
        ↑
      </button>
      <button type="button" className="btn btn-small" aria-label="Next match" title="Next match (Enter, F3)" onClick={props.onNext} disabled={props.matchCount === 0}>
        ↓
      </button>
      <span className="log-match-count" data-search-ms={props.searchMs ?? undefined} aria-label="Search result">
        {describeMatches(props.query, props.matchCount, props.currentIndex)}
      </span>
    </div>
  )
}
