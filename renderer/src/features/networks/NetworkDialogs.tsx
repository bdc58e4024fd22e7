/** Draws the one open network dialog (the page keeps which). */
import type { ReactElement } from 'react'
import { ConnectDialog } from './ConnectDialog'
import { CreateNetworkDialog } from './CreateNetworkDialog'
import { NetworkDetailsDialog } from './NetworkDetailsDialog'
import type { NetworkDialog } from './networkDialogs'
import { PruneNetworksDialog } from './PruneNetworksDialog'
import { RemoveNetworkDialog } from './RemoveNetworkDialog'

export function NetworkDialogs({ dialog, onDialog, onClose }: { dialog: NetworkDialog; onDialog: (dialog: NetworkDialog) => void; onClose: () => void }): ReactElement {
  switch (dialog.kind) {
    case 'create':
      return <CreateNetworkDialog onClose={onClose} />
    case 'details':
      return <NetworkDetailsDialog id={dialog.id} onDialog={onDialog} onClose={onClose} />
    case 'connect':
      return (
        <ConnectDialog
          id={dialog.id}
          onConnected={() => onDialog({ kind: 'details', id: dialog.id })}
          onClose={dialog.back ? () => onDialog({ kind: 'details', id: dialog.id }) : onClose}
        />
      )
    case 'remove':
      return <RemoveNetworkDialog id={dialog.id} onClose={onClose} />
    case 'prune':
      return <PruneNetworksDialog onClose={onClose} />
  }
}
