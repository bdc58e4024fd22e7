/**
 * A volume browse session: volumes.browse runs a read-only helper container for as long as the
 * stream is open, and says when it is ready. Unmounting (closing the dialog) cancels the stream,
 * and the main side then removes the helper.
 */
import { useEffect, useState } from 'react'
import type { RpcClient } from '../../api/client'
import { describeError } from '../../stores/describeError'

export type BrowseState =
  | { phase: 'starting' }
  | { phase: 'ready'; sessionId: string; image: string }
  | { phase: 'ended'; error: string | null; code: string | null }

export function useBrowseSession(client: RpcClient, volume: string): BrowseState {
  const [state, setState] = useState<BrowseState>({ phase: 'starting' })
  useEffect(() => {
    setState({ phase: 'starting' })
    const stop = client.stream(
      'volumes.browse',
      { name: volume },
      {
        onEvent: (event) => setState({ phase: 'ready', sessionId: event.sessionId, image: event.image }),
        onEnd: (err) => setState({ phase: 'ended', error: err ? describeError(err) : null, code: err?.code ?? null })
      }
    )
    return stop
  }, [client, volume])
  return state
}
