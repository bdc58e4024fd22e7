import type { ReactElement } from 'react'
import { Icon } from './Icon'

export interface ShownError {
  key: number | string
  message: string
}

/** Errors in words, each in its own alert with a way to dismiss it. */
export function ErrorAlerts({
  errors,
  onDismiss
}: {
  errors: readonly ShownError[]
  onDismiss: (key: ShownError['key']) => void
}): ReactElement | null {
  if (errors.length === 0) return null
  return (
    <div className="alerts">
      {errors.map((error) => (
        <div key={error.key} role="alert" className="alert alert-error">
          <span className="alert-text">{error.message}</span>
          <button type="button" className="btn btn-ghost btn-small" onClick={() => onDismiss(error.key)}>
            <Icon name="close" />
            Dismiss
          </button>
        </div>
      ))}
    </div>
  )
}
