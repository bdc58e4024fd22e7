import { connect as tcpConnect } from 'node:net'
import { networkInterfaces } from 'node:os'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { CONTENT_SECURITY_POLICY } from '../../electron/core/rpc/http-security'
import { MAX_FRAME_BYTES, type ServerFrame } from '../../shared/wire'
import { SECRET_TEXT, TEST_TOKEN, startTestServer, type TestServer } from './support/berthServer'
import { connect, openConnection, rawGet } from './support/wsClient'

let t: TestServer
let port: number
let cookie: string

beforeAll(async () => {
  t = await startTestServer()
  port = t.server.port
  cookie = `berth_token_${port}=${TEST_TOKEN}`
})
afterAll(async () => {
  await t?.stop()
})

const wsUrl = (query = ''): string => `ws://127.0.0.1:${port}/rpc${query}`

describe('HTTP: token, cookie, headers', () => {
  it('binds 127.0.0.1 by default', async () => {
    expect(t.server.host).toBe('127.0.0.1')
    expect(t.server.url).toBe(`http://127.0.0.1:${port}/`)
    const external = Object.values(networkInterfaces())
      .flat()
      .find((a) => a && a.family === 'IPv4' && !a.internal)
    if (!external) return // No non-loopback interface on this machine: nothing else to try.
    const refused = await new Promise<boolean>((resolve) => {
      const socket = tcpConnect({ host: external.address, port })
      socket.once('connect', () => resolve(socket.destroy() && false))
      socket.once('error', () => resolve(true))
    })
    expect(refused).toBe(true)
  })

  it('answers 401 without a token and with a wrong one, still with security headers', async () => {
    for (const path of ['/', '/?token=wrong-token-wrong-token', '/assets/app.js']) {
      const res = await rawGet(port, path)
      expect(res.status, path).toBe(401)
      expect(res.body).toMatch(/token/)
      expect(res.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY)
      expect(res.headers['set-cookie']).toBeUndefined()
    }
    const wrongCookie = await rawGet(port, '/', { cookie: `berth_token_${port}=nope-nope-nope-nope` })
    expect(wrongCookie.status).toBe(401)
  })

  it('answers the right token with an HttpOnly SameSite=Strict cookie and a 303 to the address without the token', async () => {
    const res = await rawGet(port, `/?token=${TEST_TOKEN}`)
    expect(res.status).toBe(303)
    expect(res.headers.location).toBe('/')
    expect(res.headers['cache-control']).toBe('no-store')
    const page = await rawGet(port, String(res.headers.location), { cookie })
    expect(page.status).toBe(200)
    expect(page.body).toContain('<div id="root"></div>')
    expect(page.headers['content-type']).toBe('text/html; charset=utf-8')
    const setCookie = String(res.headers['set-cookie'])
    expect(setCookie).toContain(`berth_token_${port}=${TEST_TOKEN}`)
    expect(setCookie).toMatch(/HttpOnly/)
    expect(setCookie).toMatch(/SameSite=Strict/)
    expect(setCookie).toMatch(/Path=\//)
    expect(res.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY)
    expect(CONTENT_SECURITY_POLICY).toContain("script-src 'self'")
    expect(CONTENT_SECURITY_POLICY).toContain("frame-ancestors 'none'")
    expect(res.headers['x-content-type-options']).toBe('nosniff')
    expect(res.headers['referrer-policy']).toBe('no-referrer')
  })

  it('keeps the rest of the address in the redirect, never as a protocol-relative (off-site) one', async () => {
    const kept = await rawGet(port, `/index.html?a=1&token=${TEST_TOKEN}&b=two`)
    expect(kept.status).toBe(303)
    expect(kept.headers.location).toBe('/index.html?a=1&b=two')
    // `/.//x` normalises to the path `//x`, which as a Location would mean the host x.
    const offSite = await rawGet(port, `/.//evil.example/?token=${TEST_TOKEN}`)
    expect(offSite.status).toBe(303)
    expect(offSite.headers.location).toBe('/evil.example/')
    // Signed in by cookie, a stale or wrong token in the address is dropped too (but sets no cookie).
    const stale = await rawGet(port, '/?token=stale-token-stale-token', { cookie })
    expect(stale.status).toBe(303)
    expect(stale.headers.location).toBe('/')
    expect(stale.headers['set-cookie']).toBeUndefined()
  })

  it('serves assets by cookie with their content types, and no index fallback for unknown paths', async () => {
    const js = await rawGet(port, '/assets/app.js', { cookie })
    expect(js.status).toBe(200)
    expect(js.headers['content-type']).toBe('text/javascript; charset=utf-8')
    expect(js.body).toContain('berth')
    const css = await rawGet(port, '/assets/app.css', { cookie })
    expect(css.headers['content-type']).toBe('text/css; charset=utf-8')
    const missing = await rawGet(port, '/containers/web', { cookie })
    expect(missing.status).toBe(404)
    expect(missing.body).not.toContain('root')
    const post = await rawGet(port, '/', { cookie }, 'POST')
    expect(post.status).toBe(405)
  })

  it('never serves a file outside the static root', async () => {
    const attempts = [
      '/../secret.txt',
      '/%2e%2e/secret.txt',
      '/..%2fsecret.txt',
      '/assets/..%2f..%2fsecret.txt',
      '/assets/%2e%2e%2f%2e%2e%2fsecret.txt',
      '/..%5csecret.txt',
      '/%252e%252e/secret.txt',
      '/assets/app.js%00.txt',
      '//etc/passwd',
      '/%c0%ae%c0%ae/secret.txt'
    ]
    for (const path of attempts) {
      const res = await rawGet(port, path, { cookie })
      expect([400, 404], `${path} → ${res.status}`).toContain(res.status)
      expect(res.body).not.toContain(SECRET_TEXT)
      expect(res.body).not.toContain('root:')
    }
  })
})

describe('WebSocket /rpc: auth and origin', () => {
  it('refuses no token and a wrong token with 401', async () => {
    expect(await connect(wsUrl())).toEqual({ kind: 'refused', status: 401 })
    expect(await connect(wsUrl('?token=not-the-token-at-all'))).toEqual({ kind: 'refused', status: 401 })
    expect(await connect(wsUrl(), { cookie: `berth_token_${port}=not-the-token` })).toEqual({ kind: 'refused', status: 401 })
  })

  it('refuses a foreign Origin with 403 even with the right token', async () => {
    for (const origin of ['http://evil.example', `http://evil.example:${port}`, `http://127.0.0.1:${port + 1}`, 'null']) {
      expect(await connect(wsUrl(`?token=${TEST_TOKEN}`), { origin }), origin).toEqual({ kind: 'refused', status: 403 })
    }
  })

  it('refuses other paths with 404', async () => {
    expect(await connect(`ws://127.0.0.1:${port}/other?token=${TEST_TOKEN}`)).toEqual({ kind: 'refused', status: 404 })
  })

  it('accepts same-origin (and its localhost alias) by cookie and answers engines.list from the real engine', async () => {
    for (const origin of [`http://127.0.0.1:${port}`, `http://localhost:${port}`]) {
      const c = await openConnection(wsUrl(), { origin, cookie })
      c.socket.send(JSON.stringify({ t: 'call', id: 1, method: 'engines.list', input: {} }))
      const [frame] = await c.waitFor(1)
      expect(frame.t).toBe('ok')
      const engines = (frame as Extract<ServerFrame, { t: 'ok' }>).output as Array<{ id: string; active: boolean }>
      expect(engines.some((engine) => engine.active)).toBe(true)
      c.socket.close()
    }
  })

  it('answers binary, non-JSON and oversized messages with err frames (id null) and keeps the socket', async () => {
    const c = await openConnection(wsUrl(`?token=${TEST_TOKEN}`))
    c.socket.send(Buffer.from([1, 2, 3]))
    c.socket.send('{"t":"call",')
    c.socket.send(JSON.stringify({ t: 'call', id: 1, method: 'engines.list', input: { pad: 'x'.repeat(MAX_FRAME_BYTES) } }))
    const frames = await c.waitFor(3)
    expect(frames.map((f) => [f.t, f.id, f.t === 'err' ? f.error.code : ''])).toEqual([
      ['err', null, 'BAD_FRAME'],
      ['err', null, 'BAD_FRAME'],
      ['err', null, 'BAD_FRAME']
    ])
    c.socket.send(JSON.stringify({ t: 'call', id: 2, method: 'containers.list', input: {} }))
    const [, , , answer] = await c.waitFor(4)
    expect(answer).toMatchObject({ t: 'ok', id: 2 })
    c.socket.close()
  })

  it('closing the server closes its sockets', async () => {
    const extra = await startTestServer()
    const c = await openConnection(`ws://127.0.0.1:${extra.server.port}/rpc?token=${TEST_TOKEN}`)
    c.socket.send(JSON.stringify({ t: 'sub', id: 1, method: 'events.watch', input: {} }))
    await c.waitFor(1)
    const closed = new Promise<number>((resolve) => c.socket.once('close', (code) => resolve(code)))
    await extra.stop()
    expect(await closed).toBeGreaterThan(0)
  })
})
