/**
 * Commit… and Export buttons for one container, as the details header shows them; while an
 * export runs, its progress (with a cancel) takes the Export button's place.
 */
import type { ReactElement } from 'react'
import { useSnapshotTasks } from './useSnapshotTasks'

export interface SnapshotActionsProps {
  containerId: string
  containerName: string
  disabled?: boolean
  onError: (message: string) => void
}

export function SnapshotActions({ containerId, containerName, disabled, onError }: SnapshotActionsProps): ReactElement {
  const tasks = useSnapshotTasks(onError)
  const target = { id: containerId, name: containerName }
  return (
    <span className="snapshot-actions">
      <button type="button" className="btn" disabled={disabled} onClick={() => tasks.commit(target)} title="Save the container as a new image">
        Commit…
      </button>
      {tasks.progressFor(containerId) ?? (
        <button type="button" className="btn" disabled={disabled} onClick={() => tasks.exportFilesystem(target)} title="Save the container's whole filesystem as a .tar file">
          Export
        </button>
      )}
      {tasks.dialog}
    </span>
  )
}
