/** One labelled field of the remote form, with its problem under it (aria-invalid + described-by). */
import { useId, type ReactElement } from 'react'

export interface RemoteFieldProps {
  label: string
  value: string
  onChange: (value: string) => void
  problem?: string
  hint?: string
  placeholder?: string
  autoFocus?: boolean
  inputMode?: 'numeric' | 'text'
}

export function RemoteField({ label, value, onChange, problem, hint, placeholder, autoFocus, inputMode }: RemoteFieldProps): ReactElement {
  const id = useId()
  const describedBy = [hint ? `${id}-hint` : null, problem ? `${id}-problem` : null].filter(Boolean).join(' ') || undefined
  return (
    <div className="eng-field">
      <label htmlFor={id} className="eng-label">
        {label}
      </label>
      <input
        id={id}
        className="eng-input"
        value={value}
        placeholder={placeholder}
        inputMode={inputMode}
        autoComplete="off"
        spellCheck={false}
        aria-invalid={problem ? true : undefined}
        aria-describedby={describedBy}
        data-autofocus={autoFocus ? true : undefined}
        onChange={(event) => onChange(event.currentTarget.value)}
      />
      {problem ? (
        <span id={`${id}-problem`} className="eng-problem">
          {problem}
        </span>
      ) : null}
      {hint ? (
        <span id={`${id}-hint`} className="eng-hint">
          {hint}
        </span>
      ) : null}
    </div>
  )
}
