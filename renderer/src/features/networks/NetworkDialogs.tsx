/** Draws the one open network dialog (the page keeps which). */
import type { ReactElement } from 'react'
import { useStores } from '../../stores/context'
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
  const { networks } = useStores()
  const containers = 'id' in dialog ? (usage.get(dialog.id) ?? []) : []
  // Podman 4.3 sends no event when a network is created or removed: after the dialogs that do
  // either, the list is read again instead of waiting for one (on Docker the event's read follows).
  const closeAndReload = (): void => {
    onClose()
    void networks.getState().load()
  }
  switch (dialog.kind) {
    case 'create':
      return <CreateNetworkDialog onClose={closeAndReload} />
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
      return <RemoveNetworkDialog id={dialog.id} containers={containers} onClose={closeAndReload} />
    case 'prune':
      return <PruneNetworksDialog onClose={closeAndReload} />
  }
}
