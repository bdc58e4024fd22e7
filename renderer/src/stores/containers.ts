/**
 * Containers as the engine last described them (a Map by id plus a sorted array derived from it),
 * the lifecycle actions running on each row, and the errors those actions produced.
 * Rows change only from reads and from the event stream, never from an action's reply: the
 * engine is the source of truth.
 *
 * A list read and the events that arrive while it is in flight are reconciled: every event is
 * journalled, and a read's answer is applied and then overlaid with the events that came since
 * shortly before the read began. Without that, a read that finishes after an event overwrites the
 * newer row with the older one (and the engine's list can lag its own events by a moment, hence
 * the margin). Replaying a summary over a fresher list is harmless: any later change has its own
 * later event, which is replayed or applied after it.
 */
import { createStore, type StoreApi } from 'zustand/vanilla'
import type { RpcClient } from '../api/client'
import type { ContainerSummary } from '../../../shared/models'
import { isRpcError } from '../../../shared/errors'
import { describeError } from './describeError'
import { compareNames, insertionIndex } from '../lib/collate'

export type ContainerAction = 'start' | 'stop' | 'restart' | 'pause' | 'resume' | 'kill' | 'remove'

export interface RemoveOptions {
  force?: boolean
  volumes?: boolean
}

export interface ActionError {
  key: number
  containerId: string
  containerName: string
  message: string
}

export interface ContainersState {
  byId: ReadonlyMap<string, ContainerSummary>
  /** byId's values sorted by name: what lists render. Replaced (never mutated) on every change. */
  sorted: readonly ContainerSummary[]
  loaded: boolean
  loadError: string | null
  /** The action running on each container id, if any. */
  pending: Readonly<Record<string, ContainerAction>>
  errors: readonly ActionError[]
  load(): Promise<void>
  /**
   * Rows for the first render, from a list the server pushed ahead of the page's call
   * (api/transport.ts): used only while nothing has been read yet; the read itself follows.
   */
  seed(list: readonly ContainerSummary[]): void
  /** Forgets every row (another engine was picked); pending actions finish on their own. */
  clear(): void
  upsert(container: ContainerSummary): void
  remove(id: string): void
  run(id: string, action: ContainerAction, options?: RemoveOptions): Promise<void>
  dismissError(key: number): void
}

export type ContainersStore = StoreApi<ContainersState>

/** Events this long before a read began are replayed over its answer (the engine's list lags its events). */
export const REPLAY_MARGIN_MS = 2_000

type JournalEntry = { at: number; container: ContainerSummary } | { at: number; removedId: string }

/** The events applied to the rows, kept as long as a read in flight (or one about to start) may need them. */
class EventJournal {
  private entries: JournalEntry[] = []
  private readonly readsInFlight = new Set<number>()

  record(entry: JournalEntry): void {
    this.entries.push(entry)
    this.trim(entry.at)
  }

  readStarted(at: number): void {
    this.readsInFlight.add(at)
  }

  /** The entries a read that began at `startedAt` must replay, oldest first; the read is over. */
  readEnded(startedAt: number): JournalEntry[] {
    this.readsInFlight.delete(startedAt)
    const since = startedAt - REPLAY_MARGIN_MS
    const replay = this.entries.filter((entry) => entry.at >= since)
    this.trim(Date.now())
    return replay
  }

  clear(): void {
    this.entries = []
  }

  private trim(now: number): void {
    const oldestNeeded = Math.min(now, ...this.readsInFlight) - REPLAY_MARGIN_MS
    let drop = 0
    while (drop < this.entries.length && this.entries[drop].at < oldestNeeded) drop++
    if (drop > 0) this.entries = this.entries.slice(drop)
  }
}

const byName = (a: ContainerSummary, b: ContainerSummary): number =>
  compareNames(a.name, b.name) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)

/**
 * The sorted array after one row changed, without re-sorting everything: an event touches one
 * row, and with 1,000+ rows a full sort per event is what made event → row slow.
 */
function withUpserted(sorted: readonly ContainerSummary[], previous: ContainerSummary | undefined, next: ContainerSummary): ContainerSummary[] {
  const copy = [...sorted]
  if (previous) {
    const at = copy.indexOf(previous)
    if (at >= 0 && previous.name === next.name) {
      copy[at] = next
      return copy
    }
    if (at >= 0) copy.splice(at, 1)
  }
  copy.splice(insertionIndex(copy, next, byName), 0, next)
  return copy
}

function sortedValues(map: ReadonlyMap<string, ContainerSummary>): ContainerSummary[] {
  return [...map.values()].sort(byName)
}

