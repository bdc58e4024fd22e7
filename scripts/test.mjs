#!/usr/bin/env node
/**
 * `npm test`: every check Berth has, in order, each timed:
 *   provision → host → typecheck → lint → build → unit → integration → [churn in the background]
 *   → integration-podman → e2e → e2e-podman → vm → e2e-vm
 * - provision/host make sure the test host (scripts/test-host/) is installed and running; a failed
 *   provisioning stops the run at once (nothing after it can mean anything).
 * - After that, a failing step does not stop the run: the summary must count every suite.
 * - Test counts come from the runners' JSON reports (artifacts/test/*.json), next to their readable output.
 *   A step that fails without failing tests of its own (typecheck, lint, build, a runner crash)
 *   counts as one failure, so a failing run never ends in "0 failed".
 * - BERTH_TEST_STEPS=unit,integration runs only those (plus provision/host when a step needs the host).
 * - churn (test/e2e/churn.spec.ts: ten minutes of containers churned behind the UI, on an engine
 *   and a server of its own) runs in the background from its place in the list and is waited for
 *   before e2e (whose timings it would disturb); its output is kept in artifacts/test/churn.log
 *   and printed then. It is the longest step; integration-podman goes beside it. Everything else
 *   slows down too much there, each measured beside it: unit 647 s instead of 97 s (its timing
 *   bounds failed), integration 658 s instead of 244–274 s, typecheck 277 s instead of 37 s, lint
 *   134 s instead of 17 s. e2e-podman beside it passed twice, then once the churn's own dockerd
 *   stopped answering start/stop for 60 s near the end (7.7 operations/s instead of 12): it runs
 *   after e2e until that is understood.
 * - integration-podman runs a named subset of the integration suite again, against the test host's
 *   Podman (BERTH_TEST_ENGINE=podman; see PODMAN_SUBSET). The Podman-only tests (podman-*.test.ts,
 *   engine-errors-both.test.ts) pick their engines themselves and run in `integration`.
 * - e2e-podman runs the E2E tests tagged @podman (playwright.config.ts, project `podman`) again with
 *   Berth's server and the specs' engine on the test host's Podman, with its own JSON report.
 * The last line is exactly `N passed, N failed` (`, N skipped` when some were).
 */
import { spawn } from 'node:child_process'
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, rmSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { hostChanges, snapshotHost } from './host-intact.mjs'

const ROOT = dirname(dirname(fileURLToPath(import.meta.url)))
const REPORTS = join(ROOT, 'artifacts', 'test')
const BIN = join(ROOT, 'node_modules', '.bin')
const HOST_ENV = process.env.BERTH_TEST_HOST_ENV ?? '/run/berth-test/env.json'

/** @typedef {{ passed: number, failed: number, skipped: number }} Counts */
/** @typedef {{ name: string, needsHost?: boolean, fatal?: boolean, skipUnless?: () => string | undefined,
 *              command: () => [string, string[]], env?: Record<string, string>, report?: () => Counts | undefined,
 *              background?: { until: string } }} Step */

/** Vitest's JSON report (jest-compatible): counts per run. */
function vitestCounts(file) {
  if (!existsSync(file)) return undefined
  const report = JSON.parse(readFileSync(file, 'utf8'))
  return {
    passed: report.numPassedTests ?? 0,
    failed: report.numFailedTests ?? 0,
    skipped: (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0)
  }
}

/** Playwright's JSON report: `flaky` passed on a retry, `unexpected` failed. */
function playwrightCounts(file) {
  if (!existsSync(file)) return undefined
  const { stats } = JSON.parse(readFileSync(file, 'utf8'))
  return { passed: (stats.expected ?? 0) + (stats.flaky ?? 0), failed: stats.unexpected ?? 0, skipped: stats.skipped ?? 0 }
}

function vitestStep(project, { name = project, files = [], env } = {}) {
  const file = join(REPORTS, `${name}.json`)
  return {
    name,
    needsHost: project === 'integration' || project === 'vm',
    command: () => [
      join(BIN, 'vitest'),
      ['run', '--project', project, '--reporter=default', '--reporter=json', `--outputFile.json=${file}`, ...files]
    ],
    env,
    report: () => vitestCounts(file)
  }
}

