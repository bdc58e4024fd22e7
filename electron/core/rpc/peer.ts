/**
 * The peer: one per connected client (a window over IPC, a browser tab over WebSocket).
 * It validates every incoming frame, checks the input against the contract, dispatches to the
 * handler table, and answers with ok / err / ev / end. Streams are cancelled through an
 * AbortController when the client cancels or the transport closes.
 */
import { contract, isMethodName } from '../../../shared/contract'
import type { CallName, StreamName } from '../../../shared/contract'
import { RpcError } from '../../../shared/errors'
import { isPrefetchableList as isPrefetchable, type PrefetchableList, type PrefetchFrame } from '../../../shared/prefetch'
import { ClientFrame, type ServerFrame } from '../../../shared/wire'
import type { HandlerTable } from './handlers'
import { toRpcError } from './errors'
import { Prefetches, type PrefetchGuard } from './prefetch'

/** A client may have at most this many calls and streams in flight; more is refused, not queued. */
export const MAX_IN_FLIGHT = 4096

type AnyCall = (input: unknown, signal: AbortSignal) => Promise<unknown>

/** A read of a prefetchable list (they take no input) through the handler table. */
export function listReader(handlers: HandlerTable, method: PrefetchableList): (signal: AbortSignal) => Promise<unknown> {
  const handler = handlers[method] as unknown as AnyCall
  return (signal) => handler(contract[method].input.parse({}), signal)
}
type AnyStream = (input: unknown, emit: (event: unknown) => void, signal: AbortSignal) => Promise<void>

export interface PeerOptions {
  /** Called for failures that are Berth's bugs (INTERNAL), so they reach a log; never for user errors. */
  onInternalError?: (method: string, err: unknown) => void
}

export class Peer {
  private readonly inFlight = new Map<number, AbortController>()
  private readonly prefetches = new Prefetches()
  /** Where prefetch frames go (browser mode's socket); unset, prefetched answers wait for the call. */
  private prefetchSink: ((frame: PrefetchFrame) => void) | null = null
  private closed = false

  constructor(
    private readonly handlers: HandlerTable,
    private readonly send: (frame: ServerFrame) => void,
    private readonly options: PeerOptions = {}
  ) {}

  /** Accepts an already-decoded frame (IPC gives objects; the WebSocket transport parses JSON first). */
  receive(raw: unknown): void {
    if (this.closed) return
    const parsed = ClientFrame.safeParse(raw)
    if (!parsed.success) {
      this.reply({ t: 'err', id: salvageId(raw), error: badFrame(parsed.error.issues[0]?.message) })
      return
    }
    const frame = parsed.data
    if (frame.t === 'cancel') {
      this.inFlight.get(frame.id)?.abort()
      return
    }
    if (this.inFlight.has(frame.id)) {
      this.reply({ t: 'err', id: null, error: badFrame(`id ${frame.id} is already in use`) })
      return
    }
    if (this.inFlight.size >= MAX_IN_FLIGHT) {
      this.reply({ t: 'err', id: frame.id, error: { code: 'BAD_FRAME', message: 'Too many requests in flight.' } })
      return
    }
    if (!isMethodName(frame.method)) {
      this.reply({
        t: 'err',
        id: frame.id,
        error: { code: 'UNKNOWN_METHOD', message: `There is no method called "${frame.method.slice(0, 128)}".` }
      })
      return
    }
    const spec = contract[frame.method]
    const expected = spec.kind === 'call' ? 'call' : 'sub'
    if (frame.t !== expected) {
      this.reply({
        t: 'err',
        id: frame.id,
        error: badFrame(`${frame.method} is a ${spec.kind}; send it as "${expected}"`)
      })
      return
    }
    const input = spec.input.safeParse(frame.input ?? {})
    if (!input.success) {
      const issue = input.error.issues[0]
      const field = issue?.path.join('.') || undefined
      this.reply({
        t: 'err',
        id: frame.id,
        error: {
          code: 'INVALID_INPUT',
          message: field ? `${field}: ${issue?.message}` : (issue?.message ?? 'Invalid input.'),
          detail: { issues: input.error.issues.slice(0, 10).map((i) => ({ path: i.path.map(String), message: i.message })) }
        }
      })
      return
    }
    const controller = new AbortController()
    this.inFlight.set(frame.id, controller)
    if (spec.kind === 'call') void this.runCall(frame.id, frame.method as CallName, input.data, controller)
    else void this.runStream(frame.id, frame.method as StreamName, input.data, controller)
  }

