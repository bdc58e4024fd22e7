/** Draws the one open network dialog (the page keeps which). */
import type { ReactElement } from 'react'
import type { NetworkUsageMap } from './useNetworkUsage'
import { ConnectDialog } from './ConnectDialog'
import { CreateNetworkDialog } from './CreateNetworkDialog'
import { NetworkDetailsDialog } from './NetworkDetailsDialog'
import type { NetworkDialog } from './networkDialogs'
import { PruneNetworksDialog } from './PruneNetworksDialog'
import { RemoveNetworkDialog } from './RemoveNetworkDialog'

export interface NetworkDialogsProps {
  dialog: NetworkDialog
  usage: NetworkUsageMap
  onDialog: (dialog: NetworkDialog) => void
  onClose: () => void
}

export function NetworkDialogs({ dialog, usage, onDialog, onClose }: NetworkDialogsProps): ReactElement {
  const containers = 'id' in dialog ? (usage.get(dialog.id) ?? []) : []
  switch (dialog.kind) {
    case 'create':
      return <CreateNetworkDialog onClose={onClose} />
    case 'details':
      return <NetworkDetailsDialog id={dialog.id} containers={containers} onDialog={onDialog} onClose={onClose} />
    case 'connect':
      return (
        <ConnectDialog
          id={dialog.id}
          containers={containers}
          onConnected={() => onDialog({ kind: 'details', id: dialog.id })}
          onClose={dialog.back ? () => onDialog({ kind: 'details', id: dialog.id }) : onClose}
        />
      )
    case 'remove':
      return <RemoveNetworkDialog id={dialog.id} containers={containers} onClose={onClose} />
    case 'prune':
      return <PruneNetworksDialog onClose={onClose} />
  }
}
