import { compareNames } from '../lib/collate'
import type { RpcClient } from '../api/client'
import type { ImageSummary } from '../../../shared/models'
import { createListStore, type ListStore } from './listStore'

/** Tagged images by their first tag, then untagged ones newest first. */
export function imageLabelSortKey(image: ImageSummary): string {
  const tag = image.repoTags.find((t) => t !== '<none>:<none>')
  return tag ?? ''
}

export function createImagesStore(client: RpcClient): ListStore<ImageSummary> {
  return createListStore(
    () => client.call('images.list', {}),
    (a, b) => {
      const ka = imageLabelSortKey(a)
      const kb = imageLabelSortKey(b)
      if (ka && kb) return compareNames(ka, kb)
      if (ka || kb) return ka ? -1 : 1
      return b.created - a.created
    }
  )
}