/**
 * The integration files that run a second time against Podman: every area a Docker user has in
 * the UI whose tests read the engine through handlers-kit (containers, run and its validation,
 * logs, terminal, stats, files, events, engines, lists). Tests of what Podman 4 can't do are
 * skipped there (ENGINE_UPDATES_CONTAINERS in handlers-kit.ts); Berth's refusal is tested instead.
 */
const PODMAN_SUBSET = [
  'handlers-containers',
  'handlers-resources',
  'handlers-engines',
  'handlers-events',
  'run-create',
  'run-invalid',
  'logs',
  'exec',
  'stats-streams',
  'files',
  'snapshots'
].map((name) => `test/integration/${name}.test.ts`)

/** A Playwright step: `projects` of playwright.config.ts, counted from its own JSON report. */
function playwrightStep(name, projects, extra = {}) {
  const file = join(REPORTS, `${name}.json`)
  return {
    name,
    needsHost: true,
    skipUnless: () => (existsSync(join(ROOT, 'playwright.config.ts')) ? undefined : 'no playwright.config.ts'),
    command: () => [join(BIN, 'playwright'), ['test', ...projects.flatMap((project) => ['--project', project]), '--reporter=list,json']],
    env: { PLAYWRIGHT_JSON_OUTPUT_FILE: file },
    report: () => playwrightCounts(file),
    ...extra
  }
}

/** @type {Step[]} */
const STEPS = [
  { name: 'provision', fatal: true, command: () => ['bash', ['scripts/test-host/provision.sh']] },
  { name: 'host', command: () => ['bash', ['scripts/test-host/start.sh']] },
  { name: 'typecheck', command: () => ['npm', ['run', '--silent', 'typecheck']] },
  { name: 'lint', command: () => ['npm', ['run', '--silent', 'lint']] },
  { name: 'build', command: () => [join(BIN, 'electron-vite'), ['build']] },
  vitestStep('unit'),
  vitestStep('integration'),
  playwrightStep('churn', ['churn'], { background: { until: 'e2e' } }),
  // Beside the churn: not on the critical path (the churn's ten minutes are).
  vitestStep('integration', { name: 'integration-podman', files: PODMAN_SUBSET, env: { BERTH_TEST_ENGINE: 'podman' } }),
  playwrightStep('e2e', ['chromium', 'electron']),
  playwrightStep('e2e-podman', ['podman']),
  // The Berth VM built (cached in ~/.cache/berth/vm) and booted under QEMU: last, because software
  // emulation takes both cores for minutes and anything beside it would be measured wrong.
  vitestStep('vm'),
  playwrightStep('e2e-vm', ['vm'])
]

function selectSteps() {
  const wanted = process.env.BERTH_TEST_STEPS?.split(',').map((name) => name.trim()).filter(Boolean)
  if (!wanted || wanted.length === 0) return STEPS
  const unknown = wanted.filter((name) => !STEPS.some((step) => step.name === name))
  if (unknown.length > 0) {
    console.error(`BERTH_TEST_STEPS: unknown step(s) ${unknown.join(', ')}; known: ${STEPS.map((s) => s.name).join(', ')}`)
    process.exit(2)
  }
  const needsHost = STEPS.some((step) => step.needsHost && wanted.includes(step.name))
  return STEPS.filter((step) => wanted.includes(step.name) || (needsHost && (step.name === 'provision' || step.name === 'host')))
}

/** Runs a step's command; with `logFile`, its output goes there instead of this terminal. */
function run(command, args, extraEnv, logFile) {
  return new Promise((resolve) => {
    const log = logFile ? openSync(logFile, 'w') : undefined
    const child = spawn(command, args, {
      cwd: ROOT,
      stdio: log === undefined ? 'inherit' : ['ignore', log, log],
      // Suites find the test host through this file (test/support/testHost.ts), never through DOCKER_HOST.
      env: { ...process.env, BERTH_TEST_HOST_ENV: HOST_ENV, ...extraEnv }
    })
    let settled = false
    // 'error' may be followed by 'exit': the log is closed once.
    const done = (code) => {
      if (settled) return
      settled = true
      if (log !== undefined) closeSync(log)
      resolve(code)
    }
    child.on('error', (err) => {
      console.error(`could not run ${command}: ${err.message}`)
      done(127)
    })
    child.on('exit', (code, signal) => done(code ?? (signal ? 128 : 1)))
  })
}

