/**
 * Remove a network after confirmation. The engine refuses while running containers are on it, so
 * the dialog names them (with links) instead of offering a removal that would fail; stopped
 * containers that still name the network are a warning: they could not start again.
 */
import { useState, type ReactElement } from 'react'
import type { ContainerRef } from '../../../../shared/volumes-models'
import { Dialog } from '../../components/Dialog'
import { Spinner } from '../../components/Spinner'
import { useSlice, useStores } from '../../stores/context'
import { describeError } from '../../stores/describeError'
import { anyRunning, ContainerLinks, describeRefs } from '../volumes/ContainerLinks'

export function RemoveNetworkDialog({ id, containers, onClose }: { id: string; containers: readonly ContainerRef[]; onClose: () => void }): ReactElement {
  const { client, networks } = useStores()
  const network = useSlice(networks, (s) => s.items.find((n) => n.id === id))
  const [busy, setBusy] = useState(false)
  const [failure, setFailure] = useState<string | null>(null)
  const name = network?.name ?? id.slice(0, 12)
  const users = containers
  const running = users.filter((c) => anyRunning([c]))
  const stopped = users.filter((c) => !anyRunning([c]))
  const blocked = running.length > 0 || network?.predefined === true
  async function remove(): Promise<void> {
    setBusy(true)
    setFailure(null)
    try {
      await client.call('networks.remove', { id })
      onClose()
    } catch (err) {
      setFailure(describeError(err))
      setBusy(false)
    }
  }

  return (
    <Dialog
      title={`Remove network ${name}`}
      onCancel={onClose}
      actions={
        <>
          <button type="button" className="btn" data-autofocus onClick={onClose}>
            {blocked ? 'Close' : 'Cancel'}
          </button>
          <button type="button" className="btn btn-danger" disabled={busy || blocked} onClick={() => void remove()}>
            {busy ? <Spinner /> : null}
            Remove network
          </button>
        </>
      }
    >
      {network?.predefined ? (
        <p className="hint-box hint-box-warn" role="status">
          {name} is one of Docker&apos;s own networks (bridge, host, none): it can&apos;t be removed.
        </p>
      ) : running.length > 0 ? (
        <div className="hint-box hint-box-warn" role="status">
          <p>
            {name} is in use by {describeRefs(running)}. Docker keeps a network while running containers are on it: disconnect or stop them first.
          </p>
          <p>
            <ContainerLinks containers={running} max={20} />
          </p>
        </div>
      ) : (
        <>
          <p>
            The network <strong className="break">{name}</strong> will be removed.
          </p>
          {stopped.length > 0 ? (
            <div className="hint-box hint-box-warn" role="status">
              <p>
                Stopped {stopped.length === 1 ? 'container' : 'containers'} {describeRefs(stopped)} still {stopped.length === 1 ? 'names' : 'name'} it, and won&apos;t start again until
                disconnected from it.
              </p>
            </div>
          ) : null}
        </>
      )}
      {failure ? (
        <p role="alert" className="snap-problem">
          Couldn't remove it: {failure}
        </p>
      ) : null}
    </Dialog>
  )
}
