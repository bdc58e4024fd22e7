/** Which lifecycle actions make sense in which state, and how each is shown. */
import type { ContainerState } from '../../../../shared/models'
import type { IconName } from '../../components/Icon'
import type { ContainerAction } from '../../stores/containers'

export const ACTION_ORDER: readonly ContainerAction[] = ['start', 'stop', 'restart', 'pause', 'resume', 'kill', 'remove']

export const ACTION_LABEL: Record<ContainerAction, string> = {
  start: 'Start',
  stop: 'Stop',
  restart: 'Restart',
  pause: 'Pause',
  resume: 'Resume',
  kill: 'Kill',
  remove: 'Remove'
}

export const ACTION_ICON: Record<ContainerAction, IconName> = {
  start: 'play',
  stop: 'stop',
  restart: 'restart',
  pause: 'pause',
  resume: 'play',
  kill: 'kill',
  remove: 'trash'
}

/** The words shown while an action runs, e.g. "Stopping…". */
export const ACTION_PROGRESS: Record<ContainerAction, string> = {
  start: 'Starting…',
  stop: 'Stopping…',
  restart: 'Restarting…',
  pause: 'Pausing…',
  resume: 'Resuming…',
  kill: 'Killing…',
  remove: 'Removing…'
}

const ALLOWED: Record<ContainerState, readonly ContainerAction[]> = {
  running: ['stop', 'restart', 'pause', 'kill', 'remove'],
  paused: ['resume', 'stop', 'kill', 'remove'],
  restarting: ['stop', 'kill', 'remove'],
  created: ['start', 'remove'],
  exited: ['start', 'restart', 'remove'],
  dead: ['remove'],
  removing: []
}

export function actionsFor(state: ContainerState): readonly ContainerAction[] {
  return ALLOWED[state]
}

export function canRun(state: ContainerState, action: ContainerAction): boolean {
  return ALLOWED[state].includes(action)
}