const seconds = (ms) => `${(ms / 1000).toFixed(1)} s`

async function main() {
  mkdirSync(REPORTS, { recursive: true })
  const results = []
  const totals = { passed: 0, failed: 0, skipped: 0 }
  const started = Date.now()
  const hostBefore = await snapshotHost()

  /** Records a finished step in the summary; false when it failed. */
  const record = (step, code, ms) => {
    const counts = step.report?.()
    let note = ''
    if (counts) {
      totals.passed += counts.passed
      totals.failed += counts.failed
      totals.skipped += counts.skipped
      note = `${counts.passed} passed, ${counts.failed} failed${counts.skipped ? `, ${counts.skipped} skipped` : ''}`
    }
    const ok = code === 0
    if (!ok && (!counts || counts.failed === 0)) {
      totals.failed += 1
      note = note ? `${note}; exited ${code}` : `exited ${code}`
    }
    results.push({ name: step.name, status: ok ? 'passed' : 'FAILED', ms, note })
    console.log(`── ${step.name}: ${ok ? 'passed' : 'FAILED'} in ${seconds(ms)}${note ? ` (${note})` : ''}`)
    return ok
  }

  /** Background steps still running: each is waited for before its `until` step, or at the end. */
  const background = []
  const waitFor = async (pending) => {
    console.log(`\n━━ ${pending.step.name} (ran in the background; its output follows) ━━`)
    const { code, endedAt } = await pending.exit
    process.stdout.write(readFileSync(pending.logFile, 'utf8'))
    // Its own time, up to its exit: not the wait for the steps it ran beside.
    record(pending.step, code, endedAt - pending.t0)
    background.splice(background.indexOf(pending), 1)
  }

  for (const step of selectSteps()) {
    for (const pending of background.filter((entry) => entry.step.background.until === step.name)) await waitFor(pending)
    const skipReason = step.skipUnless?.()
    if (skipReason) {
      console.log(`\n── ${step.name}: skipped (${skipReason})`)
      results.push({ name: step.name, status: 'skipped', ms: 0, note: skipReason })
      continue
    }
    if (step.report) rmSync(join(REPORTS, `${step.name}.json`), { force: true }) // a stale report must not count
    const [command, args] = step.command()
    const t0 = Date.now()
    if (step.background) {
      const logFile = join(REPORTS, `${step.name}.log`)
      console.log(`\n━━ ${step.name}: started in the background (until ${step.background.until}; output in ${logFile}) ━━`)
      const exit = run(command, args, step.env, logFile).then((code) => ({ code, endedAt: Date.now() }))
      background.push({ step, t0, logFile, exit })
      continue
    }
    console.log(`\n━━ ${step.name} ━━`)
    const ok = record(step, await run(command, args, step.env), Date.now() - t0)
    if (!ok && step.fatal) {
      console.error(`\n${step.name} failed: the test host cannot run here (see the message above). Stopping.`)
      break
    }
  }
  for (const pending of [...background]) await waitFor(pending)

  // Last check: the machine's own Docker networking is as it was before the first step.
  const changes = await hostChanges(hostBefore)
  const bridgeNote = hostBefore.bridge ? 'docker0 unchanged' : 'no docker0 on this host'
  results.push({ name: 'host-intact', status: changes.length ? 'FAILED' : 'passed', ms: 0, note: changes.join('; ') || bridgeNote })
  if (changes.length) {
    totals.failed += 1
    console.error(`\nhost-intact: the tests changed this machine's Docker networking: ${changes.join('; ')}`)
  } else totals.passed += 1

  console.log('\nSummary')
  for (const result of results) {
    console.log(`  ${result.name.padEnd(18)} ${result.status.padEnd(8)} ${seconds(result.ms).padStart(8)}  ${result.note}`)
  }
  console.log(`  total              ${seconds(Date.now() - started).padStart(17)}`)
  const failedSteps = results.filter((result) => result.status === 'FAILED').length
  console.log(`${totals.passed} passed, ${totals.failed} failed${totals.skipped ? `, ${totals.skipped} skipped` : ''}`)
  process.exitCode = failedSteps > 0 || totals.failed > 0 ? 1 : 0
}

main().catch((err) => {
  console.error(err)
  process.exitCode = 1
})
