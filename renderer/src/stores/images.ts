import { createStore, type StoreApi } from 'zustand/vanilla'
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

/**
 * Which images are selected on the Images page (by id). Kept apart from the list so a re-read
 * never touches it, and outside the page so it survives opening an image's details and coming back.
 */
export interface ImageSelectionState {
  selected: ReadonlySet<string>
  toggle(id: string, on: boolean): void
  set(ids: Iterable<string>): void
  clear(): void
}

export type ImageSelectionStore = StoreApi<ImageSelectionState>

export function createImageSelectionStore(): ImageSelectionStore {
  return createStore<ImageSelectionState>()((set, get) => ({
    selected: new Set(),
    toggle(id, on) {
      const selected = new Set(get().selected)
      if (on) selected.add(id)
      else selected.delete(id)
      set({ selected })
    },
    set: (ids) => set({ selected: new Set(ids) }),
    clear: () => set({ selected: new Set() })
  }))
}
