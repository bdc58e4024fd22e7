/**
 * events.watch: the one live feed (engine connection changes and engine events), re-attached
 * after reconnects, paced by the receiver's acknowledgements (events.ack) when it names a paceId.
 */
import { EventsAckInput, WatchQuery } from '../events-models'
import { WatchEvent } from '../models'
import { call, Done, stream } from '../spec'

export const eventMethods = {
  'events.watch': stream(WatchQuery, WatchEvent),
  'events.ack': call(EventsAckInput, Done)
} as const
