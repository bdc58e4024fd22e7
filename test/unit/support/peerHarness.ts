/**
 * A Peer wired to an in-memory transport, with a small hand-made handler table: these tests
 * exercise the dispatcher (framing, validation, cancellation), not an engine.
 */
import { Peer } from '../../../electron/core/rpc/peer'
import type { HandlerTable } from '../../../electron/core/rpc/handlers'
import type { ServerFrame } from '../../../shared/wire'

export interface Harness {
  peer: Peer
  sent: ServerFrame[]
  /** Signals the fake handlers received, by the method that got them. */
  signals: Map<string, AbortSignal[]>
  internalErrors: string[]
  /** Resolves once `count` frames have been sent (or rejects after a while). */
  waitForFrames(count: number): Promise<ServerFrame[]>
  /** Lets the stream handler for `events.watch` emit and finish on demand. */
  stream: { emit(event: unknown): void; finish(): void; fail(err: unknown): void }
}

export function createHarness(): Harness {
  const sent: ServerFrame[] = []
  const signals = new Map<string, AbortSignal[]>()
  const internalErrors: string[] = []
  let waiters: Array<() => void> = []
  const remember = (method: string, signal: AbortSignal): void => {
    signals.set(method, [...(signals.get(method) ?? []), signal])
  }
  let streamEmit: (event: unknown) => void = () => {}
  let streamFinish: () => void = () => {}
  let streamFail: (err: unknown) => void = () => {}

  const table = {
    'engines.list': async (_input: unknown, signal: AbortSignal) => {
      remember('engines.list', signal)
      return [{ id: 'native', name: 'Local Docker' }]
    },
    'engines.info': async (_input: unknown, signal: AbortSignal) => {
      remember('engines.info', signal)
      throw new Error('database exploded')
    },
    'containers.stop': async (input: { id: string }, signal: AbortSignal) => {
      remember('containers.stop', signal)
      // Waits until aborted: lets tests cancel an in-flight call.
      await new Promise<void>((resolve) => signal.addEventListener('abort', () => resolve(), { once: true }))
      return { ok: true, id: input.id }
    },
    'containers.start': async () => {
      throw Object.assign(new Error('(HTTP code 404) no such container - No such container: abc'), {
        statusCode: 404,
        json: { message: 'No such container: abc' }
      })
    },
    'events.watch': (_input: unknown, emit: (event: unknown) => void, signal: AbortSignal) => {
      remember('events.watch', signal)
      return new Promise<void>((resolve, reject) => {
        streamEmit = emit
        streamFinish = resolve
        streamFail = reject
        signal.addEventListener('abort', () => resolve(), { once: true })
      })
    }
  } as unknown as HandlerTable

  const peer = new Peer(
    table,
    (frame) => {
      sent.push(frame)
      const current = waiters
      waiters = []
      current.forEach((wake) => wake())
    },
    { onInternalError: (method) => internalErrors.push(method) }
  )

  async function waitForFrames(count: number): Promise<ServerFrame[]> {
    const deadline = Date.now() + 2_000
    while (sent.length < count) {
      if (Date.now() > deadline) throw new Error(`expected ${count} frames, got ${sent.length}: ${JSON.stringify(sent)}`)
      await new Promise<void>((resolve) => {
        waiters.push(resolve)
        setTimeout(resolve, 20)
      })
    }
    return sent
  }

  return {
    peer,
    sent,
    signals,
    internalErrors,
    waitForFrames,
    stream: {
      emit: (event) => streamEmit(event),
      finish: () => streamFinish(),
      fail: (err) => streamFail(err)
    }
  }
}

/** Lets queued promise callbacks run (handlers are async even when they return at once). */
export async function settle(): Promise<void> {
  for (let i = 0; i < 5; i++) await new Promise<void>((resolve) => setImmediate(resolve))
}
