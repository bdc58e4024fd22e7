/**
 * Streamed HTTP transfers for browser mode: large bytes (image save/load today; container
 * export and file downloads can use the same two calls) travel as one plain HTTP response or
 * request body, piped to or from the engine with backpressure, never through a WebSocket frame
 * or the page's memory.
 *
 * The RPC stream that starts a transfer owns it. It calls `download()` or `upload()`, which mint
 * a one-time ticket (random, 192 bits) and hand back its URL (/transfers/<ticket>) through
 * `onReady`; the page then fetches that URL once. The browser-mode server authorises the request
 * exactly like the page (the HttpOnly token cookie, same-origin checks: ws-server.ts) and passes
 * it to `serve()`. The ticket is consumed by the first request (a replayed URL gets 404) and
 * expires unused after TICKET_TTL_MS. Progress goes back over the RPC stream as bytes; cancelling
 * that stream destroys the HTTP exchange and the engine stream with it.
 */
import { randomBytes } from 'node:crypto'
import type { IncomingMessage, ServerResponse } from 'node:http'
import { PassThrough, type Readable } from 'node:stream'
import { RpcError } from '../../../shared/errors'
import { toRpcError } from '../rpc/errors'
import { byteCounter, pipe } from './byte-counter'

export const TRANSFER_PATH_PREFIX = '/transfers/'
export const TICKET_TTL_MS = 60_000

export interface DownloadSpec {
  fileName: string
  contentType?: string
  /** Opens the bytes when the browser asks for them; destroying the stream stops the source. */
  open(signal: AbortSignal): Promise<Readable>
}

export interface UploadSpec<T> {
  /** Largest body accepted (bytes); bigger declared or actual bodies are refused with 413. */
  maxBytes: number
  /** Consumes the body (e.g. pipes it into the engine); its result answers the upload. */
  consume(body: Readable, signal: AbortSignal): Promise<T>
}

export interface TransferCallbacks {
  onReady(url: string): void
  onProgress(bytes: number, totalBytes: number | null): void
}

interface Ticket {
  method: 'GET' | 'POST'
  serve(req: IncomingMessage, res: ServerResponse): Promise<void>
  expire(): void
}

const HTTP_STATUS: Partial<Record<RpcError['code'], number>> = {
  INVALID_INPUT: 400,
  NOT_FOUND: 404,
  CONFLICT: 409,
  IN_USE: 409,
  UNAUTHORIZED: 403,
  ENGINE_UNAVAILABLE: 503,
  CANCELLED: 499,
  TIMEOUT: 504
}

export class HttpTransfers {
  private readonly tickets = new Map<string, Ticket>()

  get openTickets(): number {
    return this.tickets.size
  }

  /** True for paths this class serves (the server authorises them first). */
  handles(pathname: string): boolean {
    return pathname.startsWith(TRANSFER_PATH_PREFIX)
  }

  /** Offers `spec` as a one-time download; resolves with the bytes sent once the response ended. */
  download(spec: DownloadSpec, callbacks: TransferCallbacks, signal: AbortSignal): Promise<number> {
    return this.offer('GET', callbacks, signal, async (req, res, exchange) => {
      // Open before answering: an engine error still becomes a status and words, not a cut-off file.
      const source = await spec.open(exchange.signal)
      res.writeHead(200, {
        'Content-Type': spec.contentType ?? 'application/octet-stream',
        'Content-Disposition': contentDisposition(spec.fileName),
        'Cache-Control': 'no-store'
      })
      const counter = byteCounter((bytes) => callbacks.onProgress(bytes, null))
      await pipe(source, counter, res)
      return counter.total()
    })
  }

