/**
 * One containers.statsMany subscription for every sparkline on screen. Rows say which running
 * containers they show (watch/unwatch); the hub waits for the set to settle (debounce, so a
 * scroll doesn't reopen streams per row), then replaces the subscription. No rows, or the
 * window hidden → no stream at all. Samples are handed to rows once per animation frame, so a
 * burst of 50 samples is one React render, not 50.
 */
import type { RpcClient } from '../../api/client'
import { MAX_STATS_MANY_IDS } from '../../../../shared/stats-limits'
import type { StatsSample } from '../../../../shared/stats-models'
import { memoryPercent } from './format'

/** How many points a sparkline draws (a minute: the list gets a sample every 2 s). */
export const TRAIL_LENGTH = 30
const SUBSCRIBE_DEBOUNCE_MS = 300
const RETRY_MS = 5000
/** Trails kept for rows scrolled away, so scrolling back shows their recent past. */
const MAX_TRAILS = 300

export interface SparkTrail {
  /** CPU % of one core, oldest first. */
  cpu: number[]
  /** Memory used as % of the limit, oldest first. */
  memory: number[]
  latest: StatsSample
}

type Listener = (trail: SparkTrail) => void

export interface SparklineHubOptions {
  debounceMs?: number
  /** Where "the window is hidden" comes from; document in the app, a stub in tests. */
  visibility?: { hidden: boolean; onChange(listener: () => void): void }
  schedule?: (run: () => void) => void
}

const documentVisibility = (): SparklineHubOptions['visibility'] =>
  typeof document === 'undefined'
    ? undefined
    : { get hidden() { return document.hidden }, onChange: (listener) => document.addEventListener('visibilitychange', listener) }

const nextFrame = (run: () => void): void => {
  if (typeof requestAnimationFrame === 'function') requestAnimationFrame(run)
  else setTimeout(run, 16)
}

export class SparklineHub {
  private readonly listeners = new Map<string, Set<Listener>>()
  private readonly trails = new Map<string, SparkTrail>()
  private readonly changed = new Set<string>()
  private subscription: { key: string; cancel: () => void } | null = null
  private timer: ReturnType<typeof setTimeout> | undefined
  private flushQueued = false
  private closeQueued = false
  private readonly debounceMs: number
  private readonly visibility: SparklineHubOptions['visibility']
  private readonly schedule: (run: () => void) => void

  constructor(private readonly client: RpcClient, options: SparklineHubOptions = {}) {
    this.debounceMs = options.debounceMs ?? SUBSCRIBE_DEBOUNCE_MS
    this.visibility = options.visibility ?? documentVisibility()
    this.schedule = options.schedule ?? nextFrame
    this.visibility?.onChange(() => this.reconcileSoon())
  }

  /** A row shows container `id` on screen; returns the function that says it no longer does. */
  watch(id: string, listener: Listener): () => void {
    let set = this.listeners.get(id)
    if (!set) {
      set = new Set()
      this.listeners.set(id, set)
      this.reconcileSoon()
    }
    set.add(listener)
    const known = this.trails.get(id)
    if (known) listener(known)
    return () => {
      const current = this.listeners.get(id)
      if (!current?.delete(listener) || current.size > 0) return
      this.listeners.delete(id)
      this.reconcileSoon()
    }
  }

  trail(id: string): SparkTrail | undefined {
    return this.trails.get(id)
  }

  /** The ids the open subscription covers ('' when none): for tests and diagnostics. */
  get subscribedKey(): string {
    return this.subscription?.key ?? ''
  }

  private reconcileSoon(): void {
    clearTimeout(this.timer)
    this.timer = undefined
    if (this.listeners.size > 0) {
      this.timer = setTimeout(() => this.reconcile(), this.debounceMs)
      return
    }
    // No row left (the page was left or unmounted): end the stream now instead of after the
    // debounce, and leave no timer armed behind a page that is gone. Rows re-watching in the same
    // React commit do so before this microtask runs.
    if (this.closeQueued) return
    this.closeQueued = true
    queueMicrotask(() => {
      this.closeQueued = false
      if (this.listeners.size === 0) this.reconcile()
    })
  }

  private reconcile(): void {
    const hidden = this.visibility?.hidden ?? false
    const ids = hidden ? [] : [...this.listeners.keys()].sort().slice(0, MAX_STATS_MANY_IDS)
    const key = ids.join(',')
    if (this.subscription?.key === key) return
    this.subscription?.cancel()
    this.subscription = null
    if (ids.length === 0) return
    const cancel = this.client.stream('containers.statsMany', { ids }, {
      onEvent: ({ id, sample }) => this.receive(id, sample),
      onEnd: (err) => {
        if (this.subscription?.key !== key) return
        this.subscription = null
        // Ended without error: every container stopped; their rows unwatch as the list updates.
        if (err) this.timer = setTimeout(() => this.reconcile(), RETRY_MS)
      }
    })
    this.subscription = { key, cancel }
  }

  private receive(id: string, sample: StatsSample): void {
    const previous = this.trails.get(id)
    const trail: SparkTrail = {
      cpu: append(previous?.cpu, sample.cpuPercent),
      memory: append(previous?.memory, memoryPercent(sample)),
      latest: sample
    }
    this.trails.delete(id)
    this.trails.set(id, trail)
    if (this.trails.size > MAX_TRAILS) {
      const oldest = this.trails.keys().next().value
      if (oldest !== undefined && !this.listeners.has(oldest)) this.trails.delete(oldest)
    }
    this.changed.add(id)
    if (this.flushQueued) return
    this.flushQueued = true
    this.schedule(() => this.flush())
  }

  private flush(): void {
    this.flushQueued = false
    for (const id of this.changed) {
      const trail = this.trails.get(id)
      if (!trail) continue
      for (const listener of this.listeners.get(id) ?? []) listener(trail)
    }
    this.changed.clear()
  }
}

function append(values: number[] | undefined, value: number | null): number[] {
  // A missing value (first sample's CPU) keeps the line as it was rather than dropping to 0.
  if (value === null) return values ?? []
  const next = values ? values.slice(values.length >= TRAIL_LENGTH ? 1 : 0) : []
  next.push(value)
  return next
}

const hubs = new WeakMap<RpcClient, SparklineHub>()
export function sparklineHubFor(client: RpcClient): SparklineHub {
  let hub = hubs.get(client)
  if (!hub) {
    hub = new SparklineHub(client)
    hubs.set(client, hub)
  }
  return hub
}
