/**
 * 24-bit ("truecolor") cell colours under our CSP (`style-src 'self'`, no 'unsafe-inline').
 *
 * xterm 6's DOM renderer paints an RGB cell colour — and a colour it adjusted for minimum
 * contrast — with `span.setAttribute('style', …)`; the CSP blocks style attributes, so those
 * cells lost their colour. The same declarations set through CSSOM (`element.style`) are not
 * inline markup and the CSP allows them. xterm has no option for this, so the one private method
 * that writes the attribute is replaced on the renderer's row factory. Should a later xterm
 * rename it, nothing is replaced, `paintTrueColourWithCssom` answers false, and the terminal e2e
 * test that checks a 24-bit cell's computed colour fails.
 */

interface RowFactoryLike {
  _addStyle?: (element: HTMLElement, style: string) => void
}

interface TerminalInternals {
  _core?: { _renderService?: { _renderer?: { value?: { _rowFactory?: RowFactoryLike } } } }
}

/** Makes the DOM renderer set RGB colours through CSSOM; false when xterm's internals differ. */
export function paintTrueColourWithCssom(terminal: object): boolean {
  const factory = (terminal as TerminalInternals)._core?._renderService?._renderer?.value?._rowFactory
  if (!factory || typeof factory._addStyle !== 'function') return false
  factory._addStyle = (element, style) => {
    element.style.cssText += `${style};`
  }
  return true
}
