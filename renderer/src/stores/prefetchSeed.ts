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
  const into = <T>(seedStore: (rows: T) => void, rows: T | undefined): void => {
    if (rows) seedStore(rows)
  }
  const seed = (method: PrefetchableList): void => {
    if (method === 'containers.list') into(stores.containers.getState().seed, pushed(method))
    else if (method === 'images.list') into(stores.images.getState().seed, pushed(method))
    else if (method === 'volumes.list') into(stores.volumes.getState().seed, pushed(method))
    else into(stores.networks.getState().seed, pushed(method))
  }
  for (const method of PREFETCHABLE_LISTS) seed(method)
  return transport.onPrefetched?.(seed) ?? (() => undefined)
}
