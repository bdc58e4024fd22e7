import { useState, type ReactElement } from 'react'
import type { ContainerSummary } from '../../../../shared/models'
import { Dialog } from '../../components/Dialog'
import type { RemoveOptions } from '../../stores/containers'
import { plural } from '../../lib/format'

export interface RemoveContainersDialogProps {
  targets: readonly ContainerSummary[]
  onConfirm: (options: RemoveOptions) => void
  onCancel: () => void
}

export function RemoveContainersDialog({ targets, onConfirm, onCancel }: RemoveContainersDialogProps): ReactElement {
  const [force, setForce] = useState(false)
  const [volumes, setVolumes] = useState(false)
  const running = targets.filter((container) => container.state === 'running' || container.state === 'paused' || container.state === 'restarting')
  return (
    <Dialog
      title={`Remove ${plural(targets.length, 'container')}`}
      onCancel={onCancel}
      actions={
        <>
          <button type="button" className="btn" onClick={onCancel} data-autofocus>
            Cancel
          </button>
          <button type="button" className="btn btn-danger" onClick={() => onConfirm({ force, volumes })}>
            Remove
          </button>
        </>
      }
    >
      <p>These containers will be deleted. Their images stay.</p>
      <ul className="dialog-list">
        {targets.map((container) => (
          <li key={container.id}>
            <span className="name-line">{container.name}</span> <span className="muted mono">{container.state}</span>
          </li>
        ))}
      </ul>
      <label className="check">
        <input type="checkbox" checked={force} onChange={(event) => setForce(event.currentTarget.checked)} />
        Force (stop running containers first)
      </label>
      <label className="check">
        <input type="checkbox" checked={volumes} onChange={(event) => setVolumes(event.currentTarget.checked)} />
        Also remove anonymous volumes
      </label>
      {running.length > 0 && !force ? (
        <p className="hint hint-warn">
          {plural(running.length, 'container is', 'containers are')} still running. Docker refuses to remove a
          running container unless you tick Force.
        </p>
      ) : null}
    </Dialog>
  )
}
