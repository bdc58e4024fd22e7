/**
 * sshd sets TCP_NODELAY only on interactive (pty) sessions; a connection that only forwards
 * sockets keeps Nagle's algorithm on, so a small packet from sshd (a terminal's echo, the first
 * byte of a shell after the "101 Upgraded") waits until our side acknowledges the one before it —
 * up to the 40 ms of a delayed ACK, measured here as 40–80 ms added to a terminal's first byte.
 * After a small read we therefore send sshd a packet that changes nothing (a channel window
 * adjust of 0 bytes, valid in SSH), so the acknowledgement leaves at once — only after a quiet
 * moment, so floods (log streams) send nothing extra. This reaches into ssh2's internals (it has no
 * public way to send a packet); when they are not there, nothing is sent and only latency suffers.
 */
import type { Client, ClientChannel } from 'ssh2'

interface ChannelInternals {
  outgoing?: { id: number; state: string }
}
interface ClientInternals {
  _protocol?: { channelWindowAdjust?(id: number, amount: number): void }
}

const SMALL_READ_BYTES = 16 * 1024
const QUIET_BEFORE_NUDGE_MS = 5

export function acknowledgeSmallReadsAtOnce(client: Client, channel: ClientChannel): void {
  const protocol = (client as unknown as ClientInternals)._protocol
  const outgoing = (channel as unknown as ChannelInternals).outgoing
  if (typeof protocol?.channelWindowAdjust !== 'function' || !outgoing) return
  let queued = false
  let lastReadAt = 0
  channel.on('data', (chunk: Buffer) => {
    // Only after a pause: in a flood of small reads (a log stream) Nagle's coalescing on sshd's
    // side is what keeps the packet count down, and every nudge would cost both ends a packet.
    const now = performance.now()
    const afterPause = now - lastReadAt > QUIET_BEFORE_NUDGE_MS
    lastReadAt = now
    if (!afterPause || chunk.length > SMALL_READ_BYTES || queued) return
    queued = true
    setImmediate(() => {
      queued = false
      if (outgoing.state === 'open') protocol.channelWindowAdjust?.(outgoing.id, 0)
    })
  })
}
