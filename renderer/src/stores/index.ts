/**
 * All of the app's stores, made together around one client so tests can build a fresh set per
 * test, and handed to components through React context.
 */
import type { RpcClient } from '../api/client'
import type { ObservableTransport } from '../api/transport'
import type { ImageSummary } from '../../../shared/models'
import type { NetworkRow } from '../../../shared/networks-models'
import type { VolumeRow } from '../../../shared/volumes-models'
import { createBuildsStore, type BuildsStore } from './builds'
import { createConnectionStore, type ConnectionStore } from './connection'
import { createContainersStore, type ContainersStore } from './containers'
import { createEnginesStore, type EnginesStore } from './engines'
import { createImageSelectionStore, createImagesStore, type ImageSelectionStore } from './images'
import type { ListStore } from './listStore'
import { createNetworksStore } from './networks'
import { createSetupStore, type SetupStore } from './setup'
import { createViewsStore, type Page, type ViewsStore } from './views'
import { createVmStore, type VmStore } from './vm'
import { createVolumesStore } from './volumes'

export interface BerthStores {
  client: RpcClient
  connection: ConnectionStore
  engines: EnginesStore
  containers: ContainersStore
  images: ListStore<ImageSummary>
  /** The Images page's selected rows (by image id). */
  imageSelection: ImageSelectionStore
  volumes: ListStore<VolumeRow>
  networks: ListStore<NetworkRow>
  views: ViewsStore
  builds: BuildsStore
  /** One-click engine setup (the dialog, detection, plan and run). */
  setup: SetupStore
  /** The Berth VM (Engines page). */
  vm: VmStore
}

export function createBerthStores(client: RpcClient, transport: ObservableTransport, initialPage?: Page): BerthStores {
  return {
    client,
    connection: createConnectionStore(transport),
    engines: createEnginesStore(client),
    containers: createContainersStore(client),
    images: createImagesStore(client),
    imageSelection: createImageSelectionStore(),
    volumes: createVolumesStore(client),
    networks: createNetworksStore(client),
    views: createViewsStore(initialPage),
    builds: createBuildsStore(client),
    setup: createSetupStore(client),
    vm: createVmStore(client)
  }
}
