/** Browser-mode HTTP rules: token comparison, the cookie, which WebSocket origins count as ours. */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import {
  CONTENT_SECURITY_POLICY,
  allowedOrigins,
  originAllowed,
  tokenCookie,
  tokensMatch
} from '../../electron/core/rpc/http-security'
import { contentTypeFor } from '../../electron/core/rpc/static-files'

describe('tokensMatch', () => {
  const token = 'a-very-secret-token-value-123456'
  it('matches only the exact token', () => {
    expect(tokensMatch(token, token)).toBe(true)
    expect(tokensMatch(token, token.slice(0, -1))).toBe(false)
    expect(tokensMatch(token, `${token}x`)).toBe(false)
    expect(tokensMatch(token, token.toUpperCase())).toBe(false)
  })
  it('refuses missing, empty and absurdly long offers', () => {
    expect(tokensMatch(token, undefined)).toBe(false)
    expect(tokensMatch(token, '')).toBe(false)
    expect(tokensMatch(token, 'x'.repeat(5000))).toBe(false)
  })
})

describe('tokenCookie', () => {
  it('is HttpOnly, SameSite=Strict, whole-site, and named per port', () => {
    const cookie = tokenCookie(7780, 'abc')
    expect(cookie).toBe('berth_token_7780=abc; HttpOnly; SameSite=Strict; Path=/')
    expect(tokenCookie(7781, 'abc').startsWith('berth_token_7781=')).toBe(true)
  })
})

describe('WebSocket origins', () => {
  it('loopback binds accept their own origin and the 127.0.0.1/localhost aliases on the same port only', () => {
    const allowed = allowedOrigins('127.0.0.1', 7780)
    expect(originAllowed(undefined, allowed)).toBe(true)
    for (const ok of ['http://127.0.0.1:7780', 'http://localhost:7780', 'http://[::1]:7780', 'HTTP://LOCALHOST:7780']) {
      expect(originAllowed(ok, allowed), ok).toBe(true)
    }
    for (const bad of ['http://127.0.0.1:7781', 'https://127.0.0.1:7780', 'http://evil.example', 'null', '', 'http://localhost.evil.example:7780']) {
      expect(originAllowed(bad, allowed), bad).toBe(false)
    }
  })

  it('a specific non-loopback bind accepts only that address', () => {
    const allowed = allowedOrigins('192.0.2.10', 8000)
    expect(originAllowed('http://192.0.2.10:8000', allowed)).toBe(true)
    expect(originAllowed('http://localhost:8000', allowed)).toBe(false)
  })

  it('a wildcard bind accepts loopback and local interface addresses, never arbitrary names', () => {
    const allowed = allowedOrigins('0.0.0.0', 8000)
    expect(originAllowed('http://127.0.0.1:8000', allowed)).toBe(true)
    expect(originAllowed('http://0.0.0.0:8000', allowed)).toBe(true)
    expect(originAllowed('http://evil.example:8000', allowed)).toBe(false)
  })
})

describe('static content types and CSP', () => {
  it('names the types a Vite build emits', () => {
    expect(contentTypeFor('/x/index.html')).toBe('text/html; charset=utf-8')
    expect(contentTypeFor('a.JS')).toBe('text/javascript; charset=utf-8')
    expect(contentTypeFor('a.css')).toBe('text/css; charset=utf-8')
    expect(contentTypeFor('a.svg')).toBe('image/svg+xml')
    expect(contentTypeFor('a.woff2')).toBe('font/woff2')
    expect(contentTypeFor('noextension')).toBe('application/octet-stream')
  })
  it('the CSP forbids inline script, plugins, framing, base and form targets', () => {
    for (const directive of ["script-src 'self'", "object-src 'none'", "frame-ancestors 'none'", "base-uri 'none'", "form-action 'none'"]) {
      expect(CONTENT_SECURITY_POLICY).toContain(directive)
    }
    expect(CONTENT_SECURITY_POLICY).not.toContain('unsafe')
  })
})

describe('renderer/index.html', () => {
  it('carries the same CSP in its meta tag (minus frame-ancestors, which browsers ignore in meta)', () => {
    const html = readFileSync(join(__dirname, '../../renderer/index.html'), 'utf8')
    const meta = /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(html)?.[1]
    const expected = CONTENT_SECURITY_POLICY.split('; ')
      .filter((directive) => !directive.startsWith('frame-ancestors'))
      .join('; ')
    expect(meta).toBe(expected)
    expect(html).toContain('<div id="root"></div>')
    // The one script: the small boot entry (it loads the app); no inline code anywhere.
    expect(html.match(/<script\b/g)).toHaveLength(1)
    expect(html).toContain('<script type="module" src="./src/boot.ts"></script>')
  })
})
