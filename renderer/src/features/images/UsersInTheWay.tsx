/**
 * The containers that keep an image from being deleted, by name and state, and the two ways
 * past them: remove them too (running ones are stopped first, after a confirmation), or Force
 * (stopped ones only: the engine never deletes an image a running container uses).
 */
import type { ReactElement } from 'react'
import type { ImageUser } from '../../../../shared/image-maintenance-models'
import { plural } from '../../lib/format'
import { describeUser } from './removal'

export interface UsersInTheWayProps {
  users: readonly ImageUser[]
  removeUsers: boolean
  onRemoveUsers: (on: boolean) => void
  force: boolean
  onForce: (on: boolean) => void
}

export function UsersInTheWay({ users, removeUsers, onRemoveUsers, force, onForce }: UsersInTheWayProps): ReactElement {
  const running = users.filter((user) => user.running)
  return (
    <div className="im-users" role="group" aria-label="Containers using it">
      <p className="hint hint-warn">
        In use by {plural(users.length, 'container')}: the engine won’t delete an image a container uses.
      </p>
      <ul className="dialog-list im-list im-user-list" aria-label="Containers using this image">
        {users.map((user) => (
          <li key={user.id}>
            <span className={user.running ? 'im-state im-state-running' : 'im-state'} aria-hidden="true" />
            {describeUser(user)}
          </li>
        ))}
      </ul>
      <label className="check">
        <input
          type="checkbox"
          checked={removeUsers}
          onChange={(event) => {
            onRemoveUsers(event.currentTarget.checked)
            if (event.currentTarget.checked) onForce(false)
          }}
        />
        Remove those containers too
      </label>
      <p className="hint muted im-indent">
        {running.length > 0
          ? `${running.map((user) => user.name).join(', ')} ${running.length === 1 ? 'is' : 'are'} running: you'll be asked to confirm stopping ${running.length === 1 ? 'it' : 'them'} first.`
          : 'Their volumes are kept.'}
      </p>
      <label className="check">
        <input
          type="checkbox"
          checked={force}
          disabled={running.length > 0}
          onChange={(event) => {
            onForce(event.currentTarget.checked)
            if (event.currentTarget.checked) onRemoveUsers(false)
          }}
        />
        Force
      </label>
      <p className="hint muted im-indent">
        {running.length > 0
          ? 'Not possible while a container runs it: the engine refuses even a forced delete.'
          : 'Delete the image anyway: the stopped containers keep their copy of its layers but show no image name.'}
      </p>
    </div>
  )
}
