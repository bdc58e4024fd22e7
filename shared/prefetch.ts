/**
 * Lists a browser-mode page may ask the server to start reading while its WebSocket opens
 * (`/rpc?prefetch=containers.list`). The page's first render holds the socket's `open` event for
 * ~100 ms on a cold start; the server uses that time for the read, and answers the page's own call
 * of that method from it when nothing changed on the engine meanwhile. Zod-free: the renderer
 * builds the address before first paint. Every method here takes no input.
 */
export const PREFETCH_PARAM = 'prefetch'

export const PREFETCHABLE_LISTS = ['containers.list', 'images.list', 'volumes.list', 'networks.list'] as const

export type PrefetchableList = (typeof PREFETCHABLE_LISTS)[number]

export function isPrefetchableList(value: unknown): value is PrefetchableList {
  return typeof value === 'string' && (PREFETCHABLE_LISTS as readonly string[]).includes(value)
}
