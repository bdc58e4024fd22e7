/**
 * The Logs tab's controls: what to read (tail, since: checked here before the engine is asked),
 * how to show it (timestamps, wrap, stream filter) and what to do with it (download, clear).
 */
import { useId, useState, type InputHTMLAttributes, type ReactElement } from 'react'
import type { StreamFilter } from './logModel'
import { parseSince, parseTail, type Parsed } from './logOptions'
// The shared text-input look (.input, with its focus and aria-invalid states).
import '../../styles/run.css'

export interface ReadOptions {
  tail: number | 'all'
  since: number | undefined
}

interface LogsToolbarProps {
  read: ReadOptions
  onRead: (read: ReadOptions) => void
  showTimes: boolean
  onShowTimes: (value: boolean) => void
  wrap: boolean
  onWrap: (value: boolean) => void
  filter: StreamFilter
  onFilter: (value: StreamFilter) => void
  tty: boolean
  onDownload: () => void
  onClear: () => void
  canDownload: boolean
}

interface CheckedFieldProps extends Omit<InputHTMLAttributes<HTMLInputElement>, 'aria-invalid' | 'aria-describedby'> {
  label: string
  /** The parse of the field's text: when it failed, the input is marked invalid and the error shown. */
  parsed: Parsed<unknown>
}

/** A labelled input whose text is checked as it is typed, with its error announced next to it. */
function CheckedField({ label, parsed, className, ...input }: CheckedFieldProps): ReactElement {
  const errorId = useId()
  return (
    <div className="log-field">
      <label className="log-label">
        {label}
        <input
          {...input}
          className={className === undefined ? 'input' : `input ${className}`}
          aria-invalid={!parsed.ok}
          aria-describedby={parsed.ok ? undefined : errorId}
        />
      </label>
      {!parsed.ok ? (
        <span id={errorId} className="log-field-error" role="alert">
          {parsed.error}
        </span>
      ) : null}
    </div>
  )
}

export function LogsToolbar(props: LogsToolbarProps): ReactElement {
  const { read, onRead } = props
  const [tailText, setTailText] = useState(String(read.tail))
  const [sinceText, setSinceText] = useState('')
  const tail = parseTail(tailText)
  const since = parseSince(sinceText)

  const applyTail = (): void => {
    if (tail.ok && tail.value !== read.tail) onRead({ ...read, tail: tail.value })
  }

  return (
    <div className="toolbar log-toolbar" role="toolbar" aria-label="Log options">
      <CheckedField
        label="Tail"
        parsed={tail}
        className="log-tail"
        type="text"
        inputMode="numeric"
        aria-label="Lines to show first (tail)"
        value={tailText}
        onChange={(event) => setTailText(event.currentTarget.value)}
        onBlur={applyTail}
        onKeyDown={(event) => {
          if (event.key === 'Enter') applyTail()
        }}
      />
      <CheckedField
        label="Since"
        parsed={since}
        type="datetime-local"
        step={1}
        aria-label="Show lines since"
        value={sinceText}
        onChange={(event) => {
          const text = event.currentTarget.value
          setSinceText(text)
          const parsed = parseSince(text)
          if (parsed.ok && parsed.value !== read.since) onRead({ ...read, since: parsed.value })
        }}
      />
      <label className="check">
        <input type="checkbox" checked={props.showTimes} onChange={(event) => props.onShowTimes(event.currentTarget.checked)} />
        Timestamps
      </label>
      <label className="check">
        <input type="checkbox" checked={props.wrap} onChange={(event) => props.onWrap(event.currentTarget.checked)} />
        Wrap lines
      </label>
      <select
        className="select"
        aria-label="Streams to show"
        value={props.filter}
        disabled={props.tty}
        title={props.tty ? 'This container has a TTY: the engine merges stderr into stdout.' : undefined}
        onChange={(event) => props.onFilter(event.currentTarget.value as StreamFilter)}
      >
        <option value="all">stdout + stderr</option>
        <option value="stdout">stdout only</option>
        <option value="stderr">stderr only</option>
      </select>
      <span className="log-toolbar-spacer" />
      <button type="button" className="btn btn-small" onClick={props.onDownload} disabled={!props.canDownload}>
        Download
      </button>
      <button type="button" className="btn btn-small" onClick={props.onClear}>
        Clear view
      </button>
    </div>
  )
}
