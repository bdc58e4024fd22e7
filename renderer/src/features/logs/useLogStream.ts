/**
 * Subscribes to containers.logs and feeds a LogModel without ever blocking the UI for long:
 * batches from the socket are only queued; once per animation frame the queue is drained into
 * the model for at most DRAIN_BUDGET_MS (the rest waits for the next frame), and a React update
 * says "lines changed" — at most every LOG_RENDER_INTERVAL_MS while they keep coming. A timer backs the animation frame up, because a background tab
 * gets no frames and the queue must not grow without end.
 *
 * Flow control: the stream is named (paceId) and the batches received are acknowledged
 * (containers.logsAck, a running total) while few wait to be drained, so the main process stops
 * reading the engine while this page is LOG_WINDOW_HIGH_BATCHES behind plus its short queue: a
 * flood never piles up in the socket, the page or the main process.
 */
import { useEffect, useRef, useState } from 'react'
import type { RpcClient } from '../../api/client'
import { LOG_WINDOW_HIGH_BATCHES, type LogBatch } from '../../../../shared/logs-models'
import { describeError } from '../../stores/describeError'
import type { LogModel } from './logModel'
import { newPaceId } from '../../api/paceId'

const DRAIN_BUDGET_MS = 8
const QUEUED_AHEAD_BATCHES = LOG_WINDOW_HIGH_BATCHES
const FALLBACK_DRAIN_MS = 250
/**
 * While lines keep arriving, the view is redrawn at most this often: nobody reads a flood line by
 * line, and each redraw (rows, layout, paint) cost more than taking the lines in. Measured with
 * a 1 M-line log: redrawn at every drain (every frame) the page took it in at ~0.5× the raw read.
 */
export const LOG_RENDER_INTERVAL_MS = 100

export type LogStreamState =
  | { phase: 'idle' }
  | { phase: 'opening' }
  | { phase: 'following'; tty: boolean }
  | { phase: 'ended'; tty: boolean }
  | { phase: 'failed'; message: string }

export interface LogStreamOptions {
  containerId: string
  tail: number | 'all'
  since?: number
  /** False until the tab is first shown: hidden tabs never opened cost nothing. */
  enabled: boolean
}

export interface LogStreamView {
  state: LogStreamState
  /** Changes every time lines were added to the model (drives re-rendering). */
  version: number
}

export function useLogStream(client: RpcClient, model: LogModel, options: LogStreamOptions, onBeforeDrain?: () => void): LogStreamView {
  const [state, setState] = useState<LogStreamState>({ phase: 'idle' })
  const [version, setVersion] = useState(0)
  const beforeDrain = useRef(onBeforeDrain)
  beforeDrain.current = onBeforeDrain
  const { containerId, tail, since, enabled } = options

  useEffect(() => {
    if (!enabled) return
    let queue: LogBatch[] = []
    let queueHead = 0
    let frame = 0
    let timer: ReturnType<typeof setTimeout> | undefined
    let lastRender = 0
    let renderTimer: ReturnType<typeof setTimeout> | undefined
    let tty = false
    let open = true
    const paceId = newPaceId('logs')
    /** Batches received and the total last acknowledged. */
    let received = 0
    let acked = 0
    /**
     * Acknowledged as they arrive while at most QUEUED_AHEAD_BATCHES wait to be drained, else as
     * the drains catch up: the engine is read on without waiting for the page's next frame (that
     * wait, once per batch, held a 1 M-line log to half the engine's speed), and what waits in
     * the page stays bounded.
     */
    const acknowledge = (): void => {
      if (received === acked || !open || queue.length - queueHead > QUEUED_AHEAD_BATCHES) return
      acked = received
      client.call('containers.logsAck', { paceId, batches: received }).catch(() => {
        // The stream ended meanwhile: nothing waits for this ack any more.
      })
    }

    const render = (): void => {
      clearTimeout(renderTimer)
      renderTimer = undefined
      lastRender = performance.now()
      setVersion((v) => v + 1)
    }
    /** At once when the view was last drawn long enough ago, otherwise when it will have been. */
    const renderSoon = (): void => {
      const wait = LOG_RENDER_INTERVAL_MS - (performance.now() - lastRender)
      if (wait <= 0) render()
      else renderTimer ??= setTimeout(render, wait)
    }

    const drain = (): void => {
      cancelAnimationFrame(frame)
      clearTimeout(timer)
      frame = 0
      timer = undefined
      if (!open) return
      beforeDrain.current?.()
      const started = performance.now()
      while (queueHead < queue.length && performance.now() - started < DRAIN_BUDGET_MS) {
        model.appendBatch(queue[queueHead++])
      }
      acknowledge()
      if (queueHead === queue.length) {
        queue = []
        queueHead = 0
      } else {
        schedule()
      }
      renderSoon()
    }
    const schedule = (): void => {
      if (frame === 0) frame = requestAnimationFrame(drain)
      timer ??= setTimeout(drain, FALLBACK_DRAIN_MS)
    }

    model.clear()
    setVersion((v) => v + 1)
    setState({ phase: 'opening' })
    const cancel = client.stream(
      'containers.logs',
      { id: containerId, tail, since, timestamps: true, follow: true, paceId },
      {
        onEvent: (batch: LogBatch) => {
          if (batch.tty !== undefined) {
            tty = batch.tty
            setState({ phase: 'following', tty })
          }
          received += 1
          if (batch.count > 0) {
            queue.push(batch)
            schedule()
          }
          acknowledge()
        },
        onEnd: (err) => {
          if (!open) return
          // Show what already arrived before saying how it ended.
          while (queueHead < queue.length) model.appendBatch(queue[queueHead++])
          queue = []
          queueHead = 0
          render()
          setState(err ? { phase: 'failed', message: describeError(err) } : { phase: 'ended', tty })
        }
      }
    )
    return () => {
      open = false
      cancel()
      cancelAnimationFrame(frame)
      clearTimeout(timer)
      clearTimeout(renderTimer)
    }
  }, [client, model, containerId, tail, since, enabled])

  return { state, version }
}
