/**
 * Browser-mode transport: one HTTP server that serves the built renderer and a WebSocket at /rpc.
 * Everything needs the token (query once, then an HttpOnly cookie); the WebSocket also needs an
 * Origin that is absent (non-browser clients) or ours. One Peer per socket; frames are JSON text.
 *
 * Backpressure: a client that stops reading makes `ws.bufferedAmount` grow. Frames cannot be
 * dropped without breaking the protocol (a lost `end` leaves a stream hanging), so once more than
 * MAX_BUFFERED_BYTES are queued the socket is terminated: its Peer closes, every handler's signal
 * aborts (engine streams stop), and the client reconnects and re-reads (the engine is the truth).
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { sep } from 'node:path'
import type { Duplex } from 'node:stream'
import { WebSocket, WebSocketServer, type RawData } from 'ws'
import type { ErrorCode } from '../../../shared/errors'
import { MAX_FRAME_BYTES, type ServerFrame } from '../../../shared/wire'
import { PREFETCH_PARAM, isPrefetchableList, type PrefetchableList, type PrefetchFrame } from '../../../shared/prefetch'
import type { HandlerTable } from './handlers'
import {
  SECURITY_HEADERS,
  allowedOrigins,
  offeredToken,
  originAllowed,
  tokenCookie,
  tokensMatch
} from './http-security'
import { Peer, listReader } from './peer'
import { PageLoadRead, type PrefetchGuard } from './prefetch'
import { resolveStaticPath, sendFile } from './static-files'
import { authoriseTransfer } from '../transfers/authorise'

/** Queued outgoing bytes per socket beyond which the client counts as stuck (see the header comment). */
export const MAX_BUFFERED_BYTES = 64 * 1024 * 1024
/**
 * ws refuses (closes with 1009) messages above this; messages between MAX_FRAME_BYTES and this are
 * answered with an err frame instead, so a slightly oversized frame gets words, not a dropped socket.
 */
const MAX_WS_PAYLOAD = MAX_FRAME_BYTES * 2
const HEARTBEAT_MS = 30_000
/**
 * The list a page request starts reading: the page reads it at start whatever view it opens (the
 * live list behind the Containers page and the counts and "used by" columns elsewhere), so the
 * read is never wasted.
 */
const PAGE_LOAD_LIST: PrefetchableList = 'containers.list'
/** The page itself (every other static file is one of its parts). */
const PAGE_DOCUMENT = `${sep}index.html`

export interface ServerLog {
  info(message: string): void
  warn(message: string): void
  error(message: string): void
}

export interface StartServerOptions {
  host?: string
  /** 0 picks any free port. */
  port?: number
  token: string
  staticDir: string
  handlers: HandlerTable
  log?: ServerLog
  /** Streamed HTTP transfers (image save/load…) under /transfers/, authorised like the page. */
  transfers?: HttpTransferRoutes
  /**
   * When set, a socket opened as `/rpc?prefetch=<list>` starts that list's read at once (see
   * shared/prefetch.ts), and a request for the page starts PAGE_LOAD_LIST's read for the socket
   * the page will open (PageLoadRead); each read gets a fresh guard.
   */
  prefetchGuard?: () => PrefetchGuard
}

export interface HttpTransferRoutes {
  handles(pathname: string): boolean
  serve(req: IncomingMessage, res: ServerResponse, pathname: string): Promise<void>
}

export interface RunningServer {
  /** The page's URL without the token, e.g. http://127.0.0.1:7780/ */
  url: string
  host: string
  port: number
  close(): Promise<void>
}

const silentLog: ServerLog = { info: () => {}, warn: () => {}, error: () => {} }

