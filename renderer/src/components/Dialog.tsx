/**
 * A modal dialog: labelled by its title, focus kept inside while open (Tab and Shift+Tab wrap),
 * Escape cancels, and focus goes back to whatever opened it when it closes. When the content
 * changes under the focus (the pressed button is replaced by a result and "Close"), focus would
 * fall to the page body, where Escape and Tab no longer reach the dialog: it is put back on the
 * dialog's [data-autofocus] element.
 */
import { useEffect, useId, useLayoutEffect, useRef, type ReactElement, type ReactNode, type KeyboardEvent } from 'react'

const FOCUSABLE =
  'button:not([disabled]), [href], input:not([disabled]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])'

export interface DialogProps {
  title: string
  children: ReactNode
  /** The buttons row; the first element with data-autofocus gets focus on open. */
  actions: ReactNode
  onCancel: () => void
  /** Where focus returns on close; defaults to the element focused when the dialog opened. */
  returnFocusTo?: HTMLElement | null
}

export function Dialog({ title, children, actions, onCancel, returnFocusTo }: DialogProps): ReactElement {
  const titleId = useId()
  const panelRef = useRef<HTMLDivElement>(null)
  // Captured during the first render, before anything inside the dialog can take focus.
  const openerRef = useRef<HTMLElement | null>(
    returnFocusTo ?? (document.activeElement instanceof HTMLElement ? document.activeElement : null)
  )

  // Before the first paint (a layout effect, not a passive one): a key pressed as the dialog
  // appears must land in it, not on the button that opened it (a renderer test caught that gap
  // under load).
  useLayoutEffect(() => {
    const panel = panelRef.current
    const preferred = panel?.querySelector<HTMLElement>('[data-autofocus]')
    const first = panel?.querySelector<HTMLElement>(FOCUSABLE)
    ;(preferred ?? first ?? panel)?.focus()
    const opener = openerRef.current
    return () => {
      // The opener may be gone (its row was removed); then there is nothing sensible to focus.
      if (opener && opener.isConnected) opener.focus()
    }
  }, [])

  useEffect(() => {
    const panel = panelRef.current
    const lost = document.activeElement === null || document.activeElement === document.body
    if (panel && lost) (panel.querySelector<HTMLElement>('[data-autofocus]') ?? panel).focus()
  })

  function onKeyDown(event: KeyboardEvent<HTMLDivElement>): void {
    if (event.key === 'Escape') {
      event.stopPropagation()
      onCancel()
      return
    }
    if (event.key !== 'Tab' || !panelRef.current) return
    const focusable = [...panelRef.current.querySelectorAll<HTMLElement>(FOCUSABLE)]
    if (focusable.length === 0) return
    const first = focusable[0]
    const last = focusable[focusable.length - 1]
    const active = document.activeElement
    if (event.shiftKey && (active === first || active === panelRef.current)) {
      event.preventDefault()
      last.focus()
    } else if (!event.shiftKey && active === last) {
      event.preventDefault()
      first.focus()
    }
  }

  return (
    <div className="dialog-backdrop" onMouseDown={(event) => event.target === event.currentTarget && onCancel()}>
      <div
        ref={panelRef}
        className="dialog"
        role="dialog"
        aria-modal="true"
        aria-labelledby={titleId}
        tabIndex={-1}
        onKeyDown={onKeyDown}
      >
        <h2 id={titleId} className="dialog-title">
          {title}
        </h2>
        <div className="dialog-body">{children}</div>
        <div className="dialog-actions">{actions}</div>
      </div>
    </div>
  )
}
