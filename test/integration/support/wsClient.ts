/**
 * A small WebSocket RPC client for integration tests: connects (or reports the HTTP status that
 * refused the upgrade), sends raw messages, and waits for frames.
 */
import { request } from 'node:http'
import WebSocket from 'ws'
import type { ServerFrame } from '../../../shared/wire'

export interface OpenConnection {
  kind: 'open'
  socket: WebSocket
  frames: ServerFrame[]
  waitFor: (count: number, timeoutMs?: number) => Promise<ServerFrame[]>
}
export type Connection = OpenConnection | { kind: 'refused'; status: number }

export function connect(url: string, headers: Record<string, string> = {}): Promise<Connection> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url, { headers })
    const frames: ServerFrame[] = []
    let wake: (() => void) | undefined
    socket.on('message', (data) => {
      frames.push(JSON.parse(String(data)) as ServerFrame)
      wake?.()
    })
    socket.once('unexpected-response', (_req, res) => {
      res.resume()
      resolve({ kind: 'refused', status: res.statusCode ?? 0 })
      socket.terminate()
    })
    socket.once('error', (err) => reject(err))
    socket.once('open', () => {
      socket.removeAllListeners('error')
      socket.on('error', () => {})
      const waitFor = async (count: number, timeoutMs = 10_000): Promise<ServerFrame[]> => {
        const deadline = Date.now() + timeoutMs
        while (frames.length < count) {
          const left = deadline - Date.now()
          if (left <= 0) throw new Error(`expected ${count} frames, have ${frames.length}: ${JSON.stringify(frames.slice(-3))}`)
          await new Promise<void>((done) => {
            wake = done
            setTimeout(done, Math.min(left, 50))
          })
        }
        return frames
      }
      resolve({ kind: 'open', socket, frames, waitFor })
    })
  })
}

export async function openConnection(url: string, headers: Record<string, string> = {}): Promise<OpenConnection> {
  const connection = await connect(url, headers)
  if (connection.kind !== 'open') throw new Error(`WebSocket refused with ${connection.status}`)
  return connection
}

export interface RawResponse {
  status: number
  headers: Record<string, string | string[] | undefined>
  body: string
}

/** A request with the path sent exactly as given (fetch would normalise `..` away). */
export function rawGet(port: number, path: string, headers: Record<string, string> = {}, method = 'GET'): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, method, headers }, (res) => {
      let body = ''
      res.setEncoding('utf8')
      res.on('data', (chunk: string) => (body += chunk))
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }))
    })
    req.on('error', reject)
    req.end()
  })
}
