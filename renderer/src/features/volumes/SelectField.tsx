/** A labelled <select> with its hint and problem beside it, styled like the text fields (FormField). */
import { useId, type ReactElement } from 'react'

export interface SelectOption {
  value: string
  label: string
  disabled?: boolean
}

export interface SelectFieldProps {
  label: string
  value: string
  options: readonly SelectOption[]
  onChange: (value: string) => void
  hint?: string
  problem?: string | null
  autoFocus?: boolean
}

export function SelectField({ label, value, options, onChange, hint, problem, autoFocus }: SelectFieldProps): ReactElement {
  const id = useId()
  const describedBy = [hint ? `${id}-hint` : null, problem ? `${id}-problem` : null].filter(Boolean).join(' ') || undefined
  return (
    <div className="snap-field">
      <label htmlFor={id} className="snap-label">
        {label}
      </label>
      <select
        id={id}
        className="snap-input"
        value={value}
        aria-invalid={problem ? true : undefined}
        aria-describedby={describedBy}
        data-autofocus={autoFocus ? true : undefined}
        onChange={(event) => onChange(event.currentTarget.value)}
      >
        {options.map((option) => (
          <option key={option.value} value={option.value} disabled={option.disabled}>
            {option.label}
          </option>
        ))}
      </select>
      {hint ? (
        <span id={`${id}-hint`} className="snap-hint">
          {hint}
        </span>
      ) : null}
      {problem ? (
        <span id={`${id}-problem`} className="snap-problem">
          {problem}
        </span>
      ) : null}
    </div>
  )
}