export async function startServer(options: StartServerOptions): Promise<RunningServer> {
  const host = options.host ?? '127.0.0.1'
  const log = options.log ?? silentLog
  const { token, staticDir, handlers } = options
  if (token.length < 16) throw new Error('The browser-mode token must be at least 16 characters.')

  let port = 0
  let origins = new Set<string>()
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_WS_PAYLOAD, perMessageDeflate: false })
  const pageLoadRead = new PageLoadRead()

  const httpServer = createServer((req, res) => {
    void handleHttp(req, res).catch((err: unknown) => {
      log.error(`HTTP ${req.method} failed: ${describe(err)}`)
      if (!res.headersSent) reply(res, 500, 'Internal error.\n')
      else res.destroy()
    })
  })
  httpServer.on('clientError', (_err, socket: Duplex) => {
    if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n')
    else socket.destroy()
  })

  async function handleHttp(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = parseUrl(req)
    if (!url) return reply(res, 400, 'Bad request.\n')
    if (options.transfers?.handles(url.pathname)) {
      const verdict = authoriseTransfer(req, url, token, port, origins)
      if (!verdict.ok) return reply(res, verdict.status, verdict.message)
      applySecurityHeaders(res)
      return options.transfers.serve(req, res, url.pathname)
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.setHeader('Allow', 'GET, HEAD')
      return reply(res, 405, 'Method not allowed.\n')
    }
    const offered = offeredToken(req, url, port)
    const byQuery = tokensMatch(token, offered.fromQuery)
    if (!byQuery && !tokensMatch(token, offered.fromCookie)) {
      return reply(res, 401, 'Unauthorized: open the address Berth printed, including its ?token=… part.\n')
    }
    if (byQuery) res.setHeader('Set-Cookie', tokenCookie(port, token))
    // The token has done its job once the cookie is set: a 303 to the same address without it keeps
    // the secret out of the address bar, history and bookmarks (the #fragment survives the redirect).
    if (url.searchParams.has('token')) return redirect(res, addressWithoutToken(url))
    const found = await resolveStaticPath(staticDir, url.pathname)
    if (found.kind === 'bad') return reply(res, 400, 'Bad path.\n')
    if (found.kind === 'missing') return reply(res, 404, 'Not found.\n')
    applySecurityHeaders(res)
    if (req.method === 'GET' && found.path.endsWith(PAGE_DOCUMENT)) startPageLoadRead()
    sendFile(res, found, req.method === 'HEAD')
  }

  function startPageLoadRead(): void {
    if (options.prefetchGuard) pageLoadRead.start(PAGE_LOAD_LIST, listReader(handlers, PAGE_LOAD_LIST), options.prefetchGuard())
  }

  httpServer.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    socket.on('error', () => socket.destroy())
    const url = parseUrl(req)
    if (!url || url.pathname !== '/rpc') return refuseUpgrade(socket, 404, 'Not Found')
    const offered = offeredToken(req, url, port)
    if (!tokensMatch(token, offered.fromQuery) && !tokensMatch(token, offered.fromCookie)) {
      return refuseUpgrade(socket, 401, 'Unauthorized')
    }
    if (!originAllowed(headerValue(req.headers.origin), origins)) {
      log.warn(`Refused a WebSocket from origin ${String(req.headers.origin).slice(0, 200)}`)
      return refuseUpgrade(socket, 403, 'Forbidden')
    }
    const prefetch = url.searchParams.get(PREFETCH_PARAM)
    wss.handleUpgrade(req, socket, head, (ws) => attach(ws, isPrefetchableList(prefetch) ? prefetch : null))
  })

  function attach(ws: WebSocket, prefetch: PrefetchableList | null): void {
    let alive = true
    const send = (frame: ServerFrame | PrefetchFrame): void => {
      if (ws.readyState !== WebSocket.OPEN) throw new Error('socket closed')
      ws.send(JSON.stringify(frame))
      if (ws.bufferedAmount > MAX_BUFFERED_BYTES) {
        log.warn(`A browser client stopped reading (${ws.bufferedAmount} bytes queued); disconnecting it.`)
        ws.terminate()
      }
    }
    const peer = new Peer(handlers, send, {
      onInternalError: (method, err) => log.error(`${method}: ${describe(err)}`)
    })
    if (prefetch && options.prefetchGuard) {
      // Only a page asks for a prefetch; other clients never get prefetch frames they didn't ask for.
      const started = pageLoadRead.claim()
      if (started) peer.prefetch(started.method, started.guard, send, started.read)
      if (prefetch !== started?.method) peer.prefetch(prefetch, options.prefetchGuard(), send)
    }
    const answerBadMessage = (code: ErrorCode, message: string): void => {
      if (ws.readyState === WebSocket.OPEN) ws.send(JSON.stringify({ t: 'err', id: null, error: { code, message } }))
    }

    ws.on('message', (data: RawData, isBinary: boolean) => {
      const bytes = rawLength(data)
      if (isBinary) return answerBadMessage('BAD_FRAME', 'Malformed frame: frames are JSON text, not binary.')
      if (bytes > MAX_FRAME_BYTES) {
        return answerBadMessage('BAD_FRAME', `Malformed frame: ${bytes} bytes is over the ${MAX_FRAME_BYTES}-byte limit.`)
      }
      let decoded: unknown
      try {
        decoded = JSON.parse(rawText(data))
      } catch {
        return answerBadMessage('BAD_FRAME', 'Malformed frame: not valid JSON.')
      }
      try {
        peer.receive(decoded)
      } catch (err) {
        // The peer answers everything itself; reaching here is a Berth bug, never a reason to crash.
        log.error(`peer.receive threw: ${describe(err)}`)
        answerBadMessage('INTERNAL', 'Something went wrong inside Berth.')
      }
    })
    ws.on('pong', () => {
      alive = true
    })
    const heartbeat = setInterval(() => {
      if (!alive) return ws.terminate()
      alive = false
      ws.ping()
    }, HEARTBEAT_MS)
    heartbeat.unref()
    ws.on('error', (err) => log.warn(`WebSocket error: ${describe(err)}`))
    ws.on('close', () => {
      clearInterval(heartbeat)
      peer.close()
    })
  }

  await new Promise<void>((resolvePromise, reject) => {
    httpServer.once('error', reject)
    httpServer.listen(options.port ?? 7780, host, () => {
      httpServer.off('error', reject)
      resolvePromise()
    })
  })
  port = (httpServer.address() as AddressInfo).port
  origins = allowedOrigins(host, port)
  const shownHost = host.includes(':') ? `[${host}]` : host

  let closing: Promise<void> | undefined
  return {
    url: `http://${shownHost}:${port}/`,
    host,
    port,
    close() {
      closing ??= new Promise<void>((resolveClose) => {
        pageLoadRead.close()
        for (const client of wss.clients) client.terminate()
        wss.close()
        httpServer.close(() => resolveClose())
        httpServer.closeAllConnections()
      })
      return closing
    }
  }
}

