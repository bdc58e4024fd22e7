/**
 * Sliders for resource limits, used by the run dialog and by the live limits in Overview:
 * a range for dragging plus a number box for typing, both naming the same value. `onCommit`
 * fires when a change is finished (pointer released, key released, number box left or Enter),
 * which is when live sliders apply it. Memory ranges move on a log scale of round sizes.
 */
import { useMemo, useState, type ReactElement, type ReactNode } from 'react'
import { GIB, MIB } from '../../../../shared/run-validation'
import { controlProps, errorId } from './Field'
import { nearestStop, sizeStops } from './sizeScale'

export type SizeUnit = 'MiB' | 'GiB'

export function formatSize(bytes: number, unit: SizeUnit = bytes >= GIB ? 'GiB' : 'MiB'): string {
  return unit === 'GiB' ? `${+(bytes / GIB).toFixed(2)} GiB` : `${+(bytes / MIB).toFixed(1)} MiB`
}

export function formatCpus(cpus: number): string {
  return `${+cpus.toFixed(2)} CPU${cpus === 1 ? '' : 's'}`
}

interface CommonProps {
  id: string
  label: string
  error?: string | null
  disabled?: boolean
  onCommit?: () => void
  /** Escape in either control: the change is abandoned (live sliders put back the engine's value). */
  onCancel?: () => void
}

const COMMIT_KEYS = new Set(['ArrowLeft', 'ArrowRight', 'ArrowUp', 'ArrowDown', 'PageUp', 'PageDown', 'Home', 'End', 'Enter'])

type KeyHandler = (event: { key: string }) => void

/**
 * The handlers that tell `onCommit` a change is finished, for the range and for the number box,
 * and `onCancel` that it was abandoned.
 */
function commitHandlers(
  onCommit: (() => void) | undefined,
  onCancel: (() => void) | undefined
): {
  range: { onPointerUp?: () => void; onKeyUp: KeyHandler; onKeyDown: KeyHandler }
  number: { onBlur?: () => void; onKeyUp: KeyHandler; onKeyDown: KeyHandler }
} {
  const onKeyDown: KeyHandler = (event) => event.key === 'Escape' && onCancel?.()
  return {
    range: { onPointerUp: onCommit, onKeyUp: (event) => COMMIT_KEYS.has(event.key) && onCommit?.(), onKeyDown },
    number: { onBlur: onCommit, onKeyUp: (event) => event.key === 'Enter' && onCommit?.(), onKeyDown }
  }
}

/** The number box names the same value as the range, so it shares the range's error state. */
function numberBoxAria(id: string, error: string | null | undefined): { 'aria-invalid'?: true; 'aria-describedby'?: string } {
  return error ? { 'aria-invalid': true, 'aria-describedby': errorId(id) } : {}
}

/** The label, the row of controls and the message under them; the range carries `id`. */
function SliderFrame({ id, label, error, children }: { id: string; label: string; error?: string | null; children: ReactNode }): ReactElement {
  return (
    <div className={`field slider-field${error ? ' has-error' : ''}`}>
      <label htmlFor={id} className="field-label">
        {label}
      </label>
      <div className="slider-row">{children}</div>
      {error ? (
        <span id={errorId(id)} className="field-error">
          {error}
        </span>
      ) : null}
    </div>
  )
}

export function CpuSlider(props: CommonProps & { value: number; max: number; onChange: (cpus: number) => void }): ReactElement {
  const { id, label, error, disabled, onCommit, onCancel, value, max, onChange } = props
  const commit = commitHandlers(onCommit, onCancel)
  return (
    <SliderFrame id={id} label={label} error={error}>
      <input
        type="range"
        {...controlProps(id, error)}
        min={0.1}
        max={max}
        step={0.1}
        value={Math.min(value, max)}
        disabled={disabled}
        aria-valuetext={formatCpus(value)}
        onChange={(event) => onChange(Number(event.currentTarget.value))}
        {...commit.range}
      />
      <input
        type="number"
        className="slider-number"
        aria-label={`${label} (number)`}
        {...numberBoxAria(id, error)}
        min={0.01}
        max={max}
        step={0.1}
        value={Number.isFinite(value) ? +value.toFixed(2) : ''}
        disabled={disabled}
        onChange={(event) => onChange(Number(event.currentTarget.value))}
        {...commit.number}
      />
      <span className="slider-unit">of {max}</span>
    </SliderFrame>
  )
}

export function SizeSlider(
  props: CommonProps & { value: number; min: number; max: number; onChange: (bytes: number) => void }
): ReactElement {
  const { id, label, error, disabled, onCommit, onCancel, value, min, max, onChange } = props
  const [unit, setUnit] = useState<SizeUnit>(value >= GIB ? 'GiB' : 'MiB')
  const scale = unit === 'GiB' ? GIB : MIB
  // The range moves along round sizes on a log scale (see sizeScale); its positions are stop indexes.
  const stops = useMemo(() => sizeStops(min, max), [min, max])
  const commit = commitHandlers(onCommit, onCancel)
  return (
    <SliderFrame id={id} label={label} error={error}>
      <input
        type="range"
        {...controlProps(id, error)}
        min={0}
        max={stops.length - 1}
        step={1}
        value={nearestStop(stops, Math.min(value, max))}
        disabled={disabled}
        aria-valuetext={formatSize(value, unit)}
        onChange={(event) => onChange(stops[Number(event.currentTarget.value)] ?? min)}
        {...commit.range}
      />
      <input
        type="number"
        className="slider-number"
        aria-label={`${label} (number, ${unit})`}
        {...numberBoxAria(id, error)}
        min={0}
        step={unit === 'GiB' ? 0.25 : 1}
        value={Number.isFinite(value) ? +(value / scale).toFixed(2) : ''}
        disabled={disabled}
        onChange={(event) => onChange(Math.round(Number(event.currentTarget.value) * scale))}
        {...commit.number}
      />
      <select
        className="select slider-unit-select"
        aria-label={`${label} unit`}
        value={unit}
        disabled={disabled}
        onChange={(event) => setUnit(event.currentTarget.value as SizeUnit)}
      >
        <option value="MiB">MiB</option>
        <option value="GiB">GiB</option>
      </select>
    </SliderFrame>
  )
}
