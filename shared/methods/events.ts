/**
 * events.watch: the one live feed (engine connection changes and engine events), re-attached
 * after reconnects, paced by the receiver's acknowledgements (events.ack) when it names a paceId.
 */
import { z } from 'zod'
import { TransferId } from '../files-models'
import { WatchEvent } from '../models'
import { call, Done, stream } from '../spec'

export const WatchQuery = z
  .object({
    /** Names the stream for events.ack; without it the stream is unpaced. */
    paceId: TransferId.optional()
  })
  .strict()
export type WatchQuery = z.infer<typeof WatchQuery>

export const EventsAckInput = z
  .object({
    paceId: TransferId,
    /** Events applied so far on that stream (a running total, so a lost ack is caught up). */
    events: z
      .number({ error: 'Say how many events were applied, as a number.' })
      .int('The events applied are a whole number.')
      .min(0, 'The events applied can\'t be negative.')
  })
  .strict()

export const eventMethods = {
  'events.watch': stream(WatchQuery, WatchEvent),
  'events.ack': call(EventsAckInput, Done)
} as const
