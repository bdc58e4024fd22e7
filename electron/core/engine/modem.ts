/**
 * docker-modem's `dial`, promised: the way to a request dockerode's own methods get wrong (they
 * drop the engine's Warnings, or buffer a whole log body). Errors carry statusCode and json like
 * dockerode's own calls, so rpc/errors maps them the same way.
 */
import type Docker from 'dockerode'
import type { Readable } from 'node:stream'

export interface DialOptions {
  /** Ends in "?": docker-modem appends the query string built from `options`. */
  path: string
  method: 'GET' | 'POST'
  /** Hand back the response body as a stream instead of reading it whole. */
  isStream?: boolean
  /** Upgrade the connection to a raw byte stream (attach, exec start). */
  hijack?: boolean
  /** Keep the request open for stdin; the answer is then a duplex. */
  openStdin?: boolean
  /** A body sent as it is (docker-modem's `file`); an empty Buffer sends `Content-Length: 0`. */
  file?: Buffer | Readable
  headers?: Record<string, string>
  abortSignal?: AbortSignal
  statusCodes: Record<number, true | string>
  /** The query; with `_query`/`_body`, the query and the JSON body kept apart. */
  options: Record<string, unknown>
}

export function dial(docker: Docker, options: DialOptions): Promise<unknown> {
  const modem = docker.modem as unknown as { dial(options: DialOptions, callback: (err: unknown, data: unknown) => void): void }
  return new Promise((resolve, reject) => modem.dial(options, (err, data) => (err ? reject(err) : resolve(data))))
}
