/**
 * Receiver-paced streams of batches (logs today): the sender counts the batches it emits, the
 * receiver acknowledges a running total of those it has taken in, and the sender stops reading
 * its source (the engine's HTTP body: TCP then holds dockerd back) while `high` batches are
 * unacknowledged, reading on once no more than `low` are. Frames can't be dropped, and a browser
 * client that falls behind by 64 MiB is disconnected with every stream on its socket, so the
 * bound must come from the receiver.
 */
import { RpcError } from '../../shared/errors'

export class StreamWindow {
  private sent = 0
  private acked = 0
  private full = false

  constructor(
    private readonly high: number,
    private readonly low: number,
    private readonly onFull: () => void,
    private readonly onRoom: () => void
  ) {}

  /** True while the sender must not read its source. */
  get paused(): boolean {
    return this.full
  }

  sentBatch(): void {
    this.sent += 1
    if (!this.full && this.sent - this.acked >= this.high) {
      this.full = true
      this.onFull()
    }
  }

  ack(receivedTotal: number): void {
    if (receivedTotal <= this.acked) return
    this.acked = Math.min(receivedTotal, this.sent)
    if (this.full && this.sent - this.acked <= this.low) {
      this.full = false
      this.onRoom()
    }
  }
}

/** The open windows (or anything acknowledged like one) of one handler table, by the id the receiver chose. */
export class StreamWindows<W extends { ack(receivedTotal: number): void } = StreamWindow> {
  private readonly open = new Map<string, W>()

  add(id: string, window: W): () => void {
    if (this.open.has(id)) throw new RpcError('CONFLICT', 'That stream id is already in use; pick a new one.')
    this.open.set(id, window)
    return () => {
      if (this.open.get(id) === window) this.open.delete(id)
    }
  }

  /** Acks for a stream that ended (or never was) are harmless: it is simply gone. */
  ack(id: string, receivedTotal: number): void {
    this.open.get(id)?.ack(receivedTotal)
  }
}
