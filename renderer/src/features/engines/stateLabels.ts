/** How an engine's connection state is said everywhere (top bar, Engines page). Kept apart so the top bar doesn't load the Engines page. */
import type { ConnectionState } from '../../../../shared/models'

export const STATE_LABEL: Record<ConnectionState, string> = {
  connected: 'Connected',
  connecting: 'Connecting…',
  unavailable: 'Engine unavailable'
}
