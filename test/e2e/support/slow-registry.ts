/**
 * The test registry behind a slow link: a TCP proxy on a loopback port that passes bytes both
 * ways at a fixed rate per connection (the engine opens one per layer it moves, up to three). A pull or push from the registry next door takes well under a second,
 * too fast for a person (or a screenshot) to see the progress; through this it takes seconds.
 * It is still the real registry and the real engine: images pulled through it are named
 * 127.0.0.1:PORT/…, and the engine treats loopback registries as plain-HTTP ones.
 */
import net from 'node:net'

export interface SlowRegistry {
  /** host:port to put in references, e.g. 127.0.0.1:40123. */
  host: string
  close(): Promise<void>
}

/** Pipes `from` into `to` at `bytesPerSecond`, a slice every TICK_MS; reading pauses while a slice is queued. */
function throttle(from: net.Socket, to: net.Socket, bytesPerSecond: number): void {
  const TICK_MS = 50
  const perTick = Math.max(1024, Math.floor((bytesPerSecond * TICK_MS) / 1000))
  const queue: Buffer[] = []
  let queued = 0
  let ended = false
  const timer = setInterval(() => {
    let budget = perTick
    while (budget > 0 && queue.length > 0) {
      const head = queue[0]
      const piece = head.subarray(0, budget)
      to.write(piece)
      budget -= piece.length
      queued -= piece.length
      if (piece.length === head.length) queue.shift()
      else queue[0] = head.subarray(piece.length)
    }
    if (queued < perTick && from.isPaused()) from.resume()
    if (ended && queue.length === 0) {
      clearInterval(timer)
      to.end()
    }
  }, TICK_MS)
  from.on('data', (chunk: Buffer) => {
    queue.push(chunk)
    queued += chunk.length
    if (queued >= perTick) from.pause()
  })
  from.on('end', () => (ended = true))
  to.on('close', () => {
    clearInterval(timer)
    queue.length = 0
  })
  from.on('close', () => {
    if (!ended) clearInterval(timer)
  })
}

export async function startSlowRegistry(upstreamHost: string, bytesPerSecond: number): Promise<SlowRegistry> {
  const [host, port] = upstreamHost.split(':')
  const open = new Set<net.Socket>()
  // Half-open allowed on both legs: an end travels through the throttle, never ahead of the bytes.
  const server = net.createServer({ allowHalfOpen: true }, (client) => {
    const upstream = net.connect({ port: Number(port), host, allowHalfOpen: true })
    open.add(client).add(upstream)
    // An end from one side is passed on once the bytes before it are through (the registry
    // answers the engine's TLS probe with a 400 and hangs up: the engine must still read it).
    throttle(client, upstream, bytesPerSecond)
    throttle(upstream, client, bytesPerSecond)
    const destroyBoth = (): void => {
      client.destroy()
      upstream.destroy()
    }
    client.on('error', destroyBoth).on('close', () => open.delete(client))
    upstream.on('error', destroyBoth).on('close', () => open.delete(upstream))
  })
  await new Promise<void>((resolve, reject) => server.once('error', reject).listen(0, '127.0.0.1', resolve))
  const { port: slowPort } = server.address() as net.AddressInfo
  return {
    host: `127.0.0.1:${slowPort}`,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of open) socket.destroy()
        server.close(() => resolve())
      })
  }
}
