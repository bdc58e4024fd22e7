/**
 * What the preload exposes to the renderer as `window.bridge` (desktop only; absent in browser mode).
 * Pure types: the preload implements it, the renderer's transport consumes it.
 */
import type { ClientFrame, ServerFrame } from './wire'

export const BRIDGE_CHANNEL = 'berth:frame'

export interface BerthBridge {
  /** Sends one frame to the main process's peer. */
  send(frame: ClientFrame): void
  /** Registers THE frame listener (a later call replaces the earlier one); returns an unsubscribe. */
  onFrame(listener: (frame: ServerFrame) => void): () => void
}
