/**
 * Remove a volume after confirmation. When containers use it the engine refuses (it never
 * deletes a volume in use), so the dialog names them — with links — and says what to do instead
 * of offering a removal that would fail; an engine refusal (a container appeared since) is shown
 * in the same words.
 */
import { useState, type ReactElement } from 'react'
import { Dialog } from '../../components/Dialog'
import { Spinner } from '../../components/Spinner'
import { useSlice, useStores } from '../../stores/context'
import { describeError } from '../../stores/describeError'
import { anyRunning, ContainerLinks, describeRefs } from './ContainerLinks'

export function RemoveVolumeDialog({ name, onClose }: { name: string; onClose: () => void }): ReactElement {
  const { client, volumes } = useStores()
  const volume = useSlice(volumes, (s) => s.items.find((v) => v.name === name))
  const [busy, setBusy] = useState(false)
  const [failure, setFailure] = useState<string | null>(null)
  const users = volume?.usedBy ?? []
  const inUse = users.length > 0
  async function remove(): Promise<void> {
    setBusy(true)
    setFailure(null)
    try {
      await client.call('volumes.remove', { name })
      onClose()
    } catch (err) {
      setFailure(describeError(err))
      setBusy(false)
    }
  }

  const actions = (
    <>
      <button type="button" className="btn" data-autofocus onClick={onClose}>
        {inUse ? 'Close' : 'Cancel'}
      </button>
      <button type="button" className="btn btn-danger" disabled={busy || inUse} onClick={() => void remove()}>
        {busy ? <Spinner /> : null}
        Remove volume
      </button>
    </>
  )
  return (
    <Dialog title={`Remove volume ${name}`} onCancel={onClose} actions={actions}>
      {inUse ? (
        <div className="hint-box hint-box-warn" role="status">
          <p>
            {name} is in use by {describeRefs(users)}. Docker keeps a volume while any container — running or stopped — uses it.
          </p>
          <p>{anyRunning(users) ? 'Stop and remove those containers first' : 'Remove those containers first'}, then remove the volume.</p>
          <p>
            <ContainerLinks containers={users} max={20} />
          </p>
        </div>
      ) : (
        <p>
          The volume <strong className="break">{name}</strong> and every file in it will be deleted. This can't be undone: back it up first if you may need it.
        </p>
      )}
      {failure ? (
        <p role="alert" className="snap-problem">
          Couldn't remove it: {failure}
        </p>
      ) : null}
    </Dialog>
  )
}
