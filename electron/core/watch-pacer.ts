/**
 * Paces `events.watch` toward a receiver that acknowledges (see shared/events-models.ts for why
 * the engine's own feed is never paused). While the window is full, events are held and merged:
 * - container: the latest per container (its summary is the whole truth about the row); if a
 *   merged-away action changed the images list (create, destroy, commit), an `image` event is
 *   sent with the merged set, since the receiver re-reads images on those;
 * - image, volume, network: one per kind (they carry no data; the receiver re-reads that list);
 * - resync: one;
 * - engine: every one, in order (a disconnect followed by a reconnect must both be seen: the
 *   reconnect is what makes the receiver re-read its lists).
 * Held events go out in the order their key was first held.
 */
import { CONTAINER_ACTIONS_CHANGING_IMAGES } from '../../shared/events-models'
import type { WatchEvent } from '../../shared/models'
import { StreamWindow } from './stream-window'

type Emit = (event: WatchEvent) => void

interface Held {
  event: WatchEvent
  /** A container's merged-away actions included one that changes the images list. */
  imagesChanged: boolean
}

function holdKey(event: WatchEvent, sequence: number): string {
  switch (event.type) {
    case 'container':
      return `container:${event.id}`
    case 'image':
    case 'volume':
    case 'network':
      return event.type
    case 'resync':
      return `resync:${event.list}`
    case 'engine':
      return `engine:${sequence}`
  }
}

export class WatchPacer {
  private readonly window: StreamWindow
  private readonly held = new Map<string, Held>()
  private holding = false
  private sequence = 0
  /** Events merged away so far (for tests and diagnostics). */
  merged = 0

  constructor(
    private readonly emit: Emit,
    high: number,
    low: number
  ) {
    this.window = new StreamWindow(
      high,
      low,
      () => (this.holding = true),
      () => this.release()
    )
  }

  send(event: WatchEvent): void {
    if (!this.holding) {
      this.window.sentBatch()
      this.emit(event)
      return
    }
    const key = holdKey(event, this.sequence++)
    const previous = this.held.get(key)
    if (previous) this.merged += 1
    const changedImages = event.type === 'container' && CONTAINER_ACTIONS_CHANGING_IMAGES.has(event.action)
    // Re-inserting keeps the first position: Map.set on an existing key does not move it.
    this.held.set(key, { event, imagesChanged: (previous?.imagesChanged ?? false) || changedImages })
  }

  ack(receivedTotal: number): void {
    this.window.ack(receivedTotal)
  }

  private release(): void {
    this.holding = false
    const held = [...this.held.values()]
    this.held.clear()
    let imagesStale = false
    for (const { event, imagesChanged } of held) {
      if (event.type === 'container' && imagesChanged && !CONTAINER_ACTIONS_CHANGING_IMAGES.has(event.action)) imagesStale = true
      this.window.sentBatch()
      this.emit(event)
    }
    // An image event in the set already makes the receiver re-read the list.
    if (imagesStale && !held.some(({ event }) => event.type === 'image')) {
      this.window.sentBatch()
      this.emit({ type: 'image', action: 'changed', id: '' })
    }
    // Releasing may have filled the window again: from here on, hold as before.
    this.holding = this.window.paused
  }
}
