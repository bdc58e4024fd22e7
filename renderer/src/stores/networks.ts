import { compareNames } from '../lib/collate'
import type { RpcClient } from '../api/client'
import type { NetworkSummary } from '../../../shared/models'
import { createListStore, type ListStore } from './listStore'

export function createNetworksStore(client: RpcClient): ListStore<NetworkSummary> {
  return createListStore(
    () => client.call('networks.list', {}),
    (a, b) => compareNames(a.name, b.name)
  )
}
