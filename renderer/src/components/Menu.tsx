/**
 * A small pop-up menu at a point (a right-click, or below the button that opened it): items are
 * buttons with role menuitem, arrow keys move between them, Escape or a click outside closes it,
 * and the first item takes focus on open. It renders into document.body: a row of a virtualized
 * list is moved with a CSS transform, which would make the menu's fixed position relative to that
 * row (and push it out of the list's scroll box) if it stayed inside.
 */
import { useEffect, useRef, type ReactElement, type KeyboardEvent, type ReactNode } from 'react'
import { createPortal } from 'react-dom'
import { Icon } from './Icon'

export interface MenuItem {
  label: string
  onSelect: () => void
  /** Shown at the right, e.g. "Ctrl+Shift+C"; also given as aria-keyshortcuts when `keys` is set. */
  hint?: ReactNode
  keys?: string
  danger?: boolean
  disabled?: boolean
}

export interface MenuProps {
  label: string
  at: { x: number; y: number }
  items: readonly MenuItem[]
  onClose: () => void
}

export function Menu({ label, at, items, onClose }: MenuProps): ReactElement {
  const menuRef = useRef<HTMLDivElement>(null)

  useEffect(() => {
    const menu = menuRef.current
    // Positioned through CSSOM (allowed by the CSP), kept inside the window.
    if (menu) {
      menu.style.left = `${Math.max(4, Math.min(at.x, window.innerWidth - menu.offsetWidth - 4))}px`
      menu.style.top = `${Math.max(4, Math.min(at.y, window.innerHeight - menu.offsetHeight - 4))}px`
    }
    menu?.querySelector<HTMLButtonElement>('[role="menuitem"]:not([disabled])')?.focus()
    const outside = (event: PointerEvent): void => {
      if (menu && !menu.contains(event.target as Node)) onClose()
    }
    document.addEventListener('pointerdown', outside)
    return () => document.removeEventListener('pointerdown', outside)
  }, [at, onClose])

  const onKeyDown = (event: KeyboardEvent): void => {
    const enabled = [...(menuRef.current?.querySelectorAll<HTMLButtonElement>('[role="menuitem"]:not([disabled])') ?? [])]
    const index = enabled.indexOf(document.activeElement as HTMLButtonElement)
    if (event.key === 'Escape' || event.key === 'Tab') onClose()
    else if (event.key === 'ArrowDown') enabled[(index + 1) % enabled.length]?.focus()
    else if (event.key === 'ArrowUp') enabled[(index - 1 + enabled.length) % enabled.length]?.focus()
    else if (event.key === 'Home') enabled[0]?.focus()
    else if (event.key === 'End') enabled[enabled.length - 1]?.focus()
    else return
    event.preventDefault()
    event.stopPropagation()
  }

  return createPortal(
    <div className="menu" role="menu" aria-label={label} ref={menuRef} onKeyDown={onKeyDown}>
      {items.map((item) => (
        <button
          key={item.label}
          type="button"
          role="menuitem"
          className={item.danger ? 'is-danger' : undefined}
          aria-label={item.label}
          aria-keyshortcuts={item.keys}
          disabled={item.disabled}
          onClick={() => {
            onClose()
            item.onSelect()
          }}
        >
          {item.label} {item.hint ? <kbd>{item.hint}</kbd> : null}
        </button>
      ))}
    </div>,
    document.body
  )
}

/** Where a row's menu opens: under its "More actions" button, right-aligned to it. */
export type MenuPoint = MenuProps['at']

/** A list row's "⋯" button that opens its Menu (the three lists draw it the same way). */
export function MoreActionsButton({ name, open, onOpen }: { name: string; open: boolean; onOpen: (at: MenuPoint) => void }): ReactElement {
  return (
    <button
      type="button"
      className="icon-btn"
      aria-label={`More actions for ${name}`}
      aria-haspopup="menu"
      aria-expanded={open ? 'true' : 'false'}
      title="More actions"
      onClick={(event) => {
        const box = event.currentTarget.getBoundingClientRect()
        onOpen({ x: box.right - 180, y: box.bottom + 2 })
      }}
    >
      <Icon name="more" />
    </button>
  )
}
