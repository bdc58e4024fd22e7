/**
 * The Dialog focuses its [data-autofocus] element once, when it opens. These dialogs change what
 * they show (form → progress → result), and the focused control may vanish with the old view; so
 * on every change of `step` the new view's [data-autofocus] control takes the focus.
 */
import { useEffect, useRef, type RefObject } from 'react'

export function useFocusOnChange(inside: RefObject<HTMLElement | null>, step: string): void {
  const first = useRef(true)
  useEffect(() => {
    if (first.current) {
      first.current = false // the Dialog did it on open
      return
    }
    const dialog = inside.current?.closest('[role="dialog"]')
    dialog?.querySelector<HTMLElement>('[data-autofocus]')?.focus()
  }, [inside, step])
}
