/**
 * The window: sidebar, top bar, the open page, and the dialogs any page can open.
 * Only the Containers page (the first view) is in the entry chunk; every other page, the details
 * views and the dialogs load on first use (a few ms from disk or loopback), so the page parses
 * far less JavaScript before its first paint (see the cold-start figures in bench/README.md).
 */
import { Suspense, useEffect, type ComponentType, type ReactElement } from 'react'
import { ContainersPage } from '../features/containers/ContainersPage'
import { lazyNamed } from '../lib/lazyNamed'
import { useSlice, useStores } from '../stores/context'
import { pageFromHash, type Page } from './pages'
import { ConnectionBanner } from './ConnectionBanner'
import { Sidebar } from './Sidebar'
import { TopBar } from './TopBar'

const ContainerDetails = lazyNamed(async () => (await import('../features/details/ContainerDetails')).ContainerDetails)
const ImageDetails = lazyNamed(async () => (await import('../features/image-details/ImageDetails')).ImageDetails)
const RunDialog = lazyNamed(async () => (await import('../features/run/RunDialog')).RunDialog)
const ImageDialogs = lazyNamed(async () => (await import('./ImageDialogs')).ImageDialogs)

const PAGE_VIEWS: Record<Page, ComponentType> = {
  containers: ContainersPage,
  images: lazyNamed(async () => (await import('../features/images/ImagesPage')).ImagesPage),
  builds: lazyNamed(async () => (await import('../features/build/BuildsPage')).BuildsPage),
  registries: lazyNamed(async () => (await import('../features/registries/RegistriesPage')).RegistriesPage),
  volumes: lazyNamed(async () => (await import('../features/volumes/VolumesPage')).VolumesPage),
  networks: lazyNamed(async () => (await import('../features/networks/NetworksPage')).NetworksPage),
  disk: lazyNamed(async () => (await import('../features/disk/DiskPage')).DiskPage),
  engines: lazyNamed(async () => (await import('../features/engines/EnginesPage')).EnginesPage)
}

const loading = <p className="empty">Loading…</p>

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
  const imageDialogOpen = useSlice(views, (s) => s.imageDialog !== null)
  useHashRoute()
  const PageView = PAGE_VIEWS[page]
  return (
    <div className="app">
      <Sidebar />
      <div className="main">
        <TopBar />
        <ConnectionBanner />
        <main className="content">
          <Suspense fallback={loading}>
            {page === 'containers' && openContainerId ? (
              <ContainerDetails key={openContainerId} containerId={openContainerId} />
            ) : page === 'images' && openImageId ? (
              <ImageDetails key={openImageId} imageId={openImageId} />
            ) : (
              <PageView />
            )}
          </Suspense>
        </main>
        <Suspense fallback={null}>
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
          {imageDialogOpen ? <ImageDialogs /> : null}
        </Suspense>
      </div>
    </div>
  )
}
