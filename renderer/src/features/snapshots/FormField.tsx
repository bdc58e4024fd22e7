/** A labelled input or text area with its problem shown next to it (aria-invalid + described-by). */
import { useId, type ReactElement } from 'react'

export interface FormFieldProps {
  label: string
  value: string
  onChange: (value: string) => void
  problem?: string | null
  hint?: string
  placeholder?: string
  multiline?: boolean
  autoFocus?: boolean
}

export function FormField({ label, value, onChange, problem, hint, placeholder, multiline, autoFocus }: FormFieldProps): ReactElement {
  const id = useId()
  const describedBy = [hint ? `${id}-hint` : null, problem ? `${id}-problem` : null].filter(Boolean).join(' ') || undefined
  const common = {
    id,
    value,
    placeholder,
    'aria-invalid': problem ? true : undefined,
    'aria-describedby': describedBy,
    'data-autofocus': autoFocus ? true : undefined,
    spellCheck: false
  }
  return (
    <div className="snap-field">
      <label htmlFor={id} className="snap-label">
        {label}
      </label>
      {multiline ? (
        <textarea {...common} rows={4} className="snap-input snap-textarea" onChange={(e) => onChange(e.currentTarget.value)} />
      ) : (
        <input {...common} type="text" className="snap-input" onChange={(e) => onChange(e.currentTarget.value)} />
      )}
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
