import { compareNames } from '../lib/collate'
import type { RpcClient } from '../api/client'
import type { VolumeRow } from '../../../shared/volumes-models'
import { createListStore, type ListStore } from './listStore'

export function createVolumesStore(client: RpcClient): ListStore<VolumeRow> {
  return createListStore(
    () => client.call('volumes.list', {}),
    // Named volumes first (people look for those), anonymous ones after them.
    (a, b) => Number(a.anonymous) - Number(b.anonymous) || compareNames(a.name, b.name)
  )
}
