/**
 * One step's output: only the lines in view are in the DOM (a step may send 20,000), at a fixed
 * line height, positioned through the CSSOM (the CSP forbids inline styles in markup). While the
 * step runs the view follows new lines, unless the person scrolled up to read.
 */
import { useEffect, useLayoutEffect, useRef, type ReactElement } from 'react'
import { useRowWindow } from '../logs/useRowWindow'

const LINE_HEIGHT = 18
const OVERSCAN = 20

export interface StepOutputProps {
  label: string
  lines: readonly string[]
  /** Changes whenever lines were appended (the array is appended to in place). */
  version: number
  follow: boolean
  droppedLines: number
}

export function StepOutput({ label, lines, version, follow, droppedLines }: StepOutputProps): ReactElement {
  const scrollRef = useRef<HTMLDivElement>(null)
  const spacerRef = useRef<HTMLDivElement>(null)
  const windowRef = useRef<HTMLDivElement>(null)
  const atBottom = useRef(true)
  const count = lines.length
  const { first, end } = useRowWindow(scrollRef, count, LINE_HEIGHT, OVERSCAN, true)

  useLayoutEffect(() => {
    if (spacerRef.current) spacerRef.current.style.height = `${count * LINE_HEIGHT}px`
    if (windowRef.current) windowRef.current.style.transform = `translateY(${first * LINE_HEIGHT}px)`
  }, [count, first])

  useEffect(() => {
    const element = scrollRef.current
    if (element && follow && atBottom.current) element.scrollTop = element.scrollHeight
  }, [version, follow, count])

  const shown: ReactElement[] = []
  for (let i = first; i < end; i++) {
    const text = lines[i]
    shown.push(
      <div key={i} className={`build-line${text.startsWith(' ---> ') ? ' is-engine' : ''}`}>
        {text || ' '}
      </div>
    )
  }
  return (
    <div className="build-output-wrap">
      <div
        ref={scrollRef}
        className="build-output mono"
        role="log"
        aria-label={label}
        tabIndex={0}
        onScroll={(event) => {
          const element = event.currentTarget
          atBottom.current = element.scrollTop + element.clientHeight >= element.scrollHeight - LINE_HEIGHT
        }}
      >
        <div ref={spacerRef} className="build-output-spacer">
          <div ref={windowRef} className="build-output-window">
            {shown}
          </div>
        </div>
      </div>
      {count === 0 ? <p className="build-output-empty">No output.</p> : null}
      {droppedLines > 0 ? <p className="build-output-empty">{droppedLines.toLocaleString()} more lines were left out (a step shows at most 20,000).</p> : null}
    </div>
  )
}