  /** Accepts one upload (POST); resolves with the consumer's result and the bytes received. */
  upload<T>(spec: UploadSpec<T>, callbacks: TransferCallbacks, signal: AbortSignal): Promise<{ bytes: number; result: T }> {
    let outcome: { bytes: number; result: T } | undefined
    return this.offer('POST', callbacks, signal, async (req, res, exchange) => {
      const declared = Number(req.headers['content-length'] ?? NaN)
      const total = Number.isFinite(declared) ? declared : null
      if (total !== null && total > spec.maxBytes) throw new RpcError('INVALID_INPUT', `The file is larger than the ${spec.maxBytes}-byte limit.`)
      const counter = byteCounter((bytes) => callbacks.onProgress(bytes, total), spec.maxBytes)
      const body = new PassThrough()
      const piping = pipe(req, counter, body)
      const [result] = await Promise.all([spec.consume(body, exchange.signal), piping])
      outcome = { bytes: counter.total(), result }
      sendJson(res, 200, { ok: true, bytes: outcome.bytes })
      return outcome.bytes
    }).then(() => outcome as { bytes: number; result: T })
  }

  /** The HTTP side, called by the server after its token and origin checks. */
  async serve(req: IncomingMessage, res: ServerResponse, pathname: string): Promise<void> {
    const id = pathname.slice(TRANSFER_PATH_PREFIX.length)
    const ticket = this.tickets.get(id)
    if (!ticket) return sendJson(res, 404, { error: { code: 'NOT_FOUND', message: 'This transfer link was already used or has expired. Start the transfer again in Berth.' } })
    // One request per ticket, whatever it does: a URL seen once can't be replayed.
    this.tickets.delete(id)
    if (req.method !== ticket.method) {
      ticket.expire()
      res.setHeader('Allow', ticket.method)
      return sendJson(res, 405, { error: { code: 'INVALID_INPUT', message: `This transfer link takes ${ticket.method}.` } })
    }
    await ticket.serve(req, res)
  }

  /** Ends every open offer (core shutdown). */
  close(): void {
    for (const ticket of this.tickets.values()) ticket.expire()
    this.tickets.clear()
  }

  private offer(
    method: 'GET' | 'POST',
    callbacks: TransferCallbacks,
    signal: AbortSignal,
    run: (req: IncomingMessage, res: ServerResponse, exchange: AbortController) => Promise<number>
  ): Promise<number> {
    if (signal.aborted) return Promise.reject(new RpcError('CANCELLED', 'Cancelled.'))
    const id = randomBytes(24).toString('base64url')
    return new Promise<number>((resolve, reject) => {
      const exchange = new AbortController()
      const onAbort = (): void => {
        this.tickets.delete(id)
        exchange.abort()
        reject(new RpcError('CANCELLED', 'Cancelled.'))
      }
      const timer = setTimeout(() => {
        this.tickets.delete(id)
        signal.removeEventListener('abort', onAbort)
        reject(new RpcError('TIMEOUT', 'The browser did not start the transfer within a minute. Try again.'))
      }, TICKET_TTL_MS)
      timer.unref()
      signal.addEventListener('abort', onAbort, { once: true })
      this.tickets.set(id, {
        method,
        expire: () => {
          clearTimeout(timer)
          signal.removeEventListener('abort', onAbort)
          reject(new RpcError('CANCELLED', 'The transfer was closed before it started.'))
        },
        serve: async (req, res) => {
          clearTimeout(timer)
          // A client that goes away mid-transfer stops the engine side too.
          res.on('close', () => {
            if (!res.writableFinished) exchange.abort()
          })
          try {
            resolve(await run(req, res, exchange))
          } catch (thrown) {
            const err = exchange.signal.aborted && !signal.aborted ? new RpcError('CANCELLED', 'The browser stopped the transfer.') : toRpcError(thrown)
            if (res.headersSent) res.destroy()
            else {
              // An upload refused midway: answer, then close rather than read the rest of the body.
              res.setHeader('Connection', 'close')
              sendJson(res, HTTP_STATUS[err.code] ?? 500, { error: err.toShape() })
            }
            reject(err)
          } finally {
            signal.removeEventListener('abort', onAbort)
          }
        }
      })
      callbacks.onReady(`${TRANSFER_PATH_PREFIX}${id}`)
    })
  }
}

function contentDisposition(fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7e]|["\\]/g, '_')
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' })
  res.end(JSON.stringify(body))
}
