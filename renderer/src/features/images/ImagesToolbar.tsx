/** The Images page's toolbar: search, dangling filter, list/tree switch, and the image actions that need no row. */
import type { ReactElement } from 'react'
import { Icon } from '../../components/Icon'
import { SearchBox } from '../../components/SearchBox'
import { useSlice, useStores } from '../../stores/context'

export function ImagesToolbar({ onImport }: { onImport: () => void }): ReactElement {
  const { views } = useStores()
  const search = useSlice(views, (s) => s.imageSearch)
  const danglingOnly = useSlice(views, (s) => s.danglingOnly)
  const imagesView = useSlice(views, (s) => s.imagesView)
  const open = views.getState().openImageDialog
  return (
    <div className="toolbar" role="toolbar" aria-label="Image list options">
      <SearchBox
        label="Search images"
        placeholder="Search repository, tag or id"
        value={search}
        onChange={(text) => views.getState().setImageSearch(text)}
      />
      <label className="check">
        <input type="checkbox" checked={danglingOnly} onChange={(event) => views.getState().setDanglingOnly(event.currentTarget.checked)} />
        Dangling only
      </label>
      <div className="segmented" role="group" aria-label="Show images as">
        <button type="button" aria-pressed={imagesView === 'list'} onClick={() => views.getState().setImagesView('list')}>
          List
        </button>
        <button type="button" aria-pressed={imagesView === 'tree'} onClick={() => views.getState().setImagesView('tree')}>
          Layer tree
        </button>
      </div>
      <span className="toolbar-spacer" />
      <button type="button" className="btn" onClick={() => open({ kind: 'prune' })}>
        Prune…
      </button>
      <button type="button" className="btn" onClick={() => open({ kind: 'load' })}>
        Load…
      </button>
      <button type="button" className="btn" aria-label="Import image" title="Import a root filesystem tar as an image" onClick={onImport}>
        Import…
      </button>
      <button type="button" className="btn" onClick={() => open({ kind: 'build' })}>
        <Icon name="hammer" /> Build…
      </button>
      <button type="button" className="btn btn-primary" onClick={() => open({ kind: 'pull', reference: '' })}>
        <Icon name="download" /> Pull image
      </button>
    </div>
  )
}
