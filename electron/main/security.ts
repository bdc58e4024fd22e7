/**
 * App-wide hardening: CSP as a response header, no permissions, no webviews, no navigation, no new
 * windows. Links with target=_blank reach setWindowOpenHandler; http(s) ones a person clicked open in
 * the system browser, and the window itself is always denied.
 */
import { shell, type Session, type WebContents } from 'electron'
import { CONTENT_SECURITY_POLICY } from '../core/rpc/http-security'

export function hardenSession(session: Session): void {
  session.webRequest.onHeadersReceived((details, callback) => {
    // Covers responses with headers (file:// often has none; the meta tag in index.html covers those).
    callback({
      responseHeaders: {
        ...details.responseHeaders,
        'Content-Security-Policy': [CONTENT_SECURITY_POLICY],
        'X-Content-Type-Options': ['nosniff']
      }
    })
  })
  // Berth needs no camera, notifications, geolocation…: refuse every request and check.
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false))
  session.setPermissionCheckHandler(() => false)
}

/** True for http(s) URLs only; anything else (file:, javascript:, custom schemes) is never opened. */
export function isExternalWebUrl(raw: string): boolean {
  try {
    const url = new URL(raw)
    return url.protocol === 'https:' || url.protocol === 'http:'
  } catch {
    return false
  }
}

export function hardenWebContents(contents: WebContents): void {
  contents.on('will-attach-webview', (event) => event.preventDefault())
  contents.on('will-navigate', (event) => event.preventDefault())
  contents.on('will-redirect', (event) => event.preventDefault())
  contents.setWindowOpenHandler(({ url, disposition }) => {
    // Link clicks with target=_blank arrive as foreground/background tabs; script-made popups don't.
    const clicked = disposition === 'foreground-tab' || disposition === 'background-tab'
    if (clicked && isExternalWebUrl(url)) void shell.openExternal(url)
    return { action: 'deny' }
  })
}
