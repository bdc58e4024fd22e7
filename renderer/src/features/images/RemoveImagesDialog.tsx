/**
 * Remove the selected images: each is deleted by id (all its tags go, as the list says), after a
 * plan per image names the containers in the way. The same two ways past them as for one image;
 * the result says, image by image, what went and what was kept and why.
 */
import { useEffect, useState, type ReactElement } from 'react'
import type { ImageSummary } from '../../../../shared/models'
import type { RemovalPlan } from '../../../../shared/image-maintenance-models'
import { Dialog } from '../../components/Dialog'
import { Spinner } from '../../components/Spinner'
import { formatBytes, plural } from '../../lib/format'
import { useStores } from '../../stores/context'
import { describeError } from '../../stores/describeError'
import { imageLabel } from './imageRows'
import { describeUser } from './removal'
import { UsersInTheWay } from './UsersInTheWay'
import '../../styles/files.css'
import '../../styles/image-maintenance.css'

interface Outcome {
  label: string
  ok: boolean
  words: string
}

export function RemoveImagesDialog({ images, onDone, onCancel }: { images: readonly ImageSummary[]; onDone: () => void; onCancel: () => void }): ReactElement {
  const { client } = useStores()
  const [plans, setPlans] = useState<Map<string, RemovalPlan> | null>(null)
  const [removeUsers, setRemoveUsers] = useState(false)
  const [force, setForce] = useState(false)
  const [confirmingStop, setConfirmingStop] = useState(false)
  const [busy, setBusy] = useState(false)
  const [outcomes, setOutcomes] = useState<Outcome[] | null>(null)
  const [failure, setFailure] = useState<string | null>(null)

  useEffect(() => {
    let live = true
    Promise.all(images.map((image) => client.call('images.removalPlan', { id: image.id })))
      .then((list) => live && setPlans(new Map(list.map((plan) => [plan.imageId, plan]))))
      .catch((err: unknown) => live && setFailure(describeError(err)))
    return () => {
      live = false
    }
  }, [client, images])

  const users = [...(plans?.values() ?? [])].flatMap((plan) => plan.users)
  const running = users.filter((user) => user.running)
  const unresolved = users.length > 0 && !removeUsers && !force

  async function removeAll(): Promise<void> {
    if (!plans) return
    if (removeUsers && running.length > 0 && !confirmingStop) return setConfirmingStop(true)
    setBusy(true)
    const done: Outcome[] = []
    for (const image of images) {
      const plan = plans.get(image.id)
      const label = imageLabel(image)
      try {
        await client.call('images.remove', {
          id: image.id,
          force: force || undefined,
          removeContainers: removeUsers && plan?.users.length ? plan.users.map((user) => user.id) : undefined,
          stopRunning: removeUsers && plan?.users.some((user) => user.running) ? true : undefined
        })
        done.push({ label, ok: true, words: 'removed' })
      } catch (err) {
        done.push({ label, ok: false, words: describeError(err) })
      }
      setOutcomes([...done])
    }
    setBusy(false)
  }

  const actions = outcomes && !busy ? (
    <button type="button" className="btn btn-primary" data-autofocus onClick={onDone}>
      Close
    </button>
  ) : (
    <>
      <button type="button" className="btn" data-autofocus onClick={confirmingStop ? () => setConfirmingStop(false) : onCancel} disabled={busy}>
        {confirmingStop ? 'Back' : 'Cancel'}
      </button>
      <button type="button" className="btn btn-danger" disabled={!plans || busy || unresolved} onClick={() => void removeAll()}>
        {busy ? <Spinner /> : null}
        {confirmingStop ? `Stop ${plural(running.length, 'container')} and remove` : `Remove ${plural(images.length, 'image')}`}
      </button>
    </>
  )

  return (
    <Dialog title={`Remove ${plural(images.length, 'image')}`} onCancel={onCancel} actions={actions}>
      {outcomes ? (
        <ul className="dialog-list im-list" aria-label="What happened">
          {outcomes.map((outcome) => (
            <li key={outcome.label} className={outcome.ok ? undefined : 'snap-problem'}>
              {outcome.label}: {outcome.words}
            </li>
          ))}
        </ul>
      ) : confirmingStop ? (
        <div role="alert" className="im-confirm">
          <p>These containers are running. Berth will stop them, remove every container listed, then delete the images:</p>
          <ul className="dialog-list im-list" aria-label="Containers to stop">
            {running.map((user) => (
              <li key={user.id}>{describeUser(user)}</li>
            ))}
          </ul>
        </div>
      ) : (
        <>
          <p className="im-effect">Each image is deleted with all its tags.</p>
          <div className="prune-list-wrap">
            <table className="prune-table" aria-label="Images to remove">
              <thead>
                <tr>
                  <th scope="col">Image</th>
                  <th scope="col">Tags</th>
                  <th scope="col">Used by</th>
                  <th scope="col" className="num">Size</th>
                </tr>
              </thead>
              <tbody>
                {images.map((image) => {
                  const plan = plans?.get(image.id)
                  return (
                    <tr key={image.id}>
                      <td title={image.repoTags.join(', ')}>{imageLabel(image)}</td>
                      <td>{image.repoTags.length}</td>
                      <td title={plan?.users.map(describeUser).join(', ')}>{plan ? plan.users.map((user) => user.name).join(', ') || '—' : '…'}</td>
                      <td className="num">{formatBytes(image.size)}</td>
                    </tr>
                  )
                })}
              </tbody>
            </table>
          </div>
          {users.length > 0 ? <UsersInTheWay users={users} removeUsers={removeUsers} onRemoveUsers={setRemoveUsers} force={force} onForce={setForce} /> : null}
        </>
      )}
      {failure ? (
        <p role="alert" className="snap-problem">
          {failure}
        </p>
      ) : null}
    </Dialog>
  )
}