function applySecurityHeaders(res: ServerResponse): void {
  for (const [name, value] of Object.entries(SECURITY_HEADERS)) res.setHeader(name, value)
}

function reply(res: ServerResponse, status: number, text: string): void {
  applySecurityHeaders(res)
  res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' })
  res.end(text)
}

function redirect(res: ServerResponse, location: string): void {
  applySecurityHeaders(res)
  res.writeHead(303, { Location: location, 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' })
  res.end('Signed in; continuing without the token in the address.\n')
}

/**
 * The request's path and query minus `token`, always as ONE leading slash: a path such as
 * `//evil.example/` would otherwise become a protocol-relative Location leading off-site.
 */
export function addressWithoutToken(url: URL): string {
  const rest = new URLSearchParams(url.searchParams)
  rest.delete('token')
  const query = rest.toString()
  return `/${url.pathname.replace(/^\/+/, '')}${query ? `?${query}` : ''}`
}

function refuseUpgrade(socket: Duplex, status: number, reason: string): void {
  const headers = Object.entries(SECURITY_HEADERS)
    .map(([name, value]) => `${name}: ${value}\r\n`)
    .join('')
  socket.end(
    `HTTP/1.1 ${status} ${reason}\r\nConnection: close\r\nContent-Type: text/plain\r\n${headers}Content-Length: ${reason.length + 1}\r\n\r\n${reason}\n`
  )
}

function parseUrl(req: IncomingMessage): URL | undefined {
  try {
    return new URL(req.url ?? '/', 'http://berth.invalid')
  } catch {
    return undefined
  }
}

function headerValue(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value
}

function rawLength(data: RawData): number {
  if (Array.isArray(data)) return data.reduce((sum, chunk) => sum + chunk.length, 0)
  return data instanceof ArrayBuffer ? data.byteLength : data.length
}

function rawText(data: RawData): string {
  if (Array.isArray(data)) return Buffer.concat(data).toString('utf8')
  if (Buffer.isBuffer(data)) return data.toString('utf8')
  return Buffer.from(data).toString('utf8')
}

function describe(err: unknown): string {
  return err instanceof Error ? err.message : String(err)
}
