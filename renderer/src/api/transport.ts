/**
 * Picks how the renderer reaches Berth: Electron's preload bridge when present, otherwise a
 * WebSocket to this page's own host (browser mode; the server set an auth cookie, so no token
 * is handled here). The WebSocket transport reconnects by itself and reports its state so the UI
 * can say so, and so the app can re-subscribe and re-read after a reconnect.
 */
import type { ClientFrame, ServerFrame } from '../../../shared/wire'
import { checkServerFrame } from '../../../shared/wire-check'
import type { BerthBridge } from '../../../shared/bridge'
import { PREFETCH_PARAM, asPrefetchFrame, type PrefetchableList, type PrefetchFrame } from '../../../shared/prefetch'
import type { Transport, TransportState } from './client'

/** A transport whose state can be read at any time and watched by many listeners. */
export interface ObservableTransport extends Transport {
  readonly state: TransportState
  onState(listener: (state: TransportState) => void): () => void
  /**
   * A list the server pushed ahead of the page's call (browser mode, shared/prefetch.ts), for
   * the first render; the call itself still runs and has the last word.
   */
  prefetched?(method: PrefetchableList): unknown
  /** Called when a list is pushed (it may arrive after the app's code ran, while it renders). */
  onPrefetched?(listener: (method: PrefetchableList) => void): () => void
}

type FrameListener = (frame: ServerFrame) => void

/** Frames arrive from outside the renderer: check them before the client trusts them. */
function parseServerFrame(raw: unknown): ServerFrame | null {
  const result = checkServerFrame(raw)
  if (!result.ok) {
    console.warn('Berth: dropped a malformed frame from the server', result.problem)
    return null
  }
  return result.frame
}

export class BridgeTransport implements ObservableTransport {
  readonly state: TransportState = 'open'
  private frameListener: FrameListener | null = null

  constructor(private readonly bridge: BerthBridge) {
    // Typed as ServerFrame by the preload, but it still crossed a process boundary: check it.
    bridge.onFrame((raw: unknown) => {
      const frame = parseServerFrame(raw)
      if (frame) this.frameListener?.(frame)
    })
  }

  send(frame: ClientFrame): void {
    this.bridge.send(frame)
  }

  onFrame(listener: FrameListener): void {
    this.frameListener = listener
  }

  /** IPC never drops while the window lives, so there is nothing to report. */
  onState(_listener: (state: TransportState) => void): () => void {
    return () => undefined
  }
}

export interface ReconnectOptions {
  /** First retry delay; doubles per failed attempt up to maxDelayMs. */
  minDelayMs?: number
  maxDelayMs?: number
  /** For tests: a WebSocket constructor other than the global one. */
  WebSocketImpl?: typeof WebSocket
}

export class WebSocketTransport implements ObservableTransport {
  private socket: WebSocket | null = null
  private currentState: TransportState = 'connecting'
  private frameListener: FrameListener | null = null
  private readonly stateListeners = new Set<(state: TransportState) => void>()
  private retryDelayMs: number
  private retryTimer: ReturnType<typeof setTimeout> | null = null
  private closedForGood = false
  private readonly minDelayMs: number
  private readonly maxDelayMs: number
  private readonly WebSocketImpl: typeof WebSocket
  /** Lists pushed on this connection and not yet claimed by the call they answer. */
  private readonly pushed = new Map<PrefetchableList, unknown>()
  private readonly pushListeners = new Set<(method: PrefetchableList) => void>()

  /** `url` may be a function: read at each (re)connect, so the address can follow the open page. */
  constructor(
    private readonly url: string | (() => string),
    options: ReconnectOptions = {}
  ) {
    this.minDelayMs = options.minDelayMs ?? 100
    this.maxDelayMs = options.maxDelayMs ?? 1000
    this.retryDelayMs = this.minDelayMs
    this.WebSocketImpl = options.WebSocketImpl ?? WebSocket
    this.connect()
  }

  get state(): TransportState {
    return this.currentState
  }

  /**
   * Frames are never queued while disconnected: a queued "kill" sent after the client already
   * reported it as failed would surprise people. The client turns this throw into an error.
   */
  send(frame: ClientFrame): void {
    if (!this.socket || this.currentState !== 'open') throw new Error('not connected to Berth')
    this.socket.send(JSON.stringify(frame))
  }

