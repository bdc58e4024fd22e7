/**
 * Is an engine answering on this unix socket? One GET /_ping, told apart by how it fails: no
 * socket or nobody listening (stopped), not allowed to open it (no-permission: the docker group).
 * Used by detection and by the runner while it waits for a daemon it started.
 */
import { request } from 'node:http'
import type { SocketState } from '../../../shared/setup-models'

export interface PingResult {
  state: SocketState
  /** Why it is not running, for logs and error messages. */
  detail?: string
}

export function pingUnixSocket(socketPath: string, signal: AbortSignal): Promise<PingResult> {
  return new Promise((resolve) => {
    let settled = false
    const finish = (result: PingResult): void => {
      if (settled) return
      settled = true
      resolve(result)
    }
    if (signal.aborted) {
      finish({ state: 'stopped', detail: 'no answer in time' })
      return
    }
    const req = request({ socketPath, path: '/_ping', method: 'GET', signal }, (res) => {
      res.resume()
      res.on('end', () => finish(res.statusCode === 200 ? { state: 'running' } : { state: 'stopped', detail: `HTTP ${res.statusCode}` }))
      res.on('error', () => finish({ state: 'stopped', detail: 'the answer broke off' }))
    })
    req.on('error', (err: NodeJS.ErrnoException) => {
      if (err.code === 'EACCES' || err.code === 'EPERM') finish({ state: 'no-permission', detail: err.code })
      else finish({ state: 'stopped', detail: err.name === 'AbortError' ? 'no answer in time' : (err.code ?? err.message) })
    })
    req.end()
  })
}
