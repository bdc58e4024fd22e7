/**
 * Rows from the list the server pushed while the app's code loaded (browser mode,
 * shared/prefetch.ts): before the first render when it is already in, or the moment it arrives
 * (measured: on a cold start the push often waits in the socket until the app's code has run),
 * so the page paints them without waiting for its own call's answer. The stores' own reads still
 * run and replace these rows; a store that has read already ignores a seed.
 */
import type { OutputOf } from '../../../shared/contract'
import { PREFETCHABLE_LISTS, type PrefetchableList } from '../../../shared/prefetch'
import type { ObservableTransport } from '../api/transport'
import type { BerthStores } from './index'

export function seedFromPrefetch(stores: BerthStores, transport: ObservableTransport): () => void {
  const pushed = <K extends PrefetchableList>(method: K): OutputOf<K> | undefined =>
    transport.prefetched?.(method) as OutputOf<K> | undefined
  const seed = (method: PrefetchableList): void => {
    switch (method) {
      case 'containers.list': {
        const rows = pushed(method)
        if (rows) stores.containers.getState().seed(rows)
        return
      }
      case 'images.list': {
        const rows = pushed(method)
        if (rows) stores.images.getState().seed(rows)
        return
      }
      case 'volumes.list': {
        const rows = pushed(method)
        if (rows) stores.volumes.getState().seed(rows)
        return
      }
      case 'networks.list': {
        const rows = pushed(method)
        if (rows) stores.networks.getState().seed(rows)
        return
      }
    }
  }
  for (const method of PREFETCHABLE_LISTS) seed(method)
  return transport.onPrefetched?.(seed) ?? (() => undefined)
}
