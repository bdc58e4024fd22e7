/**
 * Raw Docker Engine API requests over a unix socket with node:http.
 * Test support talks to engines this way (not through the CLI, not through the code under test),
 * so a bug in Berth's engine client can never hide a bug in the test setup.
 */
import { request } from 'node:http'
import type { Readable } from 'node:stream'

export interface EngineResponse {
  status: number
  body: string
}

export interface EngineRequestOptions {
  method?: string
  /** A JSON value (sent as application/json) or a stream (sent as-is with `contentType`). */
  body?: unknown
  bodyStream?: Readable
  contentType?: string
  timeoutMs?: number
}

export function engineRequest(
  socketPath: string,
  path: string,
  options: EngineRequestOptions = {}
): Promise<EngineResponse> {
  const { method = 'GET', body, bodyStream, timeoutMs = 30_000 } = options
  const headers: Record<string, string> = {}
  let payload: string | undefined
  if (body !== undefined) {
    payload = JSON.stringify(body)
    headers['content-type'] = 'application/json'
    headers['content-length'] = String(Buffer.byteLength(payload))
  } else if (bodyStream) {
    headers['content-type'] = options.contentType ?? 'application/octet-stream'
  }
  return new Promise((resolve, reject) => {
    const req = request({ socketPath, path, method, headers, timeout: timeoutMs }, (res) => {
      const chunks: Buffer[] = []
      res.on('data', (chunk: Buffer) => chunks.push(chunk))
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }))
      res.on('error', reject)
    })
    req.on('timeout', () => req.destroy(new Error(`${method} ${path} on ${socketPath} timed out after ${timeoutMs} ms`)))
    req.on('error', reject)
    if (payload !== undefined) req.end(payload)
    else if (bodyStream) {
      bodyStream.on('error', (err) => req.destroy(err))
      bodyStream.pipe(req)
    } else req.end()
  })
}

/** Like engineRequest, but fails with the engine's own message unless the status is 2xx. */
export async function engineJson<T>(socketPath: string, path: string, options: EngineRequestOptions = {}): Promise<T> {
  const response = await engineRequest(socketPath, path, options)
  if (response.status < 200 || response.status >= 300) {
    throw new Error(`${options.method ?? 'GET'} ${path} → ${response.status}: ${response.body.trim()}`)
  }
  return (response.body === '' ? undefined : JSON.parse(response.body)) as T
}

/** True when the engine answers GET /_ping with OK; false on any connection error. */
export async function pingEngine(socketPath: string, timeoutMs = 2_000): Promise<boolean> {
  try {
    const response = await engineRequest(socketPath, '/_ping', { timeoutMs })
    return response.status === 200 && response.body === 'OK'
  } catch {
    return false
  }
}

export async function waitForPing(socketPath: string, timeoutMs: number, describeFailure: () => string): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (Date.now() < deadline) {
    if (await pingEngine(socketPath, 1_000)) return
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
  throw new Error(`engine at ${socketPath} did not answer /_ping within ${timeoutMs} ms. ${describeFailure()}`)
}
