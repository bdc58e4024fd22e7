import type { ReactElement } from 'react'
import { Spinner } from './Spinner'

export interface SubmitActionsProps {
  /** The work is finished: only "Close" remains (and takes the focus). */
  done: boolean
  busy: boolean
  submitLabel: string
  onSubmit: () => void
  onClose: () => void
}

/** The buttons of a dialog that does one piece of work: Cancel + the action, then Close once done. */
export function SubmitActions({ done, busy, submitLabel, onSubmit, onClose }: SubmitActionsProps): ReactElement {
  if (done) {
    return (
      <button type="button" className="btn btn-primary" data-autofocus onClick={onClose}>
        Close
      </button>
    )
  }
  return (
    <>
      <button type="button" className="btn" onClick={onClose}>
        Cancel
      </button>
      <button type="button" className="btn btn-primary" disabled={busy} aria-busy={busy || undefined} onClick={onSubmit}>
        {busy ? <Spinner /> : null}
        {submitLabel}
      </button>
    </>
  )
}
