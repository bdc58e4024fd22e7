/**
 * events.watch: the one live feed. It first says how the active engine is, then turns each
 * engine event into a WatchEvent carrying the fresh summary of what changed. It never ends on
 * its own: when the engine dies it says `unavailable`, and once the registry reconnects (and has
 * re-attached the engine's event stream) it says `connected`, which tells the renderer to
 * re-read its lists. Switching engines is reported the same way.
 */
import { EVENT_WINDOW_HIGH_EVENTS, EVENT_WINDOW_LOW_EVENTS } from '../../../shared/events-models'
import type { ContainerSummary, EngineSummary, WatchEvent } from '../../../shared/models'
import type { RawEngineEvent } from '../engine/client'
import type { EngineRegistry } from '../engine/registry'
import type { PartialHandlers } from '../rpc/handlers'
import { StreamWindows } from '../stream-window'
import { WatchPacer } from '../watch-pacer'

/** Container events that arrive within this window are looked up together (one inspect per id, in parallel). */
export const CONTAINER_BATCH_MS = 5

/** Events that change nothing a list shows, and arrive in floods (exec, top, terminal resizes). */
export function isNoisyAction(action: string): boolean {
  return action.startsWith('exec_') || action === 'top' || action === 'resize' || action === 'archive-path'
}

type Emit = (event: WatchEvent) => void

/** Waits before each retry of one container's inspect; a change is never dropped for one failure. */
export const INSPECT_RETRY_DELAYS_MS = [50, 250, 1_000]

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms)
    signal.addEventListener('abort', () => (clearTimeout(timer), resolve()), { once: true })
  })
}

type Lookup = { ok: true; container: ContainerSummary | null } | { ok: false; reason: string }

/**
 * Micro-batches container events, looks each container up with inspect (the list endpoint lags
 * behind events: see engine/inspect-summary.ts) and emits them in arrival order (so per-container
 * order holds); batches resolve one after another. Each container is looked up on its own: one
 * that fails is retried, and if it keeps failing the renderer is told to re-read the list, while
 * the rest of the batch goes out as usual.
 */
class ContainerEventBatcher {
  private pending: Array<{ action: string; id: string }> = []
  private timer?: NodeJS.Timeout
  private chain: Promise<void> = Promise.resolve()
  private readonly inFlight = new AbortController()

  constructor(
    private readonly engines: EngineRegistry,
    private readonly emit: Emit
  ) {}

  push(action: string, id: string): void {
    this.pending.push({ action, id })
    this.timer ??= setTimeout(() => this.flush(), CONTAINER_BATCH_MS)
  }

  stop(): void {
    clearTimeout(this.timer)
    this.pending = []
    this.inFlight.abort()
  }

  private flush(): void {
    this.timer = undefined
    const batch = this.pending
    this.pending = []
    this.chain = this.chain.then(() => this.resolve(batch))
  }

  private async lookUp(id: string): Promise<Lookup> {
    const signal = this.inFlight.signal
    let reason = ''
    for (let attempt = 0; attempt <= INSPECT_RETRY_DELAYS_MS.length; attempt++) {
      if (attempt > 0) await sleep(INSPECT_RETRY_DELAYS_MS[attempt - 1], signal)
      if (signal.aborted) break
      try {
        return { ok: true, container: await this.engines.active().containerSummary(id, signal) }
      } catch (err) {
        reason = err instanceof Error ? err.message : String(err)
      }
    }
    return { ok: false, reason }
  }

  private async resolve(batch: Array<{ action: string; id: string }>): Promise<void> {
    const ids = [...new Set(batch.map((e) => e.id))]
    const found = new Map(await Promise.all(ids.map(async (id) => [id, await this.lookUp(id)] as const)))
    if (this.inFlight.signal.aborted) return
    const failed: string[] = []
    for (const { action, id } of batch) {
      const lookup = found.get(id)
      if (lookup?.ok) this.emit({ type: 'container', action, id, container: lookup.container })
      else if (lookup && !failed.includes(lookup.reason)) failed.push(lookup.reason)
    }
    // If the engine itself went away, the `unavailable`/`connected` pair that follows re-reads
    // everything anyway; a resync costs one list read and covers every other cause.
    if (failed.length > 0) this.emit({ type: 'resync', list: 'containers', reason: failed.join('; ') })
  }
}

function engineKey(engine: EngineSummary): string {
  return [engine.id, engine.state, engine.error ?? '', engine.version ?? ''].join('\u0000')
}

export function watchEvents(engines: EngineRegistry, emit: Emit, signal: AbortSignal): Promise<void> {
  return new Promise<void>((resolve) => {
    if (signal.aborted) return resolve()
    const containers = new ContainerEventBatcher(engines, emit)
    let lastEngineKey = ''
    const emitEngine = (engine: EngineSummary): void => {
      const key = engineKey(engine)
      if (key === lastEngineKey) return
      lastEngineKey = key
      emit({ type: 'engine', engine })
    }
    emitEngine(engines.activeSummary())

    const offChange = engines.onChange((engine) => {
      if (engine.active) emitEngine(engine)
    })
    const offEvents = engines.onEngineEvent((engineId: string, event: RawEngineEvent) => {
      if (engineId !== engines.activeSummary().id || isNoisyAction(event.action)) return
      switch (event.type) {
        case 'container':
          containers.push(event.action, event.id)
          break
        case 'image':
        case 'volume':
        case 'network':
          emit({ type: event.type, action: event.action, id: event.id })
          break
      }
    })
    signal.addEventListener(
      'abort',
      () => {
        offChange()
        offEvents()
        containers.stop()
        resolve()
      },
      { once: true }
    )
  })
}

export function eventHandlers(engines: EngineRegistry): PartialHandlers<'events.watch' | 'events.ack'> {
  const pacers = new StreamWindows<WatchPacer>()
  return {
    'events.watch': async ({ paceId }, emit, signal) => {
      if (!paceId) return watchEvents(engines, emit, signal)
      const pacer = new WatchPacer(emit, EVENT_WINDOW_HIGH_EVENTS, EVENT_WINDOW_LOW_EVENTS)
      const close = pacers.add(paceId, pacer)
      try {
        await watchEvents(engines, (event) => pacer.send(event), signal)
      } finally {
        close()
      }
    },
    'events.ack': async ({ paceId, events }) => {
      pacers.ack(paceId, events)
      return { ok: true }
    }
  }
}
