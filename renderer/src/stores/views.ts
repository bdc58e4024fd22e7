/**
 * What the person is doing, kept apart from what the engine said: the open page, search text,
 * filters, selection, collapsed groups and scroll offsets. Nothing here is touched by reads or
 * reconnects, so an engine that drops and returns takes none of it away.
 */
import { createStore, type StoreApi } from 'zustand/vanilla'
import type { Page } from '../app/pages'

export { PAGES, type Page } from '../app/pages'

/** How the Images page shows images: one row per image, or the tree of shared layers. */
export type ImagesView = 'list' | 'tree'

/**
 * The image dialogs, opened from anywhere (toolbar, row menu, run dialog, registries page) and
 * drawn once by the App. Each kind belongs to one feature folder (see app/ImageDialogs.tsx).
 */
export type ImageDialog =
  | { kind: 'pull'; reference: string }
  | { kind: 'push'; reference: string }
  | { kind: 'tag'; imageId: string; source: string }
  | { kind: 'login'; registry: string }
  | { kind: 'build' }
  | { kind: 'save'; imageIds: string[] }
  | { kind: 'load' }
  | { kind: 'prune' }

export type StateFilter = 'all' | 'running' | 'paused' | 'stopped'

export type DetailsTab = 'overview' | 'logs' | 'terminal' | 'stats' | 'files' | 'inspect'
export const DETAILS_TABS: readonly DetailsTab[] = ['overview', 'logs', 'terminal', 'stats', 'files', 'inspect']

export interface ViewsState {
  page: Page
  containerSearch: string
  stateFilter: StateFilter
  groupByProject: boolean
  selectedContainers: ReadonlySet<string>
  collapsedProjects: ReadonlySet<string>
  imageSearch: string
  danglingOnly: boolean
  imagesView: ImagesView
  /** The image whose details are shown over the Images page, if any. */
  openImageId: string | null
  imageDialog: ImageDialog | null
  /** Scroll offsets by list, restored when a page is shown again. */
  scrollOffsets: Readonly<Record<string, number>>
  /** The container whose details are shown over the Containers page, if any. */
  openContainerId: string | null
  detailsTab: DetailsTab
  /** The run dialog, open with a suggested image (from the toolbar: ''). */
  runDialog: { image: string } | null
  setPage(page: Page): void
  openContainer(id: string, tab?: DetailsTab): void
  closeContainer(): void
  setDetailsTab(tab: DetailsTab): void
  openRunDialog(image?: string): void
  closeRunDialog(): void
  setContainerSearch(text: string): void
  setStateFilter(filter: StateFilter): void
  setGroupByProject(on: boolean): void
  setSelected(ids: Iterable<string>): void
  toggleSelected(id: string, on: boolean): void
  /** Drops selected ids whose containers are gone (removed, or another engine). */
  pruneSelection(existing: ReadonlyMap<string, unknown>): void
  toggleProject(project: string): void
  setImageSearch(text: string): void
  setDanglingOnly(on: boolean): void
  setImagesView(view: ImagesView): void
  openImage(id: string): void
  closeImage(): void
  openImageDialog(dialog: ImageDialog): void
  closeImageDialog(): void
  rememberScroll(list: string, offset: number): void
}

export type ViewsStore = StoreApi<ViewsState>

export function createViewsStore(initialPage: Page = 'containers'): ViewsStore {
  return createStore<ViewsState>()((set, get) => ({
    page: initialPage,
    containerSearch: '',
    stateFilter: 'all',
    groupByProject: false,
    selectedContainers: new Set(),
    collapsedProjects: new Set(),
    imageSearch: '',
    danglingOnly: false,
    imagesView: 'list',
    openImageId: null,
    imageDialog: null,
    scrollOffsets: {},
    openContainerId: null,
    detailsTab: 'overview',
    runDialog: null,
    // Choosing a page in the sidebar leaves any open container or image details.
    setPage: (page) => set({ page, openContainerId: null, openImageId: null }),
    openContainer: (id, tab = 'overview') => set({ page: 'containers', openContainerId: id, detailsTab: tab }),
    closeContainer: () => set({ openContainerId: null }),
    setDetailsTab: (detailsTab) => set({ detailsTab }),
    openRunDialog: (image = '') => set({ runDialog: { image } }),
    closeRunDialog: () => set({ runDialog: null }),
    setContainerSearch: (containerSearch) => set({ containerSearch }),
    setStateFilter: (stateFilter) => set({ stateFilter }),
    setGroupByProject: (groupByProject) => set({ groupByProject }),
    setSelected: (ids) => set({ selectedContainers: new Set(ids) }),
    toggleSelected(id, on) {
      const selectedContainers = new Set(get().selectedContainers)
      if (on) selectedContainers.add(id)
      else selectedContainers.delete(id)
      set({ selectedContainers })
    },
    pruneSelection(existing) {
      const current = get().selectedContainers
      const kept = [...current].filter((id) => existing.has(id))
      if (kept.length !== current.size) set({ selectedContainers: new Set(kept) })
    },
    toggleProject(project) {
      const collapsedProjects = new Set(get().collapsedProjects)
      if (!collapsedProjects.delete(project)) collapsedProjects.add(project)
      set({ collapsedProjects })
    },
    setImageSearch: (imageSearch) => set({ imageSearch }),
    setDanglingOnly: (danglingOnly) => set({ danglingOnly }),
    setImagesView: (imagesView) => set({ imagesView }),
    openImage: (id) => set({ page: 'images', openImageId: id }),
    closeImage: () => set({ openImageId: null }),
    openImageDialog: (imageDialog) => set({ imageDialog }),
    closeImageDialog: () => set({ imageDialog: null }),
    rememberScroll(list, offset) {
      // Nothing subscribes to offsets (they are read once, on mount), so this re-renders nothing.
      set((state) => ({ scrollOffsets: { ...state.scrollOffsets, [list]: offset } }))
    }
  }))
}
