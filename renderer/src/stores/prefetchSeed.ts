/**
 * Before the first render: rows from the list the server pushed while the app's code loaded
 * (browser mode, shared/prefetch.ts), so the open page paints with them instead of "Loading"
 * and then again. The stores' own reads still run and replace these rows.
 */
import type { OutputOf } from '../../../shared/contract'
import type { PrefetchableList } from '../../../shared/prefetch'
import type { ObservableTransport } from '../api/transport'
import type { BerthStores } from './index'

export function seedFromPrefetch(stores: BerthStores, transport: ObservableTransport): void {
  const pushed = <K extends PrefetchableList>(method: K): OutputOf<K> | undefined =>
    transport.prefetched?.(method) as OutputOf<K> | undefined
  const containers = pushed('containers.list')
  if (containers) stores.containers.getState().seed(containers)
  const images = pushed('images.list')
  if (images) stores.images.getState().seed(images)
  const volumes = pushed('volumes.list')
  if (volumes) stores.volumes.getState().seed(volumes)
  const networks = pushed('networks.list')
  if (networks) stores.networks.getState().seed(networks)
}
