/**
 * The typed client: call() and stream() over whichever transport is present (Electron's bridge
 * or the browser-mode WebSocket). Plain TypeScript with no DOM or React, so Node tests use it too.
 */
import type { CallName, EventOf, InputOf, OutputOf, StreamName } from '../../../shared/contract'
import { RpcError } from '../../../shared/errors'
import type { ClientFrame, ServerFrame } from '../../../shared/wire'

export type TransportState = 'open' | 'connecting' | 'closed'

export interface Transport {
  send(frame: ClientFrame): void
  /** Registers the single frame listener. */
  onFrame(listener: (frame: ServerFrame) => void): void
  /** Transport-level state (the WebSocket dropping); IPC is always open. */
  onState?(listener: (state: TransportState) => void): void
}

interface PendingCall {
  kind: 'call'
  resolve: (value: unknown) => void
  reject: (err: RpcError) => void
}
interface PendingStream {
  kind: 'stream'
  onEvent: (event: unknown) => void
  onEnd: (err?: RpcError) => void
}

export interface StreamHandlers<E> {
  onEvent: (event: E) => void
  /** Called once: without an error when the stream ended, with one when it failed or was cancelled by the peer. */
  onEnd?: (err?: RpcError) => void
}

export class RpcClient {
  private nextId = 1
  private readonly pending = new Map<number, PendingCall | PendingStream>()

  constructor(private readonly transport: Transport) {
    transport.onFrame((frame) => this.dispatch(frame))
    transport.onState?.((state) => {
      if (state === 'closed') this.failAll(new RpcError('ENGINE_UNAVAILABLE', 'Lost the connection to Berth.'))
    })
  }

  call<K extends CallName>(method: K, input: InputOf<K>): Promise<OutputOf<K>> {
    const id = this.nextId++
    return new Promise<OutputOf<K>>((resolve, reject) => {
      this.pending.set(id, { kind: 'call', resolve: resolve as (value: unknown) => void, reject })
      this.sendOrFail(id, { t: 'call', id, method, input })
    })
  }

  /** Subscribes; returns the function that cancels the subscription. */
  stream<K extends StreamName>(method: K, input: InputOf<K>, handlers: StreamHandlers<EventOf<K>>): () => void {
    const id = this.nextId++
    let ended = false
    this.pending.set(id, {
      kind: 'stream',
      onEvent: handlers.onEvent as (event: unknown) => void,
      onEnd: (err) => {
        if (ended) return
        ended = true
        handlers.onEnd?.(err)
      }
    })
    this.sendOrFail(id, { t: 'sub', id, method, input })
    return () => {
      if (ended || !this.pending.has(id)) return
      ended = true
      this.pending.delete(id)
      try {
        this.transport.send({ t: 'cancel', id })
      } catch {
        // Transport already gone: nothing to cancel on the other side.
      }
    }
  }

  private sendOrFail(id: number, frame: ClientFrame): void {
    try {
      this.transport.send(frame)
    } catch (err) {
      this.settle(id, new RpcError('ENGINE_UNAVAILABLE', `Could not reach Berth: ${(err as Error).message}`))
    }
  }

  private dispatch(frame: ServerFrame): void {
    if (frame.id === null) return // answer to a malformed frame we never sent
    const entry = this.pending.get(frame.id)
    if (!entry) return
    switch (frame.t) {
      case 'ok':
        if (entry.kind === 'call') {
          this.pending.delete(frame.id)
          entry.resolve(frame.output)
        }
        return
      case 'ev':
        if (entry.kind === 'stream') entry.onEvent(frame.event)
        return
      case 'end':
        this.pending.delete(frame.id)
        if (entry.kind === 'stream') entry.onEnd()
        return
      case 'err':
        this.settle(frame.id, RpcError.fromShape(frame.error))
        return
    }
  }

  private settle(id: number, err: RpcError): void {
    const entry = this.pending.get(id)
    if (!entry) return
    this.pending.delete(id)
    if (entry.kind === 'call') entry.reject(err)
    else entry.onEnd(err)
  }

  private failAll(err: RpcError): void {
    for (const id of [...this.pending.keys()]) this.settle(id, err)
  }
}
