/** Draws the one open volume dialog (the page keeps which). */
import type { ReactElement } from 'react'
import { BrowseVolumeDialog } from './BrowseVolumeDialog'
import { CreateVolumeDialog } from './CreateVolumeDialog'
import { PruneVolumesDialog } from './PruneVolumesDialog'
import { RemoveVolumeDialog } from './RemoveVolumeDialog'
import { RestoreVolumeDialog } from './RestoreVolumeDialog'
import { VolumeDetailsDialog } from './VolumeDetailsDialog'
import type { VolumeDialog } from './volumeDialogs'

export interface VolumeDialogsProps {
  dialog: VolumeDialog
  sizes: ReadonlyMap<string, number | null>
  onDialog: (dialog: VolumeDialog) => void
  onBackUp: (name: string) => void
  onClose: () => void
}

export function VolumeDialogs({ dialog, sizes, onDialog, onBackUp, onClose }: VolumeDialogsProps): ReactElement {
  switch (dialog.kind) {
    case 'create':
      return <CreateVolumeDialog onClose={onClose} />
    case 'details':
      return <VolumeDetailsDialog name={dialog.name} size={sizes.get(dialog.name)} onDialog={onDialog} onBackUp={onBackUp} onClose={onClose} />
    case 'remove':
      return <RemoveVolumeDialog name={dialog.name} onClose={onClose} />
    case 'browse':
      return <BrowseVolumeDialog name={dialog.name} onClose={onClose} />
    case 'restore':
      return <RestoreVolumeDialog target={dialog.target} onClose={onClose} />
    case 'prune':
      return <PruneVolumesDialog onClose={onClose} />
  }
}
