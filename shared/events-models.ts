/**
 * Pacing of `events.watch`. The engine's event feed can't be paused: dockerd gives each
 * subscriber 100 ms to take an event and then skips it for that subscriber (moby
 * daemon/events/events.go), so the main side always reads it at once. What it paces is what it
 * sends on: the receiver names the stream (paceId) and acknowledges a running total of the events
 * it has applied (events.ack). While EVENT_WINDOW_HIGH_EVENTS are unacknowledged, new events are
 * held and merged (the latest per container, one per list for images, volumes and networks,
 * engine events all kept in order); at EVENT_WINDOW_LOW_EVENTS the merged set goes out. So a
 * receiver that falls behind (a throttled background tab, a busy page) gets the same end state
 * in fewer events, and never a backlog on the shared socket.
 */
// No zod in this file: the page needs these before its first paint; the schemas are in methods/events.ts.

export const EVENT_WINDOW_HIGH_EVENTS = 128
export const EVENT_WINDOW_LOW_EVENTS = 64

/** Container actions after which the images list is stale (commit makes an image; the others change "used by"). */
export const CONTAINER_ACTIONS_CHANGING_IMAGES: ReadonlySet<string> = new Set(['create', 'destroy', 'commit'])
