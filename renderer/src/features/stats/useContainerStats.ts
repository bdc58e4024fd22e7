/**
 * Follows containers.stats for one container while `active` (the Stats tab is visible and the
 * container runs) and appends to its history, which outlives the component. Zero streams while
 * hidden: the history just shows a gap for that time.
 */
import { useEffect, useState } from 'react'
import { describeError } from '../../stores/describeError'
import { useSlice, useStores } from '../../stores/context'
import { historyBookFor, type StatsHistory } from './history'

export type StatsStatus =
  | { kind: 'waiting' }
  | { kind: 'live' }
  | { kind: 'paused-hidden' }
  | { kind: 'not-running'; state: string }
  | { kind: 'error'; message: string }

/** After a failed stream (engine lost), try again this much later while still shown. */
const RETRY_MS = 5000

export function useContainerStats(containerId: string, visible: boolean): { history: StatsHistory; version: number; status: StatsStatus } {
  const { client, containers } = useStores()
  const history = historyBookFor(client).get(containerId)
  const state = useSlice(containers, (s) => s.byId.get(containerId)?.state)
  const [version, setVersion] = useState(history.version)
  const [status, setStatus] = useState<StatsStatus>({ kind: 'waiting' })
  const [attempt, setAttempt] = useState(0)
  // Unknown state (list not loaded yet) is worth a try: the stream ends at once if it doesn't run.
  const runs = state === undefined || state === 'running' || state === 'paused'
  const active = visible && runs

  useEffect(() => {
    if (!active) return
    setStatus({ kind: 'waiting' })
    let retry: ReturnType<typeof setTimeout> | undefined
    const cancel = client.stream('containers.stats', { id: containerId }, {
      onEvent: (sample) => {
        history.push(sample)
        setVersion(history.version)
        setStatus((current) => (current.kind === 'live' ? current : { kind: 'live' }))
      },
      onEnd: (err) => {
        if (!err) {
          setStatus({ kind: 'not-running', state: 'stopped' })
          return
        }
        setStatus({ kind: 'error', message: describeError(err) })
        retry = setTimeout(() => setAttempt((n) => n + 1), RETRY_MS)
      }
    })
    return () => {
      clearTimeout(retry)
      cancel()
    }
  }, [active, client, containerId, history, attempt])

  if (!visible) return { history, version, status: { kind: 'paused-hidden' } }
  if (!runs) return { history, version, status: { kind: 'not-running', state: state ?? 'unknown' } }
  return { history, version, status }
}
