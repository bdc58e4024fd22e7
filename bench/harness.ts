/**
 * What every bench scenario (bench/*-main.ts) does around its measurements: read the test host,
 * open the raw engine client, launch Debian's Chromium, start browser mode when asked, and always
 * tear it all down — the scenario's own clean-ups included — even when a measurement throws.
 * Then exit 0, or 1 on a crash or (with BENCH_STRICT=1) on a missed goal.
 */
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { chromium, type Browser } from '@playwright/test'
import { loadTestHost, type TestHost } from '../test/support/testHost'
import { EngineApi } from '../test/e2e/support/engine-api'
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../test/e2e/support/chromium'
import { REPO_ROOT, ensureBuilt, startServe, type ServeHandle } from '../test/e2e/support/serve'

export interface BenchSession {
  host: TestHost
  engine: EngineApi
  browser: Browser
  /**
   * Builds browser mode if its sources are newer, starts it on the test engine (stopped by the
   * harness). Left to the scenario so it can start after its containers exist.
   */
  startServer(): Promise<ServeHandle>
  /** Runs at the end, success or not, before the engine connection closes. */
  onCleanup(task: () => Promise<void>): void
}

/** Reads a positive integer knob from the environment; a bad value stops the bench with its name. */
export function positiveIntFromEnv(name: string, fallback: number): number {
  const text = process.env[name]
  if (text === undefined || text === '') return fallback
  const value = Number(text)
  if (!Number.isInteger(value) || value < 1) throw new Error(`${name} must be a positive integer, not "${text}"`)
  return value
}

/** Writes a report to artifacts/<fileName> as indented JSON. */
export function writeArtifact(fileName: string, report: unknown): void {
  mkdirSync(join(REPO_ROOT, 'artifacts'), { recursive: true })
  writeFileSync(join(REPO_ROOT, 'artifacts', fileName), `${JSON.stringify(report, null, 2)}\n`)
}

/**
 * Runs one scenario and exits the process. `measure` resolves to whether every goal was met.
 * `label` names the bench in failure messages ("bench logs failed: …").
 */
export function runBench(label: string, measure: (session: BenchSession) => Promise<boolean>): void {
  session(measure).then(
    (goalsMet) => process.exit(process.env.BENCH_STRICT === '1' && !goalsMet ? 1 : 0),
    (err: unknown) => {
      console.error(`${label} failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`)
      process.exit(1)
    }
  )
}

async function session(measure: (session: BenchSession) => Promise<boolean>): Promise<boolean> {
  const host = loadTestHost()
  const engine = new EngineApi(host.dockerSocket)
  let browser: Browser | undefined
  let server: ServeHandle | undefined
  const cleanups: Array<() => Promise<void>> = []
  try {
    await engine.ping()
    browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS, headless: true })
    return await measure({
      host,
      engine,
      browser,
      startServer: async () => {
        ensureBuilt()
        server = await startServe({ dockerHost: host.dockerHost })
        return server
      },
      onCleanup: (task) => cleanups.push(task)
    })
  } finally {
    await browser?.close()
    await server?.stop()
    for (const task of cleanups) await task()
    engine.close()
  }
}

/** How long `work` takes, in milliseconds. */
export async function timed(work: () => Promise<unknown>): Promise<number> {
  const started = performance.now()
  await work()
  return performance.now() - started
}