async function callAction(client: RpcClient, id: string, action: ContainerAction, options: RemoveOptions): Promise<void> {
  switch (action) {
    case 'start':
      await client.call('containers.start', { id })
      return
    case 'stop':
      await client.call('containers.stop', { id })
      return
    case 'restart':
      await client.call('containers.restart', { id })
      return
    case 'pause':
      await client.call('containers.pause', { id })
      return
    case 'resume':
      await client.call('containers.unpause', { id })
      return
    case 'kill':
      // Kill means "now": SIGKILL, never the image's configured stop signal.
      await client.call('containers.kill', { id, signal: 'SIGKILL' })
      return
    case 'remove':
      await client.call('containers.remove', { id, force: options.force ?? false, volumes: options.volumes ?? false })
      return
  }
}

/** The server already wrote one sentence naming the container (e.g. a refused remove): don't prefix it again. */
function namesTheContainer(err: unknown): boolean {
  const detail = isRpcError(err) ? (err.detail as { containerName?: unknown } | undefined) : undefined
  return typeof detail?.containerName === 'string'
}

export function createContainersStore(client: RpcClient): ContainersStore {
  let generation = 0
  let nextErrorKey = 1
  const journal = new EventJournal()
  /** The pushed list the rows were seeded from, until a read answers with that very list. */
  let seededFrom: readonly ContainerSummary[] | null = null
  return createStore<ContainersState>()((set, get) => {
    function applyUpsert(container: ContainerSummary): void {
      const { byId: current, sorted } = get()
      const byId = new Map(current)
      byId.set(container.id, container)
      set({ byId, sorted: withUpserted(sorted, current.get(container.id), container) })
    }
    function applyRemove(id: string): void {
      const { byId: current, sorted } = get()
      const previous = current.get(id)
      if (!previous) return
      const byId = new Map(current)
      byId.delete(id)
      set({ byId, sorted: sorted.filter((row) => row !== previous) })
    }
    return {
      byId: new Map(),
      sorted: [],
      loaded: false,
      loadError: null,
      pending: {},
      errors: [],
      async load() {
        const mine = ++generation
        const startedAt = Date.now()
        journal.readStarted(startedAt)
        let list: ContainerSummary[] | undefined
        try {
          list = await client.call('containers.list', {})
        } catch (err) {
          // Keep the rows people were looking at; the engine banner explains the rest.
          if (mine === generation) set({ loadError: describeError(err) })
        } finally {
          const replay = journal.readEnded(startedAt)
          if (list && list === seededFrom && mine === generation) {
            // The call was answered with the pushed list itself: the rows already hold it, and
            // every event since; rebuilding 1,000 rows would only repaint them on a cold start.
            seededFrom = null
            set({ loaded: true, loadError: null })
          } else if (list && mine === generation) {
            const byId = new Map(list.map((container) => [container.id, container]))
            for (const entry of replay) {
              if ('container' in entry) byId.set(entry.container.id, entry.container)
              else byId.delete(entry.removedId)
            }
            set({ byId, sorted: sortedValues(byId), loaded: true, loadError: null })
          }
        }
      },
      seed(list) {
        if (get().loaded || get().byId.size > 0) return
        seededFrom = list
        const byId = new Map(list.map((container) => [container.id, container]))
        set({ byId, sorted: sortedValues(byId), loaded: true })
      },
      clear() {
        generation++
        seededFrom = null
        journal.clear()
        set({ byId: new Map(), sorted: [], loaded: false, loadError: null })
      },
      upsert(container) {
        journal.record({ at: Date.now(), container })
        applyUpsert(container)
      },
      remove(id) {
        journal.record({ at: Date.now(), removedId: id })
        applyRemove(id)
      },
      async run(id, action, options = {}) {
        if (get().pending[id]) return // one action per row at a time
        const name = get().byId.get(id)?.name ?? id.slice(0, 12)
        set((state) => ({ pending: { ...state.pending, [id]: action } }))
        try {
          await callAction(client, id, action, options)
        } catch (err) {
          const error: ActionError = {
            key: nextErrorKey++,
            containerId: id,
            containerName: name,
            message: namesTheContainer(err) ? describeError(err) : `Couldn't ${action} ${name}: ${describeError(err)}`
          }
          set((state) => ({ errors: [...state.errors, error] }))
        } finally {
          set((state) => {
            const pending = { ...state.pending }
            delete pending[id]
            return { pending }
          })
        }
      },
      dismissError(key) {
        set((state) => ({ errors: state.errors.filter((error) => error.key !== key) }))
      }
    }
  })
}
