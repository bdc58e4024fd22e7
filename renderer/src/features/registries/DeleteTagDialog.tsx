/**
 * Confirm deleting a tag. A v2 registry deletes manifests, not names: every tag pointing at the
 * same digest goes too, so the dialog names those it knows of. Registries that do not allow
 * deleting say so here, in words.
 */
import { useState, type ReactElement } from 'react'
import type { RegistryEntry, TagDetails } from '../../../../shared/registries-models'
import { Dialog } from '../../components/Dialog'
import { Spinner } from '../../components/Spinner'
import { useStores } from '../../stores/context'
import { describeError } from '../../stores/describeError'

export interface DeleteTagDialogProps {
  entry: RegistryEntry
  repository: string
  tag: TagDetails
  /** Other tags (of those loaded) with the same digest: they are deleted too. */
  sameDigest: string[]
  onClose: () => void
  onDeleted: () => void
}

export function DeleteTagDialog({ entry, repository, tag, sameDigest, onClose, onDeleted }: DeleteTagDialogProps): ReactElement {
  const { client } = useStores()
  const [busy, setBusy] = useState(false)
  const [failure, setFailure] = useState<string | null>(null)

  async function confirm(): Promise<void> {
    if (!tag.digest) return
    setBusy(true)
    setFailure(null)
    try {
      await client.call('registries.deleteTag', { registry: entry.id, repository, tag: tag.tag, digest: tag.digest })
      onDeleted()
    } catch (err) {
      setFailure(describeError(err))
      setBusy(false)
    }
  }

  const actions = (
    <>
      <button type="button" className="btn" onClick={onClose} data-autofocus>
        Cancel
      </button>
      <button type="button" className="btn btn-danger" disabled={busy || failure !== null} aria-busy={busy || undefined} onClick={() => void confirm()}>
        {busy ? <Spinner /> : null}
        Delete tag
      </button>
    </>
  )
  return (
    <Dialog title={`Delete ${repository}:${tag.tag}?`} onCancel={onClose} actions={actions}>
      <p>
        This deletes <strong>{repository}:{tag.tag}</strong> from {entry.name}: the manifest <code className="reg-break">{tag.digest}</code> it points at is removed.
      </p>
      {sameDigest.length > 0 ? (
        <p className="hint hint-warn">
          {sameDigest.length === 1 ? 'The tag ' : 'The tags '}
          <strong>{sameDigest.join(', ')}</strong> {sameDigest.length === 1 ? 'points' : 'point'} at the same manifest and will be deleted too.
        </p>
      ) : null}
      <p className="hint">Copies already pulled stay on the machines that have them. The registry frees the space when its garbage collection runs.</p>
      {failure ? (
        <p role="alert" className="reg-problem">
          {failure}
        </p>
      ) : null}
    </Dialog>
  )
}
