/**
 * The HTTP-level security policy of browser mode, shared by the WebSocket server and (as plain
 * strings) by the Electron shell: one CSP, the token cookie, constant-time token checks and the
 * WebSocket Origin rule. Plain Node: no Electron here.
 */
import { createHash, timingSafeEqual } from 'node:crypto'
import type { IncomingMessage } from 'node:http'
import { isIP } from 'node:net'
import { networkInterfaces } from 'node:os'

/** The same policy as renderer/index.html's meta tag; sent as a header so it also covers non-HTML responses. */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
  "form-action 'none'"
].join('; ')

export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'X-Frame-Options': 'DENY',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin'
}

/**
 * Cookies are scoped by host, not by port, so two Berth servers on one machine would overwrite a
 * shared cookie name; the port in the name keeps them apart.
 */
export function tokenCookieName(port: number): string {
  return `berth_token_${port}`
}

export function tokenCookie(port: number, token: string): string {
  return `${tokenCookieName(port)}=${encodeURIComponent(token)}; HttpOnly; SameSite=Strict; Path=/`
}

/**
 * Compares digests so neither the content nor the length of the real token leaks through timing
 * (timingSafeEqual itself throws on unequal lengths, which would be a length oracle).
 */
export function tokensMatch(expected: string, offered: string | undefined): boolean {
  if (offered === undefined || offered.length === 0 || offered.length > 1024) return false
  const a = createHash('sha256').update(expected).digest()
  const b = createHash('sha256').update(offered).digest()
  return timingSafeEqual(a, b)
}

function cookieValue(req: IncomingMessage, name: string): string | undefined {
  const header = req.headers.cookie
  if (!header) return undefined
  for (const part of header.split(';')) {
    const eq = part.indexOf('=')
    if (eq < 0 || part.slice(0, eq).trim() !== name) continue
    try {
      return decodeURIComponent(part.slice(eq + 1).trim())
    } catch {
      return undefined
    }
  }
  return undefined
}

export interface OfferedToken {
  fromQuery?: string
  fromCookie?: string
}

export function offeredToken(req: IncomingMessage, url: URL, port: number): OfferedToken {
  return { fromQuery: url.searchParams.get('token') ?? undefined, fromCookie: cookieValue(req, tokenCookieName(port)) }
}

const LOOPBACK_NAMES = ['127.0.0.1', 'localhost', '[::1]']

function isLoopbackHost(host: string): boolean {
  return host === 'localhost' || host === '::1' || host === '[::1]' || host.startsWith('127.')
}

function isWildcardHost(host: string): boolean {
  return host === '0.0.0.0' || host === '::' || host === '[::]' || host === ''
}

function urlHost(host: string): string {
  return isIP(host) === 6 ? `[${host}]` : host
}

/**
 * The origins a browser may legitimately send for pages this server served: the bound host and,
 * for loopback, its 127.0.0.1/localhost/[::1] aliases. A wildcard bind (0.0.0.0) is reached by any
 * local interface address, so those count too; names a DNS rebinding attacker controls never do.
 */
export function allowedOrigins(host: string, port: number): Set<string> {
  const hosts = new Set<string>()
  if (isWildcardHost(host)) {
    hosts.add(urlHost(host))
    for (const name of LOOPBACK_NAMES) hosts.add(name)
    for (const list of Object.values(networkInterfaces())) {
      for (const address of list ?? []) hosts.add(urlHost(address.address.split('%')[0]))
    }
  } else {
    hosts.add(urlHost(host))
    if (isLoopbackHost(host)) for (const name of LOOPBACK_NAMES) hosts.add(name)
  }
  return new Set([...hosts].map((h) => `http://${h}:${port}`))
}

/** Non-browser clients send no Origin; browsers always do, and it must be ours. */
export function originAllowed(origin: string | undefined, allowed: Set<string>): boolean {
  if (origin === undefined) return true
  return allowed.has(origin.toLowerCase())
}
