/** Placeholder for a dialog whose feature has not landed: says so in words and closes. */
import type { ReactElement } from 'react'
import { Dialog } from './Dialog'

export function NotYetDialog({ title, onClose }: { title: string; onClose: () => void }): ReactElement {
  return (
    <Dialog
      title={title}
      onCancel={onClose}
      actions={
        <button type="button" className="btn" onClick={onClose} data-autofocus>
          Close
        </button>
      }
    >
      <p>This is not available yet.</p>
    </Dialog>
  )
}

export function NotYetPage({ title }: { title: string }): ReactElement {
  return (
    <section className="page" aria-labelledby="not-yet-heading">
      <header className="page-header">
        <h1 id="not-yet-heading">{title}</h1>
      </header>
      <p className="muted">This page is not available yet.</p>
    </section>
  )
}
