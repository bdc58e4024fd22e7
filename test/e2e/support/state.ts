/**
 * How global setup hands the running server to the specs: a small JSON file (workers are
 * separate processes) whose path is also put in the environment.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { REPO_ROOT, type ServeInfo } from './serve'

export const SCREENSHOT_DIR = join(REPO_ROOT, 'artifacts/screenshots')
export const ARTIFACT_DIR = join(REPO_ROOT, 'artifacts')

/**
 * This run of the suite: the Playwright runner's pid, handed to the workers through the
 * environment by global setup. Two `npm test` runs (or a developer's run beside CI's) share one
 * engine; each removes only the objects its own run made, plus those of runs that are gone.
 */
export const E2E_RUN_LABEL = 'berth.test.e2e-run'
export const E2E_RUN = process.env.BERTH_E2E_RUN ?? String(process.pid)

/**
 * One file per run: `npm test` runs the churn project beside the others, and one run's teardown
 * must not take away the file another run's workers still read.
 */
export const E2E_STATE_PATH = process.env.BERTH_E2E_STATE ?? join(REPO_ROOT, `.berth-test/e2e/server-${E2E_RUN}.json`)

/** Labels on everything the E2E suite creates: the shared test label, the suite's, and this run's. */
export const E2E_LABELS: Record<string, string> = { 'berth.test': '1', 'berth.test.suite': 'e2e', [E2E_RUN_LABEL]: E2E_RUN }
export const E2E_LABEL_FILTERS = ['berth.test=1', 'berth.test.suite=e2e', `${E2E_RUN_LABEL}=${E2E_RUN}`]
/** Every run's objects: for finding what crashed runs left behind. */
export const E2E_SUITE_FILTERS = ['berth.test=1', 'berth.test.suite=e2e']

/** True when the run that made an object (its run label) is still going on this machine. */
export function runIsAlive(run: string | undefined): boolean {
  const pid = Number(run)
  if (!Number.isInteger(pid) || pid <= 1) return false
  try {
    process.kill(pid, 0)
    return true
  } catch {
    return false
  }
}

/**
 * The engines a Playwright project can put Berth in front of: the test host's dockerd, or its
 * Podman service (the `podman` project, playwright.config.ts). Chosen per project by the
 * `berthEngine` option (support/fixtures.ts).
 */
export type E2eEngine = 'docker' | 'podman'

/** What global setup started for one engine. */
export interface E2eEngineRun {
  server: ServeInfo
  /** The engine's API socket: /run/berth-test/docker.sock or podman.sock. */
  socket: string
  /**
   * The test image by the name this engine lists it under: berth-test/busybox:latest on dockerd,
   * localhost/berth-test/busybox:latest on Podman (it was loaded there, not pulled).
   */
  testImage: string
}

/** The file global setup writes: every engine it started a server for. */
export interface E2eStateFile {
  dockerSocket: string
  engines: Partial<Record<E2eEngine, E2eEngineRun>>
}

/** One project's view: the engine under test and its server. */
export interface E2eState {
  engine: E2eEngine
  server: ServeInfo
  /** The socket of the engine under test (what the `engine` fixture talks to). */
  engineSocket: string
  testImage: string
  /**
   * The test host's dockerd, whatever the engine under test: specs that start private dockerds
   * copy the test image from it.
   */
  dockerSocket: string
}

export function writeE2eState(state: E2eStateFile): void {
  mkdirSync(dirname(E2E_STATE_PATH), { recursive: true })
  writeFileSync(E2E_STATE_PATH, JSON.stringify(state, null, 2))
}

export function readE2eState(engine: E2eEngine = 'docker'): E2eState {
  let file: E2eStateFile
  try {
    file = JSON.parse(readFileSync(E2E_STATE_PATH, 'utf8')) as E2eStateFile
  } catch (err) {
    throw new Error(`E2E global setup did not run (${E2E_STATE_PATH}: ${(err as Error).message}); run through \`npx playwright test\``, { cause: err })
  }
  const run = file.engines[engine]
  if (!run) {
    throw new Error(
      `E2E global setup started no server on ${engine}; its output ("e2e: no server on Podman …") says why. ` +
        'Restart the test host (`bash scripts/test-host/start.sh`), or set BERTH_TEST_PODMAN_SOCKET.'
    )
  }
  return { engine, server: run.server, engineSocket: run.socket, testImage: run.testImage, dockerSocket: file.dockerSocket }
}
