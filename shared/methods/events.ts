/** events.watch: the one live feed (engine connection changes and engine events), re-attached after reconnects. */
import { WatchEvent } from '../models'
import { None, stream } from '../spec'

export const eventMethods = {
  'events.watch': stream(None, WatchEvent)
} as const
