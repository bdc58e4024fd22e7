/**
 * One pull or push from the dialog's point of view: idle → running (latest progress snapshot) →
 * done | failed | cancelled. Cancelling, or the dialog going away, cancels the stream, which the
 * main process turns into destroying the engine request (the engine then stops the transfer).
 */
import { useCallback, useEffect, useRef, useState } from 'react'
import type { PullEvent, PushEvent, TransferProgress } from '../../../../shared/distribution-models'
import { RpcError } from '../../../../shared/errors'
import { useStores } from '../../stores/context'
import { describeError } from '../../stores/describeError'

type Method = 'images.pull' | 'images.push'
type DoneOf<M extends Method> = Extract<M extends 'images.pull' ? PullEvent : PushEvent, { kind: 'done' }>

export interface TransferFailure {
  message: string
  code: string
  /** Set when logging in may help (the engine said unauthorized, or a Hub image may be private). */
  loginRegistry: string | null
}

export type TransferPhase<M extends Method> =
  | { kind: 'idle' }
  | { kind: 'running'; reference: string; progress: TransferProgress | null; startedAt: number }
  | { kind: 'done'; reference: string; result: DoneOf<M>; progress: TransferProgress | null; elapsedMs: number }
  | { kind: 'failed'; reference: string; failure: TransferFailure }
  | { kind: 'cancelled'; reference: string }

function failureOf(err: unknown): TransferFailure {
  const code = err instanceof RpcError ? err.code : 'INTERNAL'
  const detail = err instanceof RpcError ? (err.detail as { registry?: unknown; reason?: unknown } | undefined) : undefined
  const registry = typeof detail?.registry === 'string' ? detail.registry : null
  const loginHelps = code === 'UNAUTHORIZED' || (detail?.reason === 'not-found' && /log in to/.test(describeError(err)))
  return { message: describeError(err), code, loginRegistry: loginHelps ? registry : null }
}

export function useTransfer<M extends Method>(method: M): {
  phase: TransferPhase<M>
  start: (reference: string) => void
  cancel: () => void
  reset: () => void
} {
  const { client } = useStores()
  const [phase, setPhase] = useState<TransferPhase<M>>({ kind: 'idle' })
  const stop = useRef<(() => void) | null>(null)

  const start = useCallback(
    (reference: string) => {
      stop.current?.()
      const startedAt = Date.now()
      let progress: TransferProgress | null = null
      let result: DoneOf<M> | null = null
      setPhase({ kind: 'running', reference, progress: null, startedAt })
      // One handler for both methods: their events differ only in what `done` carries.
      const stream = client.stream.bind(client) as (
        method: Method,
        input: { reference: string },
        handlers: { onEvent: (event: PullEvent | PushEvent) => void; onEnd: (err?: RpcError) => void }
      ) => () => void
      stop.current = stream(method, { reference }, {
        onEvent: (event) => {
          if (event.kind === 'progress') {
            progress = event
            setPhase({ kind: 'running', reference, progress: event, startedAt })
          } else result = event as DoneOf<M>
        },
        onEnd: (err) => {
          stop.current = null
          if (err) setPhase(err.code === 'CANCELLED' ? { kind: 'cancelled', reference } : { kind: 'failed', reference, failure: failureOf(err) })
          else if (result) setPhase({ kind: 'done', reference, result, progress, elapsedMs: Date.now() - startedAt })
          else setPhase({ kind: 'failed', reference, failure: { message: 'The transfer ended without a result.', code: 'INTERNAL', loginRegistry: null } })
        }
      })
    },
    [client, method]
  )

  const cancel = useCallback(() => {
    if (!stop.current) return
    stop.current()
    stop.current = null
    // The client forgets a stream it cancelled: no end frame comes back to say so.
    setPhase((current) => (current.kind === 'running' ? { kind: 'cancelled', reference: current.reference } : current))
  }, [])

  const reset = useCallback(() => setPhase({ kind: 'idle' }), [])

  useEffect(() => () => stop.current?.(), [])
  return { phase, start, cancel, reset }
}
