/**
 * Browser mode's doors: the token (query once, then cookie and out of the address), the WebSocket Origin check
 * (tested from a real page on another origin, and from Node with a forged Origin), the CSP
 * header, and the loopback-only default address.
 */
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import WebSocket from 'ws'
import { expect, test } from './support/fixtures'
import { ui } from './support/ui'

/** A page on another origin (another port on 127.0.0.1) that tries to reach Berth's /rpc socket. */
function foreignPage(target: string): string {
  return `<!doctype html><meta charset="utf-8"><title>not Berth</title><script>
  window.attempt = new Promise((resolve) => {
    const socket = new WebSocket(${JSON.stringify(target)})
    socket.onopen = () => { socket.close(); resolve('open') }
    socket.onerror = () => resolve('refused')
    setTimeout(() => resolve('timeout'), 5000)
  })
  </script>`
}

async function listenForeign(html: string): Promise<{ server: Server; origin: string }> {
  const server = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' })
    res.end(html)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return { server, origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}` }
}

/** Opens a WebSocket from Node with the given headers; resolves with the HTTP status of a refusal, or 101. */
function upgradeStatus(url: string, headers: Record<string, string>): Promise<number> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url, { headers })
    socket.on('open', () => {
      socket.close()
      resolve(101)
    })
    socket.on('unexpected-response', (_req, res) => {
      resolve(res.statusCode ?? 0)
      res.resume()
    })
    socket.on('error', (err) => reject(err))
  })
}

test('the served address is loopback only', async ({ state }) => {
  expect(new URL(state.server.url).hostname).toBe('127.0.0.1')
})

test('without the token, or with a wrong one, the page is refused with 401', async ({ state }) => {
  const { origin, token } = state.server
  expect((await fetch(`${origin}/`)).status).toBe(401)
  expect((await fetch(`${origin}/?token=${'x'.repeat(token.length)}`)).status).toBe(401)
  expect((await fetch(`${origin}/?token=`)).status).toBe(401)
  // The cookie the server really sets is named after its port; a wrong value under that name is refused…
  const cookieName = `berth_token_${new URL(origin).port}`
  expect((await fetch(`${origin}/`, { headers: { cookie: `${cookieName}=${token}x` } })).status).toBe(401)
  // …and the right value under it is let in, so the refusal above is about the value, not the name.
  expect((await fetch(`${origin}/`, { headers: { cookie: `${cookieName}=${token}` } })).status).toBe(200)
})

test('the token leaves the address once the cookie is set; the page and a reload still work', async ({ page, state }) => {
  const response = await page.goto(`${state.server.url}#/images`)
  expect(response?.status()).toBe(200)
  expect(response?.request().redirectedFrom()?.url(), 'the server redirected away from the tokenised address').toContain('token=')
  expect(page.url()).not.toContain('token=')
  expect(new URL(page.url()).hash, 'the #page survives the redirect').toBe('#/images')
  await expect(page.getByRole('heading', { name: 'Images', exact: true })).toBeVisible()
  await expect(ui.engineStatus(page)).toHaveText(/Connected/)

  const reloaded = await page.reload()
  expect(reloaded?.status(), 'the cookie alone opens the page').toBe(200)
  expect(page.url()).not.toContain('token=')
  await expect(page.getByRole('heading', { name: 'Images', exact: true })).toBeVisible()
  await expect(ui.engineStatus(page)).toHaveText(/Connected/)
})

test('the page carries a Content-Security-Policy header that forbids foreign scripts', async ({ page, state }) => {
  const response = await page.goto(state.server.url)
  expect(response?.status()).toBe(200)
  const csp = (await response?.allHeaders())?.['content-security-policy'] ?? ''
  expect(csp, 'a CSP header is sent').not.toBe('')
  expect(csp).toMatch(/default-src 'self'/)
  expect(csp).toMatch(/script-src 'self'/)
  expect(csp).not.toMatch(/unsafe-inline|unsafe-eval/)
  // The token cookie lets the app's own WebSocket in: the engine status proves it connected.
  await expect(ui.engineStatus(page)).toHaveText(/Connected/)
})

test('a WebSocket from a page on a foreign origin is refused, even with the token', async ({ page, state }) => {
  const { origin, token } = state.server
  const rpcUrl = `${origin.replace('http:', 'ws:')}/rpc?token=${token}`
  // Signed in first: any cookie the browser holds for 127.0.0.1 goes along with the foreign attempt.
  await page.goto(state.server.url)
  // The positive control: the same attempt from Berth's own page gets in, so "refused" below is the Origin check.
  const fromOwnPage = await page.evaluate((target) => {
    return new Promise<string>((resolve) => {
      const socket = new (globalThis as unknown as { WebSocket: new (url: string) => { onopen: () => void; onerror: () => void; close(): void } }).WebSocket(target)
      socket.onopen = () => {
        socket.close()
        resolve('open')
      }
      socket.onerror = () => resolve('refused')
    })
  }, rpcUrl)
  expect(fromOwnPage).toBe('open')
  const foreign = await listenForeign(foreignPage(rpcUrl))
  try {
    await page.goto(`${foreign.origin}/`)
    const outcome = await page.evaluate(() => (globalThis as unknown as { attempt: Promise<string> }).attempt)
    expect(outcome).toBe('refused')
  } finally {
    foreign.server.close()
  }
})

test('the /rpc socket checks the Origin and the token (Node client)', async ({ state }) => {
  const { origin, token } = state.server
  const rpcUrl = `${origin.replace('http:', 'ws:')}/rpc`
  expect(await upgradeStatus(`${rpcUrl}?token=${token}`, { origin: 'http://evil.example' })).toBe(403)
  expect(await upgradeStatus(`${rpcUrl}?token=${token}`, { origin: 'http://127.0.0.1:1' })).toBe(403)
  expect(await upgradeStatus(rpcUrl, { origin })).toBe(401)
  expect(await upgradeStatus(`${rpcUrl}?token=wrong-token-wrong-token`, { origin })).toBe(401)
  // The positive control: our own origin with the token gets in.
  expect(await upgradeStatus(`${rpcUrl}?token=${token}`, { origin })).toBe(101)
})

test('the page has an icon that the CSP allows, and requests nothing that is missing', async ({ page, state }) => {
  const failed: string[] = []
  page.on('response', (response) => {
    if (response.status() >= 400) failed.push(`${response.status()} ${response.url()}`)
  })
  const refused: string[] = []
  page.on('console', (message) => {
    if (/Content Security Policy/i.test(message.text())) refused.push(message.text())
  })
  await page.goto(state.server.url)
  await expect(ui.engineStatus(page)).toHaveText(/Connected/)

  await expect(page.locator('link[rel="icon"]'), 'index.html links an icon').toHaveCount(1)
  const href = await page.locator('link[rel="icon"]').getAttribute('href')
  expect(href, 'index.html links an icon').toBeTruthy()
  const iconUrl = new URL(href as string, page.url()).href
  const icon = await page.request.get(iconUrl)
  expect(icon.status()).toBe(200)
  expect(icon.headers()['content-type']).toMatch(/^image\//)
  // It really is a picture the browser can draw under the page's CSP.
  const drawn = await page.evaluate(
    `(async () => { const image = new Image(); image.src = ${JSON.stringify(iconUrl)}; await image.decode(); return image.naturalWidth > 0 })()`
  )
  expect(drawn).toBe(true)
  // The browser's own /favicon.ico guess (made when no icon is linked) must not be what it asks for.
  expect(failed).toEqual([])
  expect(refused).toEqual([])
})
