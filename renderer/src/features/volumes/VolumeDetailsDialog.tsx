/** A volume's details (volumes.inspect): driver, mountpoint, scope, options, labels, created, size, users. */
import type { ReactElement } from 'react'
import { Dialog } from '../../components/Dialog'
import { Spinner } from '../../components/Spinner'
import { formatBytes } from '../../lib/format'
import { useCall } from '../../lib/useCall'
import { ContainerLinks } from './ContainerLinks'
import { DetailsList, KeyValues } from './DetailsList'
import type { VolumeDialog } from './volumeDialogs'

export interface VolumeDetailsDialogProps {
  name: string
  size: number | null | undefined
  onDialog: (dialog: VolumeDialog) => void
  onBackUp: (name: string) => void
  onClose: () => void
}

export function VolumeDetailsDialog({ name, size, onDialog, onBackUp, onClose }: VolumeDetailsDialogProps): ReactElement {
  const { value: details, error: failure } = useCall('volumes.inspect', { name })

  const actions = (
    <>
      <button type="button" className="btn btn-danger-ghost" onClick={() => onDialog({ kind: 'remove', name })}>
        Remove…
      </button>
      <span className="toolbar-spacer" />
      <button type="button" className="btn" onClick={() => onDialog({ kind: 'restore', target: name })}>
        Restore into…
      </button>
      <button
        type="button"
        className="btn"
        onClick={() => {
          onBackUp(name)
          onClose()
        }}
      >
        Back up
      </button>
      <button type="button" className="btn" onClick={() => onDialog({ kind: 'browse', name })}>
        Browse
      </button>
      <button type="button" className="btn btn-primary" data-autofocus onClick={onClose}>
        Close
      </button>
    </>
  )
  return (
    <Dialog title={`Volume ${name}`} onCancel={onClose} actions={actions}>
      <div className="vn-details">
        {failure ? (
          <p role="alert" className="snap-problem">
            Couldn't read the volume: {failure}
          </p>
        ) : !details ? (
          <p role="status">
            <Spinner /> Reading the volume…
          </p>
        ) : (
          <DetailsList
            label={`Details of ${name}`}
            items={[
              { term: 'Name', value: <span className="mono break">{details.name}</span> },
              { term: 'Driver', value: details.driver },
              { term: 'Scope', value: details.scope },
              { term: 'Mountpoint', value: <span className="mono break">{details.mountpoint || '—'}</span> },
              { term: 'Created', value: details.created ? new Date(details.created).toLocaleString() : '—' },
              { term: 'Size', value: size === undefined ? 'measuring…' : size === null ? 'size unknown (the driver does not report it)' : formatBytes(size) },
              { term: 'Used by', value: <ContainerLinks containers={details.usedBy} max={20} empty="no container" /> },
              { term: 'Options', value: <KeyValues pairs={details.options} /> },
              { term: 'Labels', value: <KeyValues pairs={details.labels} /> },
              ...(details.status ? [{ term: 'Status', value: <KeyValues pairs={details.status} /> }] : [])
            ]}
          />
        )}
      </div>
    </Dialog>
  )
}
