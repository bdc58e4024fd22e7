/**
 * A unix-socket proxy in front of the real test engine that breaks chosen requests: the client's
 * connection is dropped when a request line matches, the way a flaky SSH channel or a restarting
 * socket drops one request. Everything else passes through byte for byte. It lets integration
 * tests prove that one failed engine call costs nothing but itself — against the real engine,
 * with no fake.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import net from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

export interface FaultProxy {
  socketPath: string
  dockerHost: string
  /** Drop the next `times` requests whose request line matches (e.g. /GET \/[^ ]*\/containers\/ID\/json/). */
  failNext(pattern: RegExp, times: number): void
  /** How many requests were dropped so far. */
  dropped(): number
  close(): Promise<void>
}

export async function startFaultProxy(engineSocket: string): Promise<FaultProxy> {
  const dir = mkdtempSync(join(tmpdir(), 'berth-fault-'))
  const socketPath = join(dir, 'engine.sock')
  const rules: Array<{ pattern: RegExp; left: number }> = []
  const open = new Set<net.Socket>()
  let droppedCount = 0

  /** True when this chunk starts a request that a rule wants broken (requests arrive whole: they are small). */
  const shouldDrop = (chunk: Buffer): boolean => {
    const line = chunk.toString('latin1', 0, Math.min(chunk.length, 512)).split('\r\n', 1)[0]
    const rule = rules.find((r) => r.left > 0 && r.pattern.test(line))
    if (!rule) return false
    rule.left--
    droppedCount++
    return true
  }

  const server = net.createServer((client) => {
    const upstream = net.connect(engineSocket)
    open.add(client).add(upstream)
    const closeBoth = (): void => {
      client.destroy()
      upstream.destroy()
      open.delete(client)
      open.delete(upstream)
    }
    client.on('data', (chunk: Buffer) => {
      if (shouldDrop(chunk)) return closeBoth()
      upstream.write(chunk)
    })
    upstream.pipe(client)
    client.on('close', closeBoth).on('error', closeBoth)
    upstream.on('close', closeBoth).on('error', closeBoth)
  })
  await new Promise<void>((resolve, reject) => server.once('error', reject).listen(socketPath, resolve))

  return {
    socketPath,
    dockerHost: `unix://${socketPath}`,
    failNext(pattern, times) {
      rules.push({ pattern, left: times })
    },
    dropped: () => droppedCount,
    async close() {
      for (const socket of open) socket.destroy()
      await new Promise<void>((resolve) => server.close(() => resolve()))
      rmSync(dir, { recursive: true, force: true })
    }
  }
}
