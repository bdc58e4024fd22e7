/**
 * Keeps the keyboard inside the open dialog when its content changes under the focus (the button
 * that was pressed is replaced by a result and "Close"): focus would fall to the page body, where
 * Escape and Tab no longer reach the dialog. Moves it to the dialog's [data-autofocus] element.
 */
import { useEffect } from 'react'

export function useRefocus(trigger: unknown): void {
  useEffect(() => {
    const panel = document.querySelector<HTMLElement>('[role="dialog"][aria-modal="true"]')
    if (!panel || panel.contains(document.activeElement)) return
    ;(panel.querySelector<HTMLElement>('[data-autofocus]') ?? panel).focus()
  }, [trigger])
}
