/**
 * xterm.js under our CSP (`style-src 'self'`, no 'unsafe-inline').
 *
 * xterm 6's DOM renderer puts its theme, cell-size and scrollbar rules in <style> elements it
 * creates with `document.createElement('style')` and fills through `textContent`; the CSP blocks
 * those (and logs a violation for each), which leaves the terminal without colours.
 *
 * CSSOM is not inline style: constructed stylesheets (`document.adoptedStyleSheets`) are allowed.
 * So we hand xterm (through its `documentOverride` option) a document whose
 * createElement('style') returns an inert <template> stand-in that mirrors its text into a
 * constructed stylesheet. Everything else is the real document.
 *
 * 24-bit ("truecolor") cell colours are painted with `span.setAttribute('style')` on spans made by
 * the global document (not the override); trueColour.ts routes those through CSSOM instead.
 */

/** The native method, so it still works while openUnderCsp() has document.createElement patched. */
const nativeCreateElement = (doc: Document, tagName: string, options?: ElementCreationOptions): HTMLElement =>
  Document.prototype.createElement.call(doc, tagName, options)

/** A stand-in for xterm's <style>: never parsed as CSS by the page, so nothing for the CSP to block. */
function createStyleStandIn(realDocument: Document): HTMLElement {
  const standIn = nativeCreateElement(realDocument, 'template')
  const sheet = new CSSStyleSheet()
  let text = ''
  let adopted = false
  const adopt = (): void => {
    if (adopted) return
    adopted = true
    realDocument.adoptedStyleSheets = [...realDocument.adoptedStyleSheets, sheet]
  }
  Object.defineProperty(standIn, 'textContent', {
    get: () => text,
    set: (value: string | null) => {
      text = value ?? ''
      sheet.replaceSync(text)
      adopt()
    }
  })
  const remove = standIn.remove.bind(standIn)
  standIn.remove = () => {
    realDocument.adoptedStyleSheets = realDocument.adoptedStyleSheets.filter((s) => s !== sheet)
    adopted = false
    remove()
  }
  return standIn
}

let cached: Document | undefined
let cachedCreateElement: Document['createElement'] | undefined

/** The document to pass as xterm's `documentOverride`. */
export function cspSafeDocument(realDocument: Document = document): Document {
  if (cached && realDocument === document) return cached
  const createElement = (tagName: string, options?: ElementCreationOptions): HTMLElement => {
    const tag = tagName.toLowerCase()
    if (tag === 'style') return createStyleStandIn(realDocument)
    return nativeCreateElement(realDocument, tagName, options)
  }
  const proxy = new Proxy(realDocument, {
    get(target, property) {
      if (property === 'createElement') return createElement
      const value: unknown = Reflect.get(target, property, target)
      // Native methods must run with the real document as `this`.
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value
    }
  })
  if (realDocument === document) {
    cached = proxy
    cachedCreateElement = createElement as Document['createElement']
  }
  return proxy
}

/**
 * Opens xterm in `host` under the CSP. xterm 6 ignores documentOverride for one element — the
 * scrollbar's <style>, created in open() through `mainDocument`, which a precedence slip
 * (`a ?? b ? c : d`) always resolves to the real document — so for the synchronous duration of
 * open() the real document's createElement is the safe one too.
 */
export function openUnderCsp(terminal: { open(parent: HTMLElement): void }, host: HTMLElement): void {
  cspSafeDocument()
  const safe = cachedCreateElement
  const own = Object.prototype.hasOwnProperty.call(document, 'createElement')
  const previous = document.createElement
  if (safe) document.createElement = safe
  try {
    terminal.open(host)
  } finally {
    if (own) document.createElement = previous
    else delete (document as { createElement?: unknown }).createElement
  }
}
