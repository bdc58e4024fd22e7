/**
 * One xterm.js screen bound to a TerminalSession while mounted. Remounting (tab or page switch)
 * builds a fresh xterm and the session replays its buffer into it. Output is acknowledged only
 * in xterm's write callback, i.e. once parsed into the buffer, which is what keeps a flood from
 * queueing up in the renderer.
 */
import '@xterm/xterm/css/xterm.css'
import '../../styles/terminal.css'
import { Terminal } from '@xterm/xterm'
import { FitAddon } from '@xterm/addon-fit'
import { WebLinksAddon } from '@xterm/addon-web-links'
import { useEffect, useRef, useState, type ReactElement, type MouseEvent } from 'react'
import { cspSafeDocument, openUnderCsp } from './cspSafeDocument'
import { paintTrueColourWithCssom } from './trueColour'
import { currentTheme, followOsTheme } from './theme'
import type { TerminalSession } from './terminalSession'
import { TerminalMenu } from './TerminalMenu'
import { copySelection, isClipboardShortcut, pasteInto } from './clipboard'

interface TerminalViewProps {
  session: TerminalSession
  /** The accessible name of the terminal region, e.g. "Terminal for web". */
  label: string
  visible: boolean
}

/** Only web links open, in a new tab (Electron's window-open handler hands them to the OS browser). */
function openWebLink(uri: string): void {
  if (!/^https?:\/\//i.test(uri)) return
  window.open(uri, '_blank', 'noopener,noreferrer')
}

export function TerminalView({ session, label, visible }: TerminalViewProps): ReactElement {
  const hostRef = useRef<HTMLDivElement>(null)
  const terminalRef = useRef<Terminal | null>(null)
  const fitRef = useRef<(() => void) | null>(null)
  const [menuAt, setMenuAt] = useState<{ x: number; y: number } | null>(null)

  useEffect(() => {
    const host = hostRef.current
    if (!host) return
    const terminal = new Terminal({
      documentOverride: cspSafeDocument(),
      fontFamily: "ui-monospace, 'SF Mono', 'Cascadia Mono', Menlo, 'DejaVu Sans Mono', 'Liberation Mono', monospace",
      fontSize: 13,
      theme: currentTheme(),
      scrollback: 5000,
      cursorBlink: true,
      allowProposedApi: false
    })
    const fit = new FitAddon()
    terminal.loadAddon(fit)
    terminal.loadAddon(new WebLinksAddon((_event, uri) => openWebLink(uri)))
    openUnderCsp(terminal, host)
    paintTrueColourWithCssom(terminal)
    terminal.attachCustomKeyEventHandler((event) => {
      const shortcut = isClipboardShortcut(event)
      if (!shortcut) return true
      // Ours, not the browser's: Ctrl+Shift+C would open devtools, Ctrl+Shift+V paste twice.
      event.preventDefault()
      if (shortcut === 'copy') void copySelection(terminal)
      else void pasteInto(terminal)
      return false
    })
    terminalRef.current = terminal

    const detach = session.attach({ write: (data, rendered) => terminal.write(data, rendered), reset: () => terminal.reset() })
    const typed = terminal.onData((data) => session.input(data))
    const binary = terminal.onBinary((data) => session.input(data))
    const stopTheme = followOsTheme((theme) => {
      terminal.options.theme = theme
    })

    // Fit at most once a frame, and never while hidden (a hidden panel measures 0×0).
    let frame = 0
    const fitNow = (): void => {
      if (host.clientWidth === 0 || host.clientHeight === 0) return
      fit.fit()
      session.resize(terminal.cols, terminal.rows)
    }
    fitRef.current = fitNow
    const observer = new ResizeObserver(() => {
      cancelAnimationFrame(frame)
      frame = requestAnimationFrame(fitNow)
    })
    observer.observe(host)
    fitNow()

    return () => {
      cancelAnimationFrame(frame)
      observer.disconnect()
      fitRef.current = null
      terminalRef.current = null
      stopTheme()
      typed.dispose()
      binary.dispose()
      detach()
      terminal.dispose()
    }
  }, [session])

  useEffect(() => {
    if (!visible) return
    fitRef.current?.()
    terminalRef.current?.focus()
  }, [visible])

  const openMenu = (event: MouseEvent): void => {
    event.preventDefault()
    setMenuAt({ x: event.clientX, y: event.clientY })
  }
  const closeMenu = (): void => {
    setMenuAt(null)
    terminalRef.current?.focus()
  }

  return (
    <section className="terminal-screen" aria-label={label} onContextMenu={openMenu}>
      <div className="terminal-host" ref={hostRef} />
      {menuAt && (
        <TerminalMenu
          at={menuAt}
          onCopy={() => {
            if (terminalRef.current) void copySelection(terminalRef.current)
            closeMenu()
          }}
          onPaste={() => {
            if (terminalRef.current) void pasteInto(terminalRef.current)
            closeMenu()
          }}
          onClose={closeMenu}
        />
      )}
    </section>
  )
}
