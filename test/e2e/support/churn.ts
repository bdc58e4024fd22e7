/**
 * Container churn straight on the engine (behind the UI): a new container every 1/rate seconds,
 * each taken through create → start → stop → remove. At most `maxInFlight` lifecycles run at once,
 * so a slow engine makes the churn fall behind (reported) rather than pile up without bound.
 * stop() lets every lifecycle finish the step it is in and stops there, which leaves containers in
 * every state (created, running, exited) for the comparison that follows.
 */
import type { EngineApi } from './engine-api'

export interface ChurnReport {
  /** From start to the stop() call (lifecycles then finish their current step). */
  seconds: number
  created: number
  started: number
  stopped: number
  removed: number
  /** Ticks skipped because maxInFlight lifecycles were already running. */
  skipped: number
  /**
   * Ticks that never fired: the interval timer ran late (a busy machine delays the driver's
   * own process), counted against `seconds × perSecond`.
   */
  late: number
  errors: string[]
}

export interface ChurnOptions {
  prefix: string
  image: string
  labels: Record<string, string>
  perSecond: number
  maxInFlight: number
  /** Every Nth container stops short of removal and stays (exited), so the list grows as it churns. */
  keepEvery?: number
}

export function startChurn(engine: EngineApi, options: ChurnOptions): { stop: () => Promise<ChurnReport> } {
  const report: ChurnReport = { seconds: 0, created: 0, started: 0, stopped: 0, removed: 0, skipped: 0, late: 0, errors: [] }
  const inFlight = new Set<Promise<void>>()
  const startedAt = Date.now()
  let stopping = false
  let serial = 0
  let ticks = 0

  async function lifecycle(name: string, keep: boolean): Promise<void> {
    try {
      const id = await engine.createContainer({ name, image: options.image, labels: options.labels, stopTimeoutSeconds: 2 })
      report.created++
      if (stopping) return
      await engine.start(id)
      report.started++
      if (stopping) return
      await engine.stop(id, 2)
      report.stopped++
      if (stopping || keep) return
      await engine.remove(id)
      report.removed++
    } catch (err) {
      if (report.errors.length < 20) report.errors.push(`${name}: ${(err as Error).message}`)
    }
  }

  const timer = setInterval(() => {
    ticks++
    if (inFlight.size >= options.maxInFlight) {
      report.skipped++
      return
    }
    serial++
    const keep = options.keepEvery !== undefined && serial % options.keepEvery === 0
    const run = lifecycle(`${options.prefix}-${serial}`, keep).finally(() => inFlight.delete(run))
    inFlight.add(run)
  }, 1000 / options.perSecond)

  return {
    async stop() {
      stopping = true
      clearInterval(timer)
      report.seconds = (Date.now() - startedAt) / 1000
      report.late = Math.max(0, Math.floor(report.seconds * options.perSecond) - ticks)
      await Promise.all([...inFlight])
      return report
    }
  }
}
