import { compareNames } from '../lib/collate'
import type { RpcClient } from '../api/client'
import type { NetworkRow } from '../../../shared/networks-models'
import { createListStore, type ListStore } from './listStore'

export function createNetworksStore(client: RpcClient): ListStore<NetworkRow> {
  return createListStore(
    () => client.call('networks.list', {}),
    // Docker's own networks last: the ones people made are what they come for.
    (a, b) => Number(a.predefined) - Number(b.predefined) || compareNames(a.name, b.name)
  )
}
