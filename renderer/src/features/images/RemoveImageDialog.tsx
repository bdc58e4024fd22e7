import { useState, type ReactElement } from 'react'
import type { ImageSummary } from '../../../../shared/models'
import { Dialog } from '../../components/Dialog'
import { plural } from '../../lib/format'
import { imageLabel } from './imageRows'

export interface RemoveImageDialogProps {
  image: ImageSummary
  onConfirm: (force: boolean) => void
  onCancel: () => void
}

export function RemoveImageDialog({ image, onConfirm, onCancel }: RemoveImageDialogProps): ReactElement {
  const [force, setForce] = useState(false)
  const label = imageLabel(image)
  return (
    <Dialog
      title={`Remove image ${label}`}
      onCancel={onCancel}
      actions={
        <>
          <button type="button" className="btn" onClick={onCancel} data-autofocus>
            Cancel
          </button>
          <button type="button" className="btn btn-danger" onClick={() => onConfirm(force)}>
            Remove
          </button>
        </>
      }
    >
      <p>
        <span className="name-line">{label}</span> will be deleted from this engine.
        {image.repoTags.length > 1 ? ` It also has ${plural(image.repoTags.length - 1, 'other tag')}.` : ''}
      </p>
      {image.containers > 0 ? (
        <p className="hint hint-warn">
          {plural(image.containers, 'container uses', 'containers use')} this image. Docker refuses to remove it
          unless you tick Force (the containers keep running on the untagged image).
        </p>
      ) : null}
      <label className="check">
        <input type="checkbox" checked={force} onChange={(event) => setForce(event.currentTarget.checked)} />
        Force
      </label>
    </Dialog>
  )
}