  onFrame(listener: FrameListener): void {
    this.frameListener = listener
  }

  onState(listener: (state: TransportState) => void): () => void {
    this.stateListeners.add(listener)
    return () => this.stateListeners.delete(listener)
  }

  prefetched(method: PrefetchableList): unknown {
    return this.pushed.get(method)
  }

  onPrefetched(listener: (method: PrefetchableList) => void): () => void {
    this.pushListeners.add(listener)
    return () => this.pushListeners.delete(listener)
  }

  /** Stops reconnecting and closes the socket (page unload, tests). */
  close(): void {
    this.closedForGood = true
    if (this.retryTimer) clearTimeout(this.retryTimer)
    this.socket?.close()
    this.setState('closed')
  }

  private connect(): void {
    if (this.closedForGood) return
    this.setState('connecting')
    const socket = new this.WebSocketImpl(typeof this.url === 'string' ? this.url : this.url())
    this.socket = socket
    this.pushed.clear()
    socket.onopen = () => {
      if (this.socket !== socket) return
      this.retryDelayMs = this.minDelayMs
      this.setState('open')
    }
    socket.onmessage = (message: MessageEvent) => {
      if (this.socket !== socket || typeof message.data !== 'string') return
      let raw: unknown
      try {
        raw = JSON.parse(message.data)
      } catch {
        console.warn('Berth: dropped a frame that is not JSON')
        return
      }
      const prefetchFrame = asPrefetchFrame(raw)
      if (prefetchFrame) return this.receivePrefetchFrame(prefetchFrame)
      const frame = parseServerFrame(raw)
      if (frame) this.frameListener?.(frame)
    }
    // onerror is always followed by onclose; reconnecting from onclose alone avoids doubling up.
    socket.onclose = () => {
      if (this.socket !== socket) return
      this.socket = null
      if (this.closedForGood) return
      this.setState('closed')
      this.scheduleReconnect()
    }
  }

  /** A pushed list is kept; the answer that names it becomes the call's ordinary `ok`. */
  private receivePrefetchFrame(frame: PrefetchFrame): void {
    if (frame.t === 'pre') {
      this.pushed.set(frame.method, frame.output)
      for (const listener of [...this.pushListeners]) listener(frame.method)
      return
    }
    if (!this.pushed.has(frame.method)) {
      const message = 'Berth answered with a list this page never received. Reload the page.'
      this.frameListener?.({ t: 'err', id: frame.id, error: { code: 'INTERNAL', message } })
      return
    }
    const output = this.pushed.get(frame.method)
    this.pushed.delete(frame.method)
    this.frameListener?.({ t: 'ok', id: frame.id, output })
  }

  private scheduleReconnect(): void {
    const delay = this.retryDelayMs
    this.retryDelayMs = Math.min(this.retryDelayMs * 2, this.maxDelayMs)
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null
      this.connect()
    }, delay)
  }

  private setState(next: TransportState): void {
    if (next === this.currentState) return
    this.currentState = next
    for (const listener of [...this.stateListeners]) listener(next)
  }
}

function findBridge(): BerthBridge | null {
  const candidate = (window as unknown as { bridge?: Partial<BerthBridge> }).bridge
  if (candidate && typeof candidate.send === 'function' && typeof candidate.onFrame === 'function') {
    return candidate as BerthBridge
  }
  return null
}

/** The socket's address; `prefetch` names the list the page will read first (shared/prefetch.ts). */
export function rpcSocketUrl(location: Pick<Location, 'protocol' | 'host'>, prefetch?: PrefetchableList): string {
  const scheme = location.protocol === 'https:' ? 'wss' : 'ws'
  const query = prefetch ? `?${PREFETCH_PARAM}=${prefetch}` : ''
  return `${scheme}://${location.host}/rpc${query}`
}

/**
 * `firstList` says which list the page reads first after each connect; browser mode asks the
 * server to start it while the socket opens. IPC needs no such help: it is open from the start.
 */
export function createTransport(firstList?: () => PrefetchableList): ObservableTransport {
  const bridge = findBridge()
  if (bridge) return new BridgeTransport(bridge)
  return new WebSocketTransport(() => rpcSocketUrl(window.location, firstList?.()))
}
