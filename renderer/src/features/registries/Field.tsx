/** A labelled text or password input with its problem shown under it (aria-invalid + described-by). */
import { useId, type ReactElement } from 'react'

export interface FieldProps {
  label: string
  value: string
  onChange: (value: string) => void
  problem?: string | null
  hint?: string
  placeholder?: string
  type?: 'text' | 'password'
  autoFocus?: boolean
  autoComplete?: string
}

export function Field({ label, value, onChange, problem, hint, placeholder, type = 'text', autoFocus, autoComplete }: FieldProps): ReactElement {
  const id = useId()
  const describedBy = [hint ? `${id}-hint` : null, problem ? `${id}-problem` : null].filter(Boolean).join(' ') || undefined
  return (
    <div className="reg-field">
      <label htmlFor={id} className="reg-label">
        {label}
      </label>
      <input
        id={id}
        type={type}
        className="reg-input"
        value={value}
        placeholder={placeholder}
        autoComplete={autoComplete ?? 'off'}
        spellCheck={false}
        aria-invalid={problem ? true : undefined}
        aria-describedby={describedBy}
        data-autofocus={autoFocus ? true : undefined}
        onChange={(event) => onChange(event.currentTarget.value)}
      />
      {hint ? (
        <span id={`${id}-hint`} className="reg-hint">
          {hint}
        </span>
      ) : null}
      {problem ? (
        <span id={`${id}-problem`} className="reg-problem">
          {problem}
        </span>
      ) : null}
    </div>
  )
}
