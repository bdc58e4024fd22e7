/**
 * The one subscription to `events.watch`, turned into store updates:
 * - engine → that engine's state; when the active one becomes connected, every list is re-read;
 * - container → that one row is upserted (or deleted when the engine says it is gone);
 * - image / volume / network → a debounced re-read of that list (their events carry no summary),
 *   never later than `maxWaitMs` after the first event, so a steady stream of events can't starve it;
 * - container events that change the images list (a commit makes an image; create/destroy change
 *   "used by") → the same re-read of images;
 * - resync → the containers list is re-read (the server could not learn what an event changed).
 * The stream is paced: applied events are acknowledged (events.ack, a running total, at most every
 * ACK_INTERVAL_MS), and while the page is behind the server merges what it holds (see
 * shared/events-models.ts), so a slow or throttled page gets the same end state in fewer events.
 * Lists are never polled. When the transport drops, the client ends the stream; once it is back,
 * the stream is re-subscribed and everything is re-read, because events may have been missed.
 */
import type { ObservableTransport } from '../api/transport'
import { CONTAINER_ACTIONS_CHANGING_IMAGES } from '../../../shared/events-models'
import type { WatchEvent } from '../../../shared/models'
import { newPaceId } from '../api/paceId'
import { firstListFor, type ListName } from '../app/pages'
import { selectActiveEngine } from './engines'
import type { BerthStores } from './index'

type ListStores = Record<ListName, { getState(): { load(): Promise<void>; loadError: string | null } }>

function listStoresOf(stores: BerthStores): ListStores {
  return { containers: stores.containers, images: stores.images, volumes: stores.volumes, networks: stores.networks }
}

/**
 * Re-reads every list: after (re)connecting, and after switching engines. The open page's list
 * goes first (the containers list on the first view, and the read that costs the engine most
 * with many containers); the others (only counts in the sidebar until their page opens) follow
 * once it is in. Read all at once, the images list's own container read ran beside the
 * containers list: with 1,000 containers the first rows came ~450 ms later (bench list, cold).
 * Settles when every read has (a failed read leaves its store's loadError).
 */
export function reloadAll(stores: BerthStores): Promise<void> {
  const engines = stores.engines.getState().load()
  const lists = listStoresOf(stores)
  const first = firstListFor(stores.views.getState().page)
  const all = lists[first]
    .getState()
    .load()
    .finally(() => Promise.all(Object.entries(lists).map(([name, list]) => (name === first ? undefined : list.getState().load()))))
  return Promise.all([engines, all]).then(() => undefined)
}

/** Re-reads only what failed: the engines list and the lists whose last read left an error. */
function reloadFailed(stores: BerthStores): void {
  if (stores.engines.getState().loadError !== null) void stores.engines.getState().load()
  for (const list of Object.values(listStoresOf(stores))) if (list.getState().loadError !== null) void list.getState().load()
}

/**
 * Makes another engine active. Its lists replace the old engine's at once (a stale list from
 * another engine would be misleading), then everything is read from the new one. Search text,
 * filters and the open page stay; selection drops the rows that no longer exist; an open
 * container or image (the old engine's) closes, and with it its logs, stats and terminal.
 */
export async function switchEngine(stores: BerthStores, id: string): Promise<void> {
  const before = selectActiveEngine(stores.engines.getState())?.id
  if (!(await stores.engines.getState().use(id))) return
  if (before !== id) {
    stores.views.getState().closeContainer()
    stores.views.getState().closeImage()
    stores.containers.getState().clear()
    stores.images.getState().clear()
    stores.volumes.getState().clear()
    stores.networks.getState().clear()
  }
  void reloadAll(stores)
}

export interface EventSyncOptions {
  /** How long image/volume/network events are gathered before one re-read. */
  debounceMs?: number
  /** The longest a re-read waits while events keep coming. */
  maxWaitMs?: number
  /** Delay before re-subscribing when the server ended the stream while the transport stayed up. */
  resubscribeDelayMs?: number
}

/** Acks go at most this often: one call covers every event applied meanwhile. */
export const ACK_INTERVAL_MS = 50

