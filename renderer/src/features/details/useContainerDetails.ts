/**
 * The open container's inspect answer, read when the details open and again whenever the
 * engine's events change its summary (state, name, status), so the details never go stale
 * without polling. `reload` re-reads after Berth itself changed something (update, rename).
 */
import { useCallback, useEffect, useRef, useState } from 'react'
import type { ContainerDetails } from '../../../../shared/run-models'
import { isRpcError } from '../../../../shared/errors'
import { useSlice, useStores } from '../../stores/context'
import { describeError } from '../../stores/describeError'

export interface DetailsState {
  details: ContainerDetails | null
  /** Why it couldn't be read, in words. */
  error: string | null
  /** The engine says there is no such container (removed). */
  gone: boolean
  reload: () => Promise<ContainerDetails | null>
}

export function useContainerDetails(containerId: string): DetailsState {
  const { client, containers } = useStores()
  const summary = useSlice(containers, (s) => s.byId.get(containerId))
  const [details, setDetails] = useState<ContainerDetails | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [gone, setGone] = useState(false)
  const generation = useRef(0)

  const reload = useCallback(async (): Promise<ContainerDetails | null> => {
    const mine = ++generation.current
    try {
      const fresh = await client.call('containers.inspect', { id: containerId })
      if (mine === generation.current) {
        setDetails(fresh)
        setError(null)
        setGone(false)
      }
      return fresh
    } catch (err) {
      if (mine === generation.current) {
        setGone(isRpcError(err) && err.code === 'NOT_FOUND')
        setError(describeError(err))
      }
      return null
    }
  }, [client, containerId])

  // Re-read whenever the engine reported a change to this container (the summary object is replaced).
  useEffect(() => {
    void reload()
  }, [reload, summary])

  return { details, error, gone, reload }
}
