/**
 * How global setup hands the running server to the specs: a small JSON file (workers are
 * separate processes) whose path is also put in the environment.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { REPO_ROOT, type ServeInfo } from './serve'

export const E2E_STATE_PATH = process.env.BERTH_E2E_STATE ?? join(REPO_ROOT, '.berth-test/e2e/server.json')
export const SCREENSHOT_DIR = join(REPO_ROOT, 'artifacts/screenshots')
export const ARTIFACT_DIR = join(REPO_ROOT, 'artifacts')

/**
 * This run of the suite: the Playwright runner's pid, handed to the workers through the
 * environment by global setup. Two `npm test` runs (or a developer's run beside CI's) share one
 * engine; each removes only the objects its own run made, plus those of runs that are gone.
 */
export const E2E_RUN_LABEL = 'berth.test.e2e-run'
export const E2E_RUN = process.env.BERTH_E2E_RUN ?? String(process.pid)

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

export interface E2eState {
  server: ServeInfo
  dockerSocket: string
  testImage: string
}

export function writeE2eState(state: E2eState): void {
  mkdirSync(dirname(E2E_STATE_PATH), { recursive: true })
  writeFileSync(E2E_STATE_PATH, JSON.stringify(state, null, 2))
}

export function readE2eState(): E2eState {
  try {
    return JSON.parse(readFileSync(E2E_STATE_PATH, 'utf8')) as E2eState
  } catch (err) {
    throw new Error(`E2E global setup did not run (${E2E_STATE_PATH}: ${(err as Error).message}); run through \`npx playwright test\``, { cause: err })
  }
}
