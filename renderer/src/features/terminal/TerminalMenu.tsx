/** The terminal's right-click menu: Copy and Paste (see components/Menu for keyboard and closing). */
import type { ReactElement } from 'react'
import { Menu } from '../../components/Menu'

interface TerminalMenuProps {
  at: { x: number; y: number }
  onCopy: () => void
  onPaste: () => void
  onClose: () => void
}

export function TerminalMenu({ at, onCopy, onPaste, onClose }: TerminalMenuProps): ReactElement {
  return (
    <Menu
      label="Terminal actions"
      at={at}
      onClose={onClose}
      items={[
        { label: 'Copy', hint: 'Ctrl+Shift+C', keys: 'Control+Shift+C', onSelect: onCopy },
        { label: 'Paste', hint: 'Ctrl+Shift+V', keys: 'Control+Shift+V', onSelect: onPaste }
      ]}
    />
  )
}
