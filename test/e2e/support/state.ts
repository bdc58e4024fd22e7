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

/** Labels on everything the E2E suite creates: the shared test label plus our own, so our cleanup touches only ours. */
export const E2E_LABELS: Record<string, string> = { 'berth.test': '1', 'berth.test.suite': 'e2e' }
export const E2E_LABEL_FILTERS = ['berth.test=1', 'berth.test.suite=e2e']

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
