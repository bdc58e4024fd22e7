/** Confirmations the VM asks for: deleting it (its disk goes), and restarting it to apply resources. */
import type { ReactElement, ReactNode } from 'react'
import type { VmResources } from '../../../../shared/vm-models'
import { Dialog } from '../../components/Dialog'

interface ConfirmProps {
  onClose: () => void
  onConfirm: () => void
}

/** Cancel is focused first: the destructive or disruptive choice takes a deliberate click. */
function Confirm({ title, confirmLabel, tone, onClose, onConfirm, children }: ConfirmProps & { title: string; confirmLabel: string; tone: 'danger' | 'primary'; children: ReactNode }): ReactElement {
  return (
    <Dialog
      title={title}
      onCancel={onClose}
      actions={
        <>
          <button type="button" className="btn" data-autofocus onClick={onClose}>
            Cancel
          </button>
          <button type="button" className={`btn btn-${tone}`} onClick={onConfirm}>
            {confirmLabel}
          </button>
        </>
      }
    >
      <p>{children}</p>
    </Dialog>
  )
}

export function VmDeleteDialog(props: ConfirmProps): ReactElement {
  return (
    <Confirm title="Delete the Berth VM?" confirmLabel="Delete VM" tone="danger" {...props}>
      The VM stops, and its disk is deleted with every container, image and volume in it. The VM image stays cached, so a new VM starts quickly.
    </Confirm>
  )
}

export function VmRestartDialog({ resources, ...props }: ConfirmProps & { resources: VmResources }): ReactElement {
  return (
    <Confirm title="Restart the VM with new resources?" confirmLabel="Restart VM" tone="primary" {...props}>
      The VM restarts with {resources.cpus} CPUs, {resources.memoryMiB} MiB of memory, a {resources.diskGiB} GiB disk and {resources.swapMiB} MiB of swap. Its running
      containers stop; those with a restart policy start again with it.
    </Confirm>
  )
}
