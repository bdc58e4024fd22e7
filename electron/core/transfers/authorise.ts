/**
 * Who may use a transfer URL: the page itself, and nothing else. Stricter than the page load:
 * the token must come from the HttpOnly cookie (a token in the URL would let a copied link
 * work), a browser's Origin must be ours, and a browser's Sec-Fetch-Site must say same-origin
 * (SameSite=Strict already keeps the cookie off cross-site requests; this refuses the rest).
 * Non-browser clients send neither header and are held to the cookie and the one-time ticket.
 */
import type { IncomingMessage } from 'node:http'
import { offeredToken, originAllowed, tokensMatch } from '../rpc/http-security'

export type TransferVerdict = { ok: true } | { ok: false; status: 401 | 403; message: string }

function header(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name]
  return Array.isArray(value) ? value[0] : value
}

export function authoriseTransfer(req: IncomingMessage, url: URL, token: string, port: number, origins: Set<string>): TransferVerdict {
  if (!tokensMatch(token, offeredToken(req, url, port).fromCookie)) {
    return { ok: false, status: 401, message: 'Unauthorized: transfers need the session cookie of the Berth page that started them.\n' }
  }
  if (!originAllowed(header(req, 'origin'), origins)) return { ok: false, status: 403, message: 'Forbidden: another origin.\n' }
  const site = header(req, 'sec-fetch-site')
  if (site !== undefined && site !== 'same-origin') return { ok: false, status: 403, message: 'Forbidden: not a same-origin request.\n' }
  return { ok: true }
}
