/** A transport for the stats renderer tests: records stats subscriptions, lets tests push samples. */
import type { TransportState } from '../../renderer/src/api/client'
import type { ObservableTransport } from '../../renderer/src/api/transport'
import type { StatsSample } from '../../shared/stats-models'
import type { ClientFrame, ServerFrame } from '../../shared/wire'

export class StatsTransport implements ObservableTransport {
  readonly state: TransportState = 'open'
  /** Open subscriptions by frame id: method and input. */
  readonly open = new Map<number, { method: string; input: unknown }>()
  subscribed = 0
  private listener: ((frame: ServerFrame) => void) | null = null

  send(frame: ClientFrame): void {
    if (frame.t === 'sub') {
      this.open.set(frame.id, { method: frame.method, input: frame.input })
      this.subscribed++
    }
    if (frame.t === 'cancel') this.open.delete(frame.id)
  }
  onFrame(listener: (frame: ServerFrame) => void): void {
    this.listener = listener
  }
  onState(): () => void {
    return () => {}
  }

  streams(method: string): Array<{ id: number; input: unknown }> {
    return [...this.open].filter(([, entry]) => entry.method === method).map(([id, entry]) => ({ id, input: entry.input }))
  }

  push(id: number, event: unknown): void {
    this.listener?.({ t: 'ev', id, event })
  }

  /** The server failed the stream (the client reports it as an end with an error). */
  fail(id: number, message: string): void {
    this.open.delete(id)
    this.listener?.({ t: 'err', id, error: { code: 'ENGINE_UNAVAILABLE', message } })
  }

  end(id: number): void {
    this.open.delete(id)
    this.listener?.({ t: 'end', id })
  }
}

let clock = Date.parse('2024-03-01T10:00:00Z')
export function makeSample(overrides: Partial<StatsSample> = {}): StatsSample {
  clock += 1000
  return {
    timestampMs: clock,
    cpuPercent: 12.5,
    onlineCpus: 2,
    memoryUsedBytes: 3_400_000,
    memoryLimitBytes: 64 * 1024 * 1024,
    networkRxBytes: 5000,
    networkTxBytes: 1000,
    networkRxBytesPerSecond: 2000,
    networkTxBytesPerSecond: 500,
    blockReadBytes: 0,
    blockWriteBytes: 4096,
    blockReadBytesPerSecond: 0,
    blockWriteBytesPerSecond: 4096,
    pids: 3,
    ...overrides
  }
}
