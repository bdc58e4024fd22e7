/**
 * The one place image dialogs are drawn: views.imageDialog says which is open (any page can open
 * one: the Images toolbar and row menu, the run dialog, the registries page). Each dialog lives
 * in its feature's folder.
 */
import type { ReactElement } from 'react'
import { BuildDialog } from '../features/build/BuildDialog'
import { PullDialog } from '../features/distribution/PullDialog'
import { PushDialog } from '../features/distribution/PushDialog'
import { TagDialog } from '../features/distribution/TagDialog'
import { LoadImageDialog } from '../features/image-maintenance/LoadImageDialog'
import { PruneImagesDialog } from '../features/image-maintenance/PruneImagesDialog'
import { SaveImagesDialog } from '../features/image-maintenance/SaveImagesDialog'
import { LoginDialog } from '../features/registries/LoginDialog'
import { useSlice, useStores } from '../stores/context'

export function ImageDialogs(): ReactElement | null {
  const { views } = useStores()
  const dialog = useSlice(views, (s) => s.imageDialog)
  if (!dialog) return null
  const onClose = (): void => views.getState().closeImageDialog()
  switch (dialog.kind) {
    case 'pull':
      return <PullDialog dialog={dialog} onClose={onClose} />
    case 'push':
      return <PushDialog dialog={dialog} onClose={onClose} />
    case 'tag':
      return <TagDialog dialog={dialog} onClose={onClose} />
    case 'login':
      return <LoginDialog dialog={dialog} onClose={onClose} />
    case 'build':
      return <BuildDialog dialog={dialog} onClose={onClose} />
    case 'save':
      return <SaveImagesDialog dialog={dialog} onClose={onClose} />
    case 'load':
      return <LoadImageDialog dialog={dialog} onClose={onClose} />
    case 'prune':
      return <PruneImagesDialog dialog={dialog} onClose={onClose} />
  }
}
