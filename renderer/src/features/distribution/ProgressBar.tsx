/**
 * A progress bar people and screen readers can read: role progressbar with its name, value and
 * maximum (no value while the size is unknown: an indeterminate bar), and words for the value.
 * The fill's width is set through the CSSOM (the CSP allows no inline style attributes).
 */
import { useLayoutEffect, useRef, type ReactElement } from 'react'

export interface ProgressBarProps {
  label: string
  /** 0…max, or null while unknown. */
  value: number | null
  max: number
  /** What a screen reader says for the value, e.g. "12 MB of 30 MB". */
  valueText?: string
  tone?: 'accent' | 'ok'
  size?: 'thin' | 'thick'
}

export function ProgressBar({ label, value, max, valueText, tone = 'accent', size = 'thin' }: ProgressBarProps): ReactElement {
  const fill = useRef<HTMLDivElement>(null)
  const known = value !== null && max > 0
  const percent = known ? Math.max(0, Math.min(100, (value / max) * 100)) : 0
  useLayoutEffect(() => {
    if (fill.current) fill.current.style.width = `${percent}%`
  }, [percent])
  return (
    <div
      role="progressbar"
      aria-label={label}
      aria-valuemin={0}
      aria-valuemax={known ? max : undefined}
      aria-valuenow={known ? Math.round(Math.min(value, max)) : undefined}
      aria-valuetext={valueText}
      className={`dist-bar dist-bar-${size} dist-bar-${tone}${known ? '' : ' is-indeterminate'}`}
    >
      <div ref={fill} className="dist-bar-fill" />
    </div>
  )
}
