/**
 * One image's details, read when the view opens and again whenever the images list is re-read:
 * the events stream re-reads it after tags change and after containers are created or removed
 * (the "used by" list), so the page follows the engine without polling. NOT_FOUND means the
 * image is gone (removed behind our back): the page says so instead of showing stale facts.
 */
import { useEffect, useRef, useState } from 'react'
import type { ImageDetails } from '../../../../shared/image-details-models'
import { isRpcError } from '../../../../shared/errors'
import { useSlice, useStores } from '../../stores/context'
import { describeError } from '../../stores/describeError'

export interface ImageDetailsState {
  details: ImageDetails | null
  error: string | null
  gone: boolean
}

export function useImageDetails(imageId: string): ImageDetailsState {
  const { client, images } = useStores()
  const listVersion = useSlice(images, (s) => s.items)
  const [state, setState] = useState<ImageDetailsState>({ details: null, error: null, gone: false })
  const generation = useRef(0)

  useEffect(() => {
    const mine = ++generation.current
    client.call('images.inspect', { id: imageId }).then(
      (details) => {
        if (mine === generation.current) setState({ details, error: null, gone: false })
      },
      (err: unknown) => {
        if (mine !== generation.current) return
        const gone = isRpcError(err) && err.code === 'NOT_FOUND'
        setState((current) => ({ details: gone ? null : current.details, error: gone ? null : describeError(err), gone }))
      }
    )
  }, [client, imageId, listVersion])

  return state
}
