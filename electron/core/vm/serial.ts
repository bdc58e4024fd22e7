/**
 * The guest's serial console: QEMU writes it to a file (so it outlives Berth when the VM is kept
 * running); SerialTail follows that file and hands out whole lines, and readGuestMarker() picks
 * out what the guest's init announces (resources/vm: docs/vm-image.md is the contract):
 *   BERTH-PHASE init | sshd | engine | failed <words>
 *   BERTH-HOSTKEY <type> <base64>     the guest's SSH host key, pinned by Berth
 * Only Berth's own QEMU writes this file, so a host key read from it is trusted.
 */
import { open, stat, type FileHandle } from 'node:fs/promises'

export type GuestMarker =
  | { kind: 'phase'; phase: 'init' | 'sshd' | 'engine' }
  | { kind: 'failed'; reason: string }
  | { kind: 'host-key'; keyType: string; key: string }

export function readGuestMarker(line: string): GuestMarker | undefined {
  const text = line.replace(/\r$/, '').trim()
  const phase = /^BERTH-PHASE (init|sshd|engine)$/.exec(text)
  if (phase) return { kind: 'phase', phase: phase[1] as 'init' | 'sshd' | 'engine' }
  const failed = /^BERTH-PHASE failed\s*(.*)$/.exec(text)
  if (failed) return { kind: 'failed', reason: failed[1] || 'the guest did not say why' }
  const hostKey = /^BERTH-HOSTKEY (ssh-ed25519|ecdsa-sha2-nistp256|ssh-rsa) ([A-Za-z0-9+/]+={0,2})$/.exec(text)
  if (hostKey) return { kind: 'host-key', keyType: hostKey[1], key: hostKey[2] }
  return undefined
}

const POLL_MS = 40
const READ_CHUNK = 64 * 1024

/** Follows a growing file from an offset, line by line, until stopped. */
export class SerialTail {
  private offset: number
  private partial = ''
  private timer?: NodeJS.Timeout
  private handle?: FileHandle
  private stopped = false
  private readonly listeners = new Set<(line: string) => void>()

  constructor(
    private readonly path: string,
    fromOffset = 0
  ) {
    this.offset = fromOffset
  }

  onLine(listener: (line: string) => void): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  start(): void {
    const tick = async () => {
      if (this.stopped) return
      try {
        await this.readMore()
      } catch {
        // The file may not exist yet (QEMU opens it as it starts): try again next tick.
      }
      if (!this.stopped) this.timer = setTimeout(() => void tick(), POLL_MS)
    }
    void tick()
  }

  /** Reads what is left (the guest's last words) and stops. */
  async stop(): Promise<void> {
    if (this.stopped) return
    try {
      await this.readMore()
    } catch {
      // nothing more to read
    }
    this.stopped = true
    if (this.timer) clearTimeout(this.timer)
    await this.handle?.close().catch(() => {})
    this.handle = undefined
  }

  private async readMore(): Promise<void> {
    this.handle ??= await open(this.path, 'r')
    const buffer = Buffer.allocUnsafe(READ_CHUNK)
    for (;;) {
      const { bytesRead } = await this.handle.read(buffer, 0, READ_CHUNK, this.offset)
      if (bytesRead === 0) return
      this.offset += bytesRead
      this.partial += buffer.toString('utf8', 0, bytesRead)
      const lines = this.partial.split('\n')
      this.partial = lines.pop() ?? ''
      for (const line of lines) for (const listener of this.listeners) listener(line.replace(/\r$/, ''))
    }
  }
}

/** The last `count` lines of the serial log (the viewer's first screen). */
export async function lastLines(path: string, count: number, maxBytes = 512 * 1024): Promise<{ lines: string[]; followFrom: number }> {
  let size: number
  try {
    size = (await stat(path)).size
  } catch {
    return { lines: [], followFrom: 0 }
  }
  const start = Math.max(0, size - maxBytes)
  const handle = await open(path, 'r')
  try {
    const buffer = Buffer.alloc(size - start)
    await handle.read(buffer, 0, buffer.length, start)
    // A line still being written is left to the follower, which starts where the whole lines end.
    const lastNewline = buffer.lastIndexOf(0x0a)
    const whole = buffer.subarray(0, lastNewline + 1).toString('utf8')
    const lines = whole.split('\n').map((l) => l.replace(/\r$/, ''))
    lines.pop()
    if (start > 0) lines.shift()
    return { lines: lines.slice(-count), followFrom: start + lastNewline + 1 }
  } finally {
    await handle.close()
  }
}
