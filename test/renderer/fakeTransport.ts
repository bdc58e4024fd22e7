/**
 * A fake Berth on the far side of the transport, for renderer unit tests only: it answers calls
 * from per-method handlers (which tests can swap or hold back), records every call, keeps the
 * events.watch subscriptions, and can push WatchEvents or drop and restore the connection.
 */
import type { TransportState } from '../../renderer/src/api/client'
import type { ObservableTransport } from '../../renderer/src/api/transport'
import type { CallName, EventOf, InputOf, OutputOf, StreamName } from '../../shared/contract'
import type { WatchEvent } from '../../shared/models'
import { RpcError } from '../../shared/errors'
import type { ClientFrame, ServerFrame } from '../../shared/wire'

type Handler<K extends CallName> = (input: InputOf<K>) => OutputOf<K> | Promise<OutputOf<K>>
type HandlerMap = { [K in CallName]?: Handler<K> }

export interface RecordedCall {
  method: string
  input: unknown
}

export class FakeTransport implements ObservableTransport {
  private currentState: TransportState
  private frameListener: ((frame: ServerFrame) => void) | null = null
  private readonly stateListeners = new Set<(state: TransportState) => void>()
  private readonly handlers: HandlerMap = {}
  /** Ids of live events.watch subscriptions. */
  readonly watchers = new Set<number>()
  readonly calls: RecordedCall[] = []
  subscribeCount = 0
  /** What each events.watch subscription asked for (its paceId). */
  readonly watchInputs: unknown[] = []
  /** Every open stream subscription, by id: its method. */
  private readonly streams = new Map<number, string>()

  constructor(initialState: TransportState = 'open') {
    this.currentState = initialState
  }

  get state(): TransportState {
    return this.currentState
  }

  handle<K extends CallName>(method: K, handler: Handler<K>): this {
    ;(this.handlers as Record<string, unknown>)[method] = handler
    return this
  }

  callsTo(method: CallName): RecordedCall[] {
    return this.calls.filter((call) => call.method === method)
  }

  send(frame: ClientFrame): void {
    if (this.currentState !== 'open') throw new Error('not connected')
    if (frame.t === 'cancel') {
      this.watchers.delete(frame.id)
      this.streams.delete(frame.id)
      return
    }
    if (frame.t === 'sub') {
      this.streams.set(frame.id, frame.method)
      if (frame.method === 'events.watch') {
        this.watchers.add(frame.id)
        this.subscribeCount++
        this.watchInputs.push(frame.input)
      }
      return
    }
    this.calls.push({ method: frame.method, input: frame.input })
    const handler = (this.handlers as Record<string, ((input: unknown) => unknown) | undefined>)[frame.method]
    const id = frame.id
    // Answer asynchronously, as a real transport would.
    void Promise.resolve()
      .then(() => {
        if (!handler) throw new RpcError('UNKNOWN_METHOD', `The fake has no handler for ${frame.method}.`)
        return handler(frame.input)
      })
      .then(
        (output) => this.deliver({ t: 'ok', id, output }),
        (err: unknown) => {
          const error = err instanceof RpcError ? err.toShape() : { code: 'INTERNAL' as const, message: String(err) }
          this.deliver({ t: 'err', id, error })
        }
      )
  }

  onFrame(listener: (frame: ServerFrame) => void): void {
    this.frameListener = listener
  }

  onState(listener: (state: TransportState) => void): () => void {
    this.stateListeners.add(listener)
    return () => this.stateListeners.delete(listener)
  }

  /** Pushes one event to every open stream of `method` (vm.watch, engines.watch, …). */
  pushStream<K extends StreamName>(method: K, event: EventOf<K>): void {
    for (const [id, name] of this.streams) if (name === method) this.deliver({ t: 'ev', id, event })
  }

  /** Whether a stream of `method` is open (a test waits for it before pushing). */
  hasStream(method: StreamName): boolean {
    return [...this.streams.values()].includes(method)
  }

  /** Pushes one event to every events.watch subscriber. */
  emit(event: WatchEvent): void {
    for (const id of this.watchers) this.deliver({ t: 'ev', id, event })
  }

  /** The server went away: subscriptions are gone and the client fails what was pending. */
  drop(): void {
    this.watchers.clear()
    this.setState('closed')
    this.setState('connecting')
  }

  restore(): void {
    this.setState('open')
  }

  private deliver(frame: ServerFrame): void {
    if (this.currentState === 'open') this.frameListener?.(frame)
  }

  private setState(state: TransportState): void {
    this.currentState = state
    for (const listener of [...this.stateListeners]) listener(state)
  }
}