  /**
   * Starts a list read before the client asks for it (see rpc/prefetch.ts); the client's first
   * call of that method is answered from it while `guard` says it is still fresh. With `sink`,
   * the answer is pushed as soon as it is read (a `pre` frame), and the call, if still fresh by
   * then, is answered by naming it (`okpre`) instead of sending it again. `startedRead` is a read
   * of that list already under way (begun with the page request, see PageLoadRead) to use instead
   * of starting one.
   */
  prefetch(
    method: PrefetchableList,
    guard: PrefetchGuard,
    sink?: (frame: PrefetchFrame) => void,
    startedRead?: (signal: AbortSignal) => Promise<unknown>
  ): void {
    if (this.closed) return guard.dispose()
    this.prefetchSink = sink ?? null
    const push = sink && ((output: unknown) => this.sendPrefetchFrame({ t: 'pre', method, output }))
    this.prefetches.start(method, startedRead ?? listReader(this.handlers, method), guard, push)
  }

  /** Aborts everything in flight; later frames are ignored. */
  close(): void {
    this.closed = true
    this.prefetches.close()
    for (const controller of this.inFlight.values()) controller.abort()
    this.inFlight.clear()
  }

  get inFlightCount(): number {
    return this.inFlight.size
  }

  private async runCall(id: number, method: CallName, input: unknown, controller: AbortController): Promise<void> {
    const handler = this.handlers[method] as unknown as AnyCall
    try {
      // A prefetched read that failed is not the call's answer: the call then runs as usual.
      const prefetched = this.prefetches.take(method)
      if (prefetched?.pushed && isPrefetchable(method)) return this.sendPrefetchFrame({ t: 'okpre', id, method })
      const output = await (prefetched ? prefetched.answer.catch(() => handler(input, controller.signal)) : handler(input, controller.signal))
      if (controller.signal.aborted) this.fail(id, method, new RpcError('CANCELLED', 'Cancelled.'))
      else this.reply({ t: 'ok', id, output })
    } catch (err) {
      this.fail(id, method, controller.signal.aborted ? new RpcError('CANCELLED', 'Cancelled.') : err)
    } finally {
      this.inFlight.delete(id)
    }
  }

  private async runStream(id: number, method: StreamName, input: unknown, controller: AbortController): Promise<void> {
    const handler = this.handlers[method] as unknown as AnyStream
    const emit = (event: unknown): void => {
      if (!controller.signal.aborted) this.reply({ t: 'ev', id, event })
    }
    try {
      await handler(input, emit, controller.signal)
      if (controller.signal.aborted) this.fail(id, method, new RpcError('CANCELLED', 'Cancelled.'))
      else this.reply({ t: 'end', id })
    } catch (err) {
      this.fail(id, method, controller.signal.aborted ? new RpcError('CANCELLED', 'Cancelled.') : err)
    } finally {
      this.inFlight.delete(id)
    }
  }

  private fail(id: number, method: string, err: unknown): void {
    const rpc = toRpcError(err)
    if (rpc.code === 'INTERNAL') this.options.onInternalError?.(method, err)
    this.reply({ t: 'err', id, error: rpc.toShape() })
  }

  private sendPrefetchFrame(frame: PrefetchFrame): void {
    if (this.closed || !this.prefetchSink) return
    try {
      this.prefetchSink(frame)
    } catch (err) {
      this.options.onInternalError?.('send', err)
      this.close()
    }
  }

  private reply(frame: ServerFrame): void {
    if (this.closed) return
    try {
      this.send(frame)
    } catch (err) {
      // A transport that can no longer send is a closed transport.
      this.options.onInternalError?.('send', err)
      this.close()
    }
  }
}

function badFrame(why: string | undefined): { code: 'BAD_FRAME'; message: string } {
  return { code: 'BAD_FRAME', message: `Malformed frame${why ? `: ${why}` : ''}.` }
}

/** Answers a malformed frame under its own id when that id is usable, so the client can match it. */
function salvageId(raw: unknown): number | null {
  if (typeof raw !== 'object' || raw === null) return null
  const id = (raw as { id?: unknown }).id
  return typeof id === 'number' && Number.isSafeInteger(id) && id >= 0 ? id : null
}
