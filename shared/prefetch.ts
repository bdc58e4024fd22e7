/**
 * Lists a browser-mode page may ask the server to start reading while its WebSocket opens
 * (`/rpc?prefetch=containers.list`). The page's first render holds the socket's `open` event for
 * ~100 ms on a cold start; the server uses that time for the read, and answers the page's own call
 * of that method from it when nothing changed on the engine meanwhile. Zod-free: the renderer
 * builds the address before first paint. Every method here takes no input.
 */
import { isFrameId } from './wire-check'

export const PREFETCH_PARAM = 'prefetch'

export const PREFETCHABLE_LISTS = ['containers.list', 'images.list', 'volumes.list', 'networks.list'] as const

export type PrefetchableList = (typeof PREFETCHABLE_LISTS)[number]

export function isPrefetchableList(value: unknown): value is PrefetchableList {
  return typeof value === 'string' && (PREFETCHABLE_LISTS as readonly string[]).includes(value)
}

/**
 * Frames of the browser-mode socket only, beside the contract's (wire.ts). The server pushes a
 * prefetched list as soon as it is read, while the page's app code is still loading, so the first
 * render can already show it (the page's stores are seeded from it); the page's own call of that
 * method, if the list is still fresh then, is answered by naming the push instead of sending the
 * rows a second time. The transport turns that answer into an ordinary `ok` frame.
 */
export interface PrefetchPushFrame {
  t: 'pre'
  method: PrefetchableList
  output: unknown
}

export interface PrefetchAnswerFrame {
  t: 'okpre'
  id: number
  method: PrefetchableList
}

export type PrefetchFrame = PrefetchPushFrame | PrefetchAnswerFrame

/** Recognises the two frames above (anything else goes to the contract's frame check). */
export function asPrefetchFrame(raw: unknown): PrefetchFrame | null {
  if (typeof raw !== 'object' || raw === null) return null
  // Runs on every frame the page receives: the type decides first, and almost every frame is not one.
  const frame = raw as Record<string, unknown>
  if (frame.t !== 'pre' && frame.t !== 'okpre') return null
  if (!isPrefetchableList(frame.method)) return null
  if (frame.t === 'pre') return 'output' in frame ? { t: 'pre', method: frame.method, output: frame.output } : null
  return isFrameId(frame.id) ? { t: 'okpre', id: frame.id, method: frame.method } : null
}