export function startEventSync(
  stores: BerthStores,
  transport: ObservableTransport,
  options: EventSyncOptions = {}
): () => void {
  const debounceMs = options.debounceMs ?? 150
  const maxWaitMs = options.maxWaitMs ?? 1_000
  const resubscribeDelayMs = options.resubscribeDelayMs ?? 500
  let cancelStream: (() => void) | null = null
  let stopped = false
  let resubscribeTimer: ReturnType<typeof setTimeout> | null = null
  let ackTimer: ReturnType<typeof setTimeout> | null = null
  /** Set while the lists read at subscription wait for the stream's first word on the active engine. */
  let listsReadWithSubscription = false
  /** Those reads, settled once every one has. */
  let subscriptionReads: Promise<void> = Promise.resolve()
  /** The engine whose connection those reads wait for on the server: the first word said "connecting". */
  let readsAwaitEngine: string | undefined
  const listStores = { image: stores.images, volume: stores.volumes, network: stores.networks } as const
  type ListKind = keyof typeof listStores
  /** Per list: the pending re-read's timer and when the first event it covers arrived. */
  const pendingReloads = new Map<ListKind, { timer: ReturnType<typeof setTimeout>; since: number }>()

  function reloadLater(kind: ListKind): void {
    const now = Date.now()
    const existing = pendingReloads.get(kind)
    if (existing) clearTimeout(existing.timer)
    const since = existing?.since ?? now
    const wait = Math.max(0, Math.min(debounceMs, since + maxWaitMs - now))
    const timer = setTimeout(() => {
      pendingReloads.delete(kind)
      void listStores[kind].getState().load()
    }, wait)
    pendingReloads.set(kind, { timer, since })
  }

  function handle(event: WatchEvent): void {
    switch (event.type) {
      case 'engine': {
        const previous = stores.engines.getState().apply(event.engine)
        if (!event.engine.active) return
        // The first word about the active engine on a new subscription describes the moment the
        // lists were just asked for (the sub frame goes first): "connected" then means those reads
        // are served; reading everything again would double the cold start. "connecting" (a server
        // just started; Podman takes ~0.5 s to answer /version) means the server holds those reads
        // until the engine is connected (a bounded wait) and then serves them: when "connected"
        // follows, only a read that failed meanwhile is made again.
        const justRead = listsReadWithSubscription
        listsReadWithSubscription = false
        const awaited = (justRead ? event.engine.id : readsAwaitEngine) === event.engine.id
        readsAwaitEngine = awaited && event.engine.state === 'connecting' ? event.engine.id : undefined
        if (event.engine.state !== 'connected' || justRead) return
        // Awaited: whatever the engines list already said (it may have answered "connected" first).
        if (awaited) void subscriptionReads.then(() => reloadFailed(stores))
        else if (previous !== 'connected') void reloadAll(stores)
        return
      }
      case 'container':
        if (event.container) stores.containers.getState().upsert(event.container)
        else stores.containers.getState().remove(event.id)
        if (CONTAINER_ACTIONS_CHANGING_IMAGES.has(event.action)) reloadLater('image')
        return
      case 'resync':
        void stores.containers.getState().load()
        return
      case 'image':
      case 'volume':
      case 'network':
        reloadLater(event.type)
        return
    }
  }

  function subscribeAndRead(): void {
    subscribe()
    listsReadWithSubscription = true
    readsAwaitEngine = undefined
    subscriptionReads = reloadAll(stores)
  }

  function subscribe(): void {
    if (stopped || cancelStream) return
    const paceId = newPaceId('events')
    let applied = 0
    const ackSoon = (): void => {
      ackTimer ??= setTimeout(() => {
        ackTimer = null
        stores.client.call('events.ack', { paceId, events: applied }).catch(() => {
          // The stream ended meanwhile; its window went with it.
        })
      }, ACK_INTERVAL_MS)
    }
    cancelStream = stores.client.stream(
      'events.watch',
      { paceId },
      {
        onEvent: (event) => {
          handle(event)
          applied += 1
          ackSoon()
        },
        onEnd: () => {
          if (ackTimer) clearTimeout(ackTimer)
          ackTimer = null
          cancelStream = null
          // A dropped transport is handled by the 'open' listener below; a stream the server
          // ended on a live transport is re-attached after a pause, then everything re-read.
          if (stopped || transport.state !== 'open') return
          resubscribeTimer = setTimeout(() => {
            resubscribeTimer = null
            if (transport.state !== 'open') return
            subscribeAndRead()
          }, resubscribeDelayMs)
        }
      }
    )
  }

  const stopWatchingTransport = transport.onState((state) => {
    if (state === 'open') {
      subscribeAndRead()
    }
  })

  // Selection follows the rows that exist: removed containers (or another engine's) drop out.
  const stopPruning = stores.containers.subscribe((state, previous) => {
    if (state.byId !== previous.byId) stores.views.getState().pruneSelection(state.byId)
  })

  if (transport.state === 'open') {
    subscribeAndRead()
  }

  return () => {
    stopped = true
    cancelStream?.()
    cancelStream = null
    if (resubscribeTimer) clearTimeout(resubscribeTimer)
    if (ackTimer) clearTimeout(ackTimer)
    for (const { timer } of pendingReloads.values()) clearTimeout(timer)
    stopWatchingTransport()
    stopPruning()
  }
}
