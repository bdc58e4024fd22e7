import type { ReactElement } from 'react'
import type { ContainerState } from '../../../shared/models'

const LABELS: Record<ContainerState, string> = {
  running: 'Running',
  paused: 'Paused',
  restarting: 'Restarting',
  removing: 'Removing',
  created: 'Created',
  exited: 'Exited',
  dead: 'Dead'
}

/** Tone by meaning: green runs, amber waits, grey rests, red is trouble. */
const TONES: Record<ContainerState, 'ok' | 'warn' | 'idle' | 'bad'> = {
  running: 'ok',
  paused: 'warn',
  restarting: 'bad',
  removing: 'warn',
  created: 'idle',
  exited: 'idle',
  dead: 'bad'
}

export function StateBadge({ state }: { state: ContainerState }): ReactElement {
  return (
    <span className={`badge badge-${TONES[state]}`}>
      <span className="badge-dot" aria-hidden="true" />
      {LABELS[state]}
    </span>
  )
}
