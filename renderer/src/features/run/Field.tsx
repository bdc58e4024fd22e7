/**
 * One labelled form field with its message: the message sits right under the control, and the
 * control points at it (aria-describedby) and says it is invalid (aria-invalid) while it is.
 */
import type { ReactElement, ReactNode } from 'react'

export interface ControlProps {
  id: string
  'aria-invalid': boolean | undefined
  'aria-describedby': string | undefined
}

export interface FieldProps {
  id: string
  label: ReactNode
  /** The message to show now (already filtered for touched / submitted), or null. */
  error: string | null | undefined
  hint?: ReactNode
  className?: string
  /** Hide the visible label (it is still the control's name): for table-like rows with column headings. */
  labelHidden?: boolean
  children: (props: ControlProps) => ReactNode
}

export function errorId(id: string): string {
  return `${id}-error`
}

export function controlProps(id: string, error: string | null | undefined, hintId?: string): ControlProps {
  const described = [error ? errorId(id) : null, hintId ?? null].filter(Boolean).join(' ')
  return { id, 'aria-invalid': error ? true : undefined, 'aria-describedby': described || undefined }
}

export function Field({ id, label, error, hint, className, labelHidden, children }: FieldProps): ReactElement {
  const hintId = hint ? `${id}-hint` : undefined
  return (
    <div className={`field${error ? ' has-error' : ''}${className ? ` ${className}` : ''}`}>
      <label htmlFor={id} className={labelHidden ? 'visually-hidden' : 'field-label'}>
        {label}
      </label>
      {children(controlProps(id, error, hintId))}
      {hint ? (
        <span id={hintId} className="field-hint">
          {hint}
        </span>
      ) : null}
      {error ? (
        <span id={errorId(id)} className="field-error">
          {error}
        </span>
      ) : null}
    </div>
  )
}
