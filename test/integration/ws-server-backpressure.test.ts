/**
 * Backpressure: a client that stops reading while a stream floods it must be disconnected (and the
 * stream's signal aborted) once MAX_BUFFERED_BYTES are queued, instead of growing memory forever.
 * Uses a hand-made flooding stream handler: this tests the transport, not an engine.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { HandlerTable } from '../../electron/core/rpc/handlers'
import { MAX_BUFFERED_BYTES, startServer, type RunningServer } from '../../electron/core/rpc/ws-server'
import { openConnection } from './support/wsClient'

const TOKEN = 'backpressure-token-0123456789'
const CHUNK = 'x'.repeat(256 * 1024)

let server: RunningServer
let staticDir: string
let floodSignal: AbortSignal | undefined
let emittedBytes = 0

beforeAll(async () => {
  staticDir = mkdtempSync(join(tmpdir(), 'berth-bp-'))
  writeFileSync(join(staticDir, 'index.html'), '<!doctype html>')
  const handlers = {
    'events.watch': async (_input: unknown, emit: (event: unknown) => void, signal: AbortSignal) => {
      floodSignal = signal
      while (!signal.aborted) {
        emit({ type: 'flood', data: CHUNK })
        emittedBytes += CHUNK.length
        // Yield so the socket can write what the kernel accepts; the rest queues in ws.
        await new Promise<void>((resolve) => setImmediate(resolve))
        if (emittedBytes > MAX_BUFFERED_BYTES * 4) throw new Error('the server never cut the slow client off')
      }
    }
  } as unknown as HandlerTable
  server = await startServer({ port: 0, token: TOKEN, staticDir, handlers })
})

afterAll(async () => {
  await server?.close()
  rmSync(staticDir, { recursive: true, force: true })
})

describe('WebSocket backpressure', () => {
  it('disconnects a client that stops reading and aborts its streams', async () => {
    const c = await openConnection(`ws://127.0.0.1:${server.port}/rpc?token=${TOKEN}`)
    const closed = new Promise<void>((resolve) => c.socket.once('close', () => resolve()))
    // Stop reading from the TCP socket: the server's sends back up.
    const tcp = (c.socket as unknown as { _socket: { pause(): void } })._socket
    tcp.pause()
    c.socket.send(JSON.stringify({ t: 'sub', id: 1, method: 'events.watch', input: {} }))

    const deadline = Date.now() + 30_000
    while (!floodSignal?.aborted && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50))
    expect(floodSignal?.aborted).toBe(true)
    expect(emittedBytes).toBeGreaterThan(MAX_BUFFERED_BYTES)
    expect(emittedBytes).toBeLessThan(MAX_BUFFERED_BYTES * 4)
    c.socket.terminate()
    await closed

    // The server itself is fine: a new client is served.
    const fresh = await openConnection(`ws://127.0.0.1:${server.port}/rpc?token=${TOKEN}`)
    fresh.socket.send(JSON.stringify({ t: 'call', id: 1, method: 'nope.nothing', input: {} }))
    const [frame] = await fresh.waitFor(1)
    expect(frame).toMatchObject({ t: 'err', id: 1, error: { code: 'UNKNOWN_METHOD' } })
    fresh.socket.close()
  })
})
