import { useEffect, type ReactElement } from 'react'
import { ContainersPage } from '../features/containers/ContainersPage'
import { ContainerDetails } from '../features/details/ContainerDetails'
import { RunDialog } from '../features/run/RunDialog'
import { EnginesPage } from '../features/engines/EnginesPage'
import { ImagesPage } from '../features/images/ImagesPage'
import { NetworksPage } from '../features/networks/NetworksPage'
import { VolumesPage } from '../features/volumes/VolumesPage'
import { BuildsPage } from '../features/build/BuildsPage'
import { DiskPage } from '../features/disk/DiskPage'
import { ImageDetails } from '../features/image-details/ImageDetails'
import { RegistriesPage } from '../features/registries/RegistriesPage'
import { ImageDialogs } from './ImageDialogs'
import { useSlice, useStores } from '../stores/context'
import { PAGES, type Page } from '../stores/views'
import { ConnectionBanner } from './ConnectionBanner'
import { Sidebar } from './Sidebar'
import { TopBar } from './TopBar'

const PAGE_VIEWS: Record<Page, () => ReactElement> = {
  containers: ContainersPage,
  images: ImagesPage,
  builds: BuildsPage,
  registries: RegistriesPage,
  volumes: VolumesPage,
  networks: NetworksPage,
  disk: DiskPage,
  engines: EnginesPage
}

export function pageFromHash(hash: string): Page | null {
  const name = hash.replace(/^#\/?/, '')
  return (PAGES as readonly string[]).includes(name) ? (name as Page) : null
}

/** Keeps the open page in the URL hash so a reload (or a bookmark) opens the same page. */
function useHashRoute(): void {
  const { views } = useStores()
  const page = useSlice(views, (s) => s.page)
  useEffect(() => {
    const onHashChange = (): void => {
      const fromHash = pageFromHash(window.location.hash)
      if (fromHash) views.getState().setPage(fromHash)
    }
    window.addEventListener('hashchange', onHashChange)
    return () => window.removeEventListener('hashchange', onHashChange)
  }, [views])
  useEffect(() => {
    if (pageFromHash(window.location.hash) !== page) window.history.replaceState(null, '', `#/${page}`)
  }, [page])
}

export function App(): ReactElement {
  const { views } = useStores()
  const page = useSlice(views, (s) => s.page)
  const openContainerId = useSlice(views, (s) => s.openContainerId)
  const openImageId = useSlice(views, (s) => s.openImageId)
  const runDialog = useSlice(views, (s) => s.runDialog)
  useHashRoute()
  const PageView = PAGE_VIEWS[page]
  return (
    <div className="app">
      <Sidebar />
      <div className="main">
        <TopBar />
        <ConnectionBanner />
        <main className="content">
          {page === 'containers' && openContainerId ? (
            <ContainerDetails key={openContainerId} containerId={openContainerId} />
          ) : page === 'images' && openImageId ? (
            <ImageDetails key={openImageId} imageId={openImageId} />
          ) : (
            <PageView />
          )}
        </main>
        {runDialog ? (
          <RunDialog
            initialImage={runDialog.image}
            onClose={() => views.getState().closeRunDialog()}
            onStarted={(id) => {
              views.getState().closeRunDialog()
              views.getState().openContainer(id)
            }}
          />
        ) : null}
        <ImageDialogs />
      </div>
    </div>
  )
}
