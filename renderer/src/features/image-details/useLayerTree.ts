/**
 * Reads the layer tree when the view opens and again whenever the images list is re-read (the
 * events stream re-reads it after a pull, build, tag, removal…), so the tree follows the engine
 * without polling. The core caches what it read per image id, so a re-read costs one list call
 * plus the images that are new. Only the newest answer is kept.
 */
import { useEffect, useRef, useState } from 'react'
import type { LayerTree } from '../../../../shared/image-details-models'
import { useSlice, useStores } from '../../stores/context'
import { describeError } from '../../stores/describeError'

export interface LayerTreeState {
  tree: LayerTree | null
  loading: boolean
  error: string | null
}

export function useLayerTree(): LayerTreeState {
  const { client, images } = useStores()
  // A new list from the engine (a new array) is the signal to re-read the tree.
  const listVersion = useSlice(images, (s) => s.items)
  const [state, setState] = useState<LayerTreeState>({ tree: null, loading: true, error: null })
  const generation = useRef(0)

  useEffect(() => {
    const mine = ++generation.current
    setState((current) => ({ ...current, loading: true }))
    client.call('images.layerTree', {}).then(
      (tree) => {
        if (mine === generation.current) setState({ tree, loading: false, error: null })
      },
      (err: unknown) => {
        if (mine === generation.current) setState((current) => ({ ...current, loading: false, error: describeError(err) }))
      }
    )
  }, [client, listVersion])

  // Answers that arrive after the view closed are dropped.
  useEffect(() => () => void generation.current++, [])
  return state
}
