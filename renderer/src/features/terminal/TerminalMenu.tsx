/** The terminal's right-click menu: Copy and Paste, keyboard-operable, closed by Escape or a click outside. */
import { useEffect, useRef, type ReactElement, type KeyboardEvent } from 'react'

interface TerminalMenuProps {
  at: { x: number; y: number }
  onCopy: () => void
  onPaste: () => void
  onClose: () => void
}

export function TerminalMenu({ at, onCopy, onPaste, onClose }: TerminalMenuProps): ReactElement {
  const menuRef = useRef<HTMLDivElement>(null)

  useEffect(() => {
    const menu = menuRef.current
    // Positioned through CSSOM (allowed by the CSP), kept inside the window.
    if (menu) {
      menu.style.left = `${Math.min(at.x, window.innerWidth - menu.offsetWidth - 4)}px`
      menu.style.top = `${Math.min(at.y, window.innerHeight - menu.offsetHeight - 4)}px`
    }
    menu?.querySelector<HTMLButtonElement>('[role="menuitem"]')?.focus()
    const outside = (event: PointerEvent): void => {
      if (menu && !menu.contains(event.target as Node)) onClose()
    }
    document.addEventListener('pointerdown', outside)
    return () => document.removeEventListener('pointerdown', outside)
  }, [at, onClose])

  const onKeyDown = (event: KeyboardEvent): void => {
    const items = [...(menuRef.current?.querySelectorAll<HTMLButtonElement>('[role="menuitem"]') ?? [])]
    const index = items.indexOf(document.activeElement as HTMLButtonElement)
    if (event.key === 'Escape') onClose()
    else if (event.key === 'ArrowDown') items[(index + 1) % items.length]?.focus()
    else if (event.key === 'ArrowUp') items[(index - 1 + items.length) % items.length]?.focus()
    else return
    event.preventDefault()
    event.stopPropagation()
  }

  return (
    <div className="terminal-menu" role="menu" aria-label="Terminal actions" ref={menuRef} onKeyDown={onKeyDown}>
      <button type="button" role="menuitem" aria-label="Copy" aria-keyshortcuts="Control+Shift+C" onClick={onCopy}>
        Copy <kbd>Ctrl+Shift+C</kbd>
      </button>
      <button type="button" role="menuitem" aria-label="Paste" aria-keyshortcuts="Control+Shift+V" onClick={onPaste}>
        Paste <kbd>Ctrl+Shift+V</kbd>
      </button>
    </div>
  )
}
