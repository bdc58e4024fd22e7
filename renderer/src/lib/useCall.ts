/**
 * One call's answer for a component: made when the component mounts (and again when `key`
 * changes), dropped if the component is gone before it arrives. For reads a dialog needs once —
 * the engine's drivers, whether native dialogs exist, an object's details.
 */
import { useEffect, useState } from 'react'
import type { CallName, InputOf, OutputOf } from '../../../shared/contract'
import { useStores } from '../stores/context'
import { describeError } from '../stores/describeError'

export interface CallState<T> {
  /** Undefined until the answer arrives (and after a failure). */
  value: T | undefined
  /** The failure in words, or null. */
  error: string | null
}

/** `key` says when to ask again; by default the input's JSON. */
export function useCall<K extends CallName>(method: K, input: InputOf<K>, key: string = JSON.stringify(input)): CallState<OutputOf<K>> {
  const { client } = useStores()
  const [state, setState] = useState<CallState<OutputOf<K>> & { key: string }>({ value: undefined, error: null, key })
  useEffect(() => {
    let live = true
    client.call(method, input).then(
      (value) => live && setState({ value, error: null, key }),
      (err: unknown) => live && setState({ value: undefined, error: describeError(err), key })
    )
    return () => {
      live = false
    }
    // `input` is represented by `key` (a fresh object each render must not ask again).
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [client, method, key])
  // An answer for an older key is not this key's answer.
  return state.key === key ? state : { value: undefined, error: null }
}
