/**
 * Copy and paste for the terminal. Ctrl+Shift+C / Ctrl+Shift+V because plain Ctrl+C and Ctrl+V
 * belong to the shell (interrupt, literal next); the context menu offers the same two actions.
 */
import type { Terminal } from '@xterm/xterm'

export type ClipboardShortcut = 'copy' | 'paste'

export function isClipboardShortcut(event: KeyboardEvent): ClipboardShortcut | null {
  if (event.type !== 'keydown' || !event.ctrlKey || !event.shiftKey || event.altKey || event.metaKey) return null
  const key = event.key.toLowerCase()
  if (key === 'c' || event.code === 'KeyC') return 'copy'
  if (key === 'v' || event.code === 'KeyV') return 'paste'
  return null
}

export async function copySelection(terminal: Pick<Terminal, 'getSelection'>): Promise<void> {
  const text = terminal.getSelection()
  if (!text) return
  await navigator.clipboard.writeText(text).catch(() => {
    // Clipboard permission refused: nothing sensible to do beyond leaving the selection.
  })
}

/** xterm's paste() applies bracketed-paste mode and line-ending rules, then emits onData. */
export async function pasteInto(terminal: Pick<Terminal, 'paste' | 'focus'>): Promise<void> {
  const text = await navigator.clipboard.readText().catch(() => '')
  if (text) terminal.paste(text)
  terminal.focus()
}
