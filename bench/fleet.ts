/**
 * The benchmark's containers on the test engine: many created-only ones (the list's weight)
 * and a few running ones whose rows the event measurement flips between running and paused.
 * All carry berth.test=1 and berth.test.suite=bench; cleanup removes exactly those.
 */
import { EngineApi, QUICK_STOP_COMMAND, runPool } from '../test/e2e/support/engine-api'

export const BENCH_LABELS: Record<string, string> = { 'berth.test': '1', 'berth.test.suite': 'bench' }
export const BENCH_LABEL_FILTERS = ['berth.test=1', 'berth.test.suite=bench']
/** Searching for this shows only the live containers, so their rows are on screen. */
export const LIVE_PREFIX = 'bench-live-'

export interface LiveContainer {
  id: string
  name: string
  paused: boolean
}

const CONCURRENCY = 8

export async function removeFleet(engine: EngineApi): Promise<{ removed: number; ms: number }> {
  const started = performance.now()
  const removed = await engine.removeContainersLabelled(BENCH_LABEL_FILTERS, CONCURRENCY)
  return { removed, ms: performance.now() - started }
}

/**
 * Set-up, not a measured figure. Created a few at a time: one at a time, Podman 4.3 takes ~0.2 s a
 * container here (over 3 minutes for 1,000); more at once only queue on its locks and on 2 cores.
 */
export async function createFleet(engine: EngineApi, image: string, count: number): Promise<{ ms: number; concurrency: number }> {
  const started = performance.now()
  const indexes = Array.from({ length: count }, (_, index) => index)
  await runPool(indexes, CONCURRENCY, async (index) => {
    await engine.createContainer({ name: `bench-${String(index).padStart(4, '0')}`, image, labels: BENCH_LABELS })
  })
  return { ms: performance.now() - started, concurrency: CONCURRENCY }
}

export async function startLiveContainers(engine: EngineApi, image: string, count: number): Promise<LiveContainer[]> {
  const live: LiveContainer[] = []
  for (let index = 0; index < count; index++) {
    const name = `${LIVE_PREFIX}${index}`
    const id = await engine.createContainer({ name, image, labels: BENCH_LABELS, cmd: QUICK_STOP_COMMAND })
    await engine.start(id)
    live.push({ id, name, paused: false })
  }
  return live
}
