/**
 * What every bench scenario (bench/*-main.ts) does around its measurements: read the test host,
 * pick the engine (BENCH_ENGINE: the test dockerd, or the test host's Podman for the scenarios
 * that run there), open the raw engine client on it, launch Debian's Chromium, start browser mode
 * on the same engine when asked, and always tear it all down — the scenario's own clean-ups
 * included — even when a measurement throws.
 * Then exit 0, or 1 on a crash or (with BENCH_STRICT=1) on a missed goal.
 */
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { chromium, type Browser } from '@playwright/test'
import { loadTestHost, loadTestPodman, type TestHost } from '../test/support/testHost'
import { EngineApi } from '../test/e2e/support/engine-api'
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../test/e2e/support/chromium'
import { REPO_ROOT, ensureBuilt, startServe, type ServeHandle } from '../test/e2e/support/serve'

export type BenchEngine = 'docker' | 'podman'

/** The engine a run measures: Berth and the raw baseline both talk to this one socket. */
export interface BenchTarget {
  kind: BenchEngine
  /** "Docker" or "Podman", for printed labels. */
  name: string
  socket: string
  /** The same as a DOCKER_HOST value, given to browser mode. */
  dockerHost: string
  /** artifacts/ file name for this engine: bench-logs.json on Docker, bench-logs-podman.json on Podman. */
  artifact(fileName: string): string
}

export interface BenchSession {
  host: TestHost
  target: BenchTarget
  /** The raw client, on `target.socket`. */
  engine: EngineApi
  browser: Browser
  /**
   * Builds browser mode if its sources are newer, starts it on the target engine (stopped by the
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

export interface BenchOptions {
  /** The engines this scenario can measure (BENCH_ENGINE picks one); Docker only unless it says so. */
  engines?: readonly BenchEngine[]
}

/** BENCH_ENGINE (scripts/bench.mjs sets it from `--engine`): docker when unset. */
export function benchEngineFromEnv(): BenchEngine {
  const text = process.env.BENCH_ENGINE ?? ''
  if (text === '' || text === 'docker') return 'docker'
  if (text === 'podman') return 'podman'
  throw new Error(`BENCH_ENGINE must be docker or podman, not "${text}"`)
}

function resolveTarget(host: TestHost, kind: BenchEngine): BenchTarget {
  const artifact = (fileName: string): string => (kind === 'docker' ? fileName : fileName.replace(/\.json$/, `-${kind}.json`))
  if (kind === 'docker') return { kind, name: 'Docker', socket: host.dockerSocket, dockerHost: host.dockerHost, artifact }
  const podman = loadTestPodman(host)
  return { kind, name: 'Podman', socket: podman.socket, dockerHost: podman.host, artifact }
}

/**
 * Runs one scenario and exits the process. `measure` resolves to whether every goal was met.
 * `label` names the bench in failure messages ("bench logs failed: …", "bench logs (podman) failed: …").
 */
export function runBench(label: string, measure: (session: BenchSession) => Promise<boolean>, options: BenchOptions = {}): void {
  let named = label
  Promise.resolve()
    .then(() => {
      const kind = benchEngineFromEnv()
      if (kind !== 'docker') named = `${label} (${kind})`
      const engines = options.engines ?? ['docker']
      if (!engines.includes(kind)) throw new Error(`this scenario runs on ${engines.join(', ')} only, not on ${kind}`)
      return session(kind, measure)
    })
    .then(
      (goalsMet) => process.exit(process.env.BENCH_STRICT === '1' && !goalsMet ? 1 : 0),
      (err: unknown) => {
        console.error(`${named} failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`)
        process.exit(1)
      }
    )
}

async function session(kind: BenchEngine, measure: (session: BenchSession) => Promise<boolean>): Promise<boolean> {
  const host = loadTestHost()
  const target = resolveTarget(host, kind)
  const engine = new EngineApi(target.socket)
  let browser: Browser | undefined
  let server: ServeHandle | undefined
  const cleanups: Array<() => Promise<void>> = []
  try {
    await engine.ping()
    // Named up front so a run's output (and a pasted excerpt of it) says which engine it measured.
    if (kind !== 'docker') console.log(`bench: engine ${target.name} at ${target.dockerHost} (Berth and the raw baseline both)`)
    browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS, headless: true })
    return await measure({
      host,
      target,
      engine,
      browser,
      startServer: async () => {
        ensureBuilt()
        server = await startServe({ dockerHost: target.dockerHost })
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
