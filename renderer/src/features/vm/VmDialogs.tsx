/** Confirmations the VM asks for: deleting it (its disk goes), and restarting it to apply resources. */
import type { ReactElement } from 'react'
import type { VmResources } from '../../../../shared/vm-models'
import { Dialog } from '../../components/Dialog'

export function VmDeleteDialog({ onClose, onConfirm }: { onClose: () => void; onConfirm: () => void }): ReactElement {
  return (
    <Dialog
      title="Delete the Berth VM?"
      onCancel={onClose}
      actions={
        <>
          <button type="button" className="btn" data-autofocus onClick={onClose}>
            Cancel
          </button>
          <button type="button" className="btn btn-danger" onClick={onConfirm}>
            Delete VM
          </button>
        </>
      }
    >
      <p>The VM stops, and its disk is deleted with every container, image and volume in it. The VM image stays cached, so a new VM starts quickly.</p>
    </Dialog>
  )
}

export function VmRestartDialog({ resources, onClose, onConfirm }: { resources: VmResources; onClose: () => void; onConfirm: () => void }): ReactElement {
  return (
    <Dialog
      title="Restart the VM with new resources?"
      onCancel={onClose}
      actions={
        <>
          <button type="button" className="btn" data-autofocus onClick={onClose}>
            Cancel
          </button>
          <button type="button" className="btn btn-primary" onClick={onConfirm}>
            Restart VM
          </button>
        </>
      }
    >
      <p>
        The VM restarts with {resources.cpus} CPUs, {resources.memoryMiB} MiB of memory, a {resources.diskGiB} GiB disk and {resources.swapMiB} MiB of swap. Its
        running containers stop; those with a restart policy start again with it.
      </p>
    </Dialog>
  )
}
