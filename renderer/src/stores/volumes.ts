import { compareNames } from '../lib/collate'
import type { RpcClient } from '../api/client'
import type { VolumeSummary } from '../../../shared/models'
import { createListStore, type ListStore } from './listStore'

export function createVolumesStore(client: RpcClient): ListStore<VolumeSummary> {
  return createListStore(
    () => client.call('volumes.list', {}),
    (a, b) => compareNames(a.name, b.name)
  )
}
