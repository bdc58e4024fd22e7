/**
 * Remove one image, saying what will happen before it happens: untag (a tag of an image with
 * others) or delete (the image with every tag). When containers use it, they are named, and the
 * person picks "Remove those containers too" (running ones are stopped after a second
 * confirmation that names them) or Force; Force can't help while a container runs it.
 */
import { useCallback, useEffect, useState, type ReactElement } from 'react'
import type { ImageSummary } from '../../../../shared/models'
import type { RemovalPlan } from '../../../../shared/image-maintenance-models'
import { Dialog } from '../../components/Dialog'
import { Spinner } from '../../components/Spinner'
import { useStores } from '../../stores/context'
import { describeError } from '../../stores/describeError'
import { firstTag, imageLabel } from './imageRows'
import { blockingUsers, describeEffect, describeResult, describeUser, targetOf, type RemovalChoice } from './removal'
import { UsersInTheWay } from './UsersInTheWay'
import '../../styles/image-maintenance.css'

export interface RemoveImageDialogProps {
  image: ImageSummary
  /** Called with a sentence saying what happened. */
  onDone: (message: string) => void
  onCancel: () => void
}

export function RemoveImageDialog({ image, onDone, onCancel }: RemoveImageDialogProps): ReactElement {
  const { client } = useStores()
  const label = imageLabel(image)
  const tag = firstTag(image)
  const [plan, setPlan] = useState<RemovalPlan | null>(null)
  const [choice, setChoice] = useState<RemovalChoice>(image.repoTags.length > 1 ? 'untag' : 'delete')
  const [removeUsers, setRemoveUsers] = useState(false)
  const [force, setForce] = useState(false)
  const [confirmingStop, setConfirmingStop] = useState(false)
  const [busy, setBusy] = useState(false)
  const [failure, setFailure] = useState<string | null>(null)

  const loadPlan = useCallback(async () => {
    try {
      setPlan(await client.call('images.removalPlan', { id: tag ?? image.id }))
    } catch (err) {
      setFailure(describeError(err))
    }
  }, [client, image.id, tag])
  useEffect(() => {
    void loadPlan()
  }, [loadPlan])

  const users = plan ? blockingUsers(plan, choice) : []
  const running = users.filter((user) => user.running)
  const children = plan && choice === 'delete' ? plan.children : []
  const unresolved = users.length > 0 && !removeUsers && !force
  const canSubmit = plan !== null && !busy && !unresolved && children.length === 0

  async function remove(): Promise<void> {
    if (!plan) return
    if (removeUsers && running.length > 0 && !confirmingStop) return setConfirmingStop(true)
    setBusy(true)
    setFailure(null)
    try {
      const result = await client.call('images.remove', {
        id: targetOf(plan, choice, tag),
        force: force || undefined,
        removeContainers: removeUsers ? users.map((user) => user.id) : undefined,
        stopRunning: removeUsers && running.length > 0 ? true : undefined
      })
      onDone(describeResult(label, result))
    } catch (err) {
      // Someone may have started using it since the plan was read: read it again, show why.
      setFailure(describeError(err))
      setConfirmingStop(false)
      await loadPlan()
    } finally {
      setBusy(false)
    }
  }

  const submitLabel = confirmingStop
    ? `Stop ${running.length === 1 ? 'it' : `those ${running.length}`} and remove`
    : removeUsers && users.length > 0
      ? `Remove ${users.length === 1 ? 'container' : `${users.length} containers`} and image`
      : choice === 'untag'
        ? 'Untag'
        : 'Remove'
  const actions = (
    <>
      <button type="button" className="btn" data-autofocus onClick={confirmingStop ? () => setConfirmingStop(false) : onCancel}>
        {confirmingStop ? 'Back' : 'Cancel'}
      </button>
      <button type="button" className="btn btn-danger" disabled={!canSubmit} aria-busy={busy || undefined} onClick={() => void remove()}>
        {busy ? <Spinner /> : null}
        {submitLabel}
      </button>
    </>
  )

  return (
    <Dialog title={`Remove image ${label}`} onCancel={onCancel} actions={actions}>
      {plan === null ? (
        <p role="status">{failure ? null : 'Checking what removing it would do…'}</p>
      ) : confirmingStop ? (
        <div role="alert" className="im-confirm">
          <p>
            {running.length === 1 ? 'This container is running' : `These ${running.length} containers are running`}. Berth will stop{' '}
            {running.length === 1 ? 'it' : 'them'}, remove {users.length === 1 ? 'it' : `all ${users.length} containers`}, then delete the image:
          </p>
          <ul className="dialog-list im-list" aria-label="Containers to stop">
            {running.map((user) => (
              <li key={user.id}>{describeUser(user)}</li>
            ))}
          </ul>
        </div>
      ) : (
        <div className="im-remove">
          {plan.tags.length > 1 && tag ? (
            <fieldset className="im-choice">
              <legend className="snap-label">What to remove</legend>
              <label className="check">
                <input type="radio" name="removal" checked={choice === 'untag'} onChange={() => setChoice('untag')} />
                Untag {tag} only
              </label>
              <label className="check">
                <input type="radio" name="removal" checked={choice === 'delete'} onChange={() => setChoice('delete')} />
                Delete the image (all {plan.tags.length} tags)
              </label>
            </fieldset>
          ) : null}
          <p role="status" className="im-effect">
            {describeEffect(plan, choice, tag)}
          </p>
          {children.length > 0 ? (
            <p className="hint hint-warn">
              Other images are built on this one ({children.map((child) => child.label).join(', ')}): remove them first.
            </p>
          ) : null}
          {users.length > 0 ? (
            <UsersInTheWay users={users} removeUsers={removeUsers} onRemoveUsers={setRemoveUsers} force={force} onForce={setForce} />
          ) : null}
        </div>
      )}
      {failure ? (
        <p role="alert" className="snap-problem">
          {failure}
        </p>
      ) : null}
    </Dialog>
  )
}
