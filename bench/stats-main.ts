/**
 * `npm run bench -- stats`: what live stats cost Berth. 50 running busybox containers on the test
 * engine, all 50 rows on screen in browser mode (Chromium), sparklines streaming; then the same
 * with no stats on screen (another page); then a minimal raw client reading the same 50 engine
 * stats streams. Each window measures CPU time from /proc for serve.js (Berth's main side), the
 * Chromium processes, and dockerd + containerd + the containers' shims — the engine's own cost
 * of producing stats, the ratio baseline measured in the same run. Writes artifacts/bench-stats.json.
 *
 * Environment: BENCH_STATS_CONTAINERS (50), BENCH_STATS_SECONDS (20), BENCH_STRICT=1.
 */
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { chromium, expect, type Page } from '@playwright/test'
import { loadTestHost } from '../test/support/testHost'
import { EngineApi, QUICK_STOP_COMMAND, runPool } from '../test/e2e/support/engine-api'
import { REPO_ROOT, ensureBuilt, startServe, type ServeHandle } from '../test/e2e/support/serve'
import { ui } from '../test/e2e/support/ui'
import { descendants, engineProcesses, socketCount, measureCpu, startRawReader, stopRawReader, type CpuWindow, type ProcessGroups } from './stats-cpu'
import { printTable } from './stats'

const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic']
const LABELS = { 'berth.test': '1', 'berth.test.suite': 'bench-stats' }
const LABEL_FILTERS = ['berth.test=1', 'berth.test.suite=bench-stats']
const PREFIX = 'bench-stats-'
const VISIBLE_GOAL_PERCENT = 3
const HIDDEN_GOAL_PERCENT = 0.5
const SETTLE_MS = 4000
/** Tall enough that all 50 rows (46 px each) are on screen at once. */
const VIEWPORT = { width: 1280, height: 2700 }

function positiveIntFromEnv(name: string, fallback: number): number {
  const text = process.env[name]
  if (text === undefined || text === '') return fallback
  const value = Number(text)
  if (!Number.isInteger(value) || value < 1) throw new Error(`${name} must be a positive integer, not "${text}"`)
  return value
}

/** serve.js, and Chromium split into its renderers and everything else (browser, GPU, utility). */
function appProcesses(serve: ServeHandle): ProcessGroups {
  const chromiumProcesses = descendants(process.pid).filter((entry) => entry.args.includes('chromium'))
  return {
    serve: [serve.pid, ...descendants(serve.pid).map((entry) => entry.pid)],
    renderer: chromiumProcesses.filter((entry) => entry.args.includes('--type=renderer')).map((entry) => entry.pid),
    chromiumOther: chromiumProcesses.filter((entry) => !entry.args.includes('--type=renderer')).map((entry) => entry.pid)
  }
}

async function taskSeconds(page: Page): Promise<() => Promise<number>> {
  const cdp = await page.context().newCDPSession(page)
  await cdp.send('Performance.enable')
  const read = async (): Promise<number> => {
    const { metrics } = await cdp.send('Performance.getMetrics')
    return metrics.find((metric) => metric.name === 'TaskDuration')?.value ?? 0
  }
  const start = await read()
  return async () => (await read()) - start
}

interface Phase {
  name: string
  window: CpuWindow
  /** Main-thread task time of the page (CDP), as percent of a core: a cross-check of the renderer figure. */
  pageTaskPercent?: number
  /** serve.js's open sockets at the end of the window (engine connections + the page's WebSocket). */
  serveSockets: number
}

const pct = (value: number | undefined): string => (value === undefined ? '—' : `${value.toFixed(2)} %`)

async function main(): Promise<number> {
  const count = positiveIntFromEnv('BENCH_STATS_CONTAINERS', 50)
  const seconds = positiveIntFromEnv('BENCH_STATS_SECONDS', 20)
  const host = loadTestHost()
  const engine = new EngineApi(host.dockerSocket)
  await engine.ping()
  const leftovers = await engine.removeContainersLabelled(LABEL_FILTERS)
  if (leftovers) console.log(`bench stats: removed ${leftovers} containers left by an earlier run`)

  let server: ServeHandle | undefined
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS, headless: true })
  try {
    const ids: string[] = new Array<string>(count)
    await runPool(Array.from({ length: count }, (_, index) => index), 8, async (index) => {
      const id = await engine.createContainer({ name: `${PREFIX}${String(index).padStart(2, '0')}`, image: host.testImage, labels: LABELS, cmd: QUICK_STOP_COMMAND })
      await engine.start(id)
      ids[index] = id
    })
    console.log(`bench stats: ${count} busybox containers running`)
    const engineGroups = engineProcesses('/run/berth-test/docker.pid', '/run/berth-test/containerd.pid', ids)

    ensureBuilt()
    server = await startServe({ dockerHost: host.dockerHost })
    const page = await browser.newPage({ viewport: VIEWPORT })
    await page.goto(server.url)
    await expect(ui.engineStatus(page)).toHaveText(/Connected/, { timeout: 20_000 })
    await ui.containersSearch(page).fill(PREFIX)
    const grid = ui.containersGrid(page)
    await expect(grid.getByRole('img', { name: /^CPU [\d.]+ %/ })).toHaveCount(count, { timeout: 30_000 })
    console.log(`bench stats: all ${count} rows on screen with live sparklines; measuring ${seconds} s windows`)

    const phases: Phase[] = []
    const measure = async (name: string, groups: ProcessGroups): Promise<void> => {
      await page.waitForTimeout(SETTLE_MS)
      const pageTask = await taskSeconds(page)
      const window = await measureCpu({ ...groups, ...engineGroups }, seconds)
      const serveSockets = server ? socketCount(server.pid) : 0
      phases.push({ name, window, pageTaskPercent: ((await pageTask()) / window.seconds) * 100, serveSockets })
    }

    await measure('stats visible (50 sparklines)', appProcesses(server))
    await ui.nav(page).getByRole('link', { name: /^Images/ }).click()
    await expect(grid).toHaveCount(0)
    await measure('no stats visible (Images page)', appProcesses(server))
    const reader = startRawReader(host.dockerSocket, ids)
    const readerGroups: ProcessGroups = { ...appProcesses(server), rawReader: reader.pid === undefined ? [] : [reader.pid] }
    await measure('raw client reading the same 50 streams', readerGroups)
    const rawSamples = await stopRawReader(reader)

    const engineOf = (phase: Phase): number => ['dockerd', 'containerd', 'shims'].reduce((sum, key) => sum + (phase.window.percentOfCore[key] ?? 0), 0)
    const appOf = (phase: Phase): number => ['serve', 'renderer', 'chromiumOther'].reduce((sum, key) => sum + (phase.window.percentOfCore[key] ?? 0), 0)
    const [visible, hidden, raw] = phases
    const visibleMet = appOf(visible) <= VISIBLE_GOAL_PERCENT
    const hiddenMet = appOf(hidden) <= HIDDEN_GOAL_PERCENT

    console.log('')
    printTable([
      ['window', 'serve sockets', 'serve.js', 'renderer', 'chromium other', 'app total', 'page tasks (CDP)', 'raw client', 'dockerd', 'containerd', 'shims', 'engine total', 'app / engine', 'goal', 'met'],
      ...phases.map((phase, index) => {
        const cpu = phase.window.percentOfCore
        const goal = index === 0 ? `app ≤ ${VISIBLE_GOAL_PERCENT} %` : index === 1 ? `app ≤ ${HIDDEN_GOAL_PERCENT} %` : '—'
        const met = index === 0 ? (visibleMet ? 'yes' : 'NO') : index === 1 ? (hiddenMet ? 'yes' : 'NO') : '—'
        return [phase.name, String(phase.serveSockets), pct(cpu.serve), pct(cpu.renderer), pct(cpu.chromiumOther), pct(appOf(phase)), pct(phase.pageTaskPercent), pct(cpu.rawReader),
          pct(cpu.dockerd), pct(cpu.containerd), pct(cpu.shims), pct(engineOf(phase)), `${(appOf(phase) / Math.max(engineOf(phase), 0.01)).toFixed(3)}×`, goal, met]
      })
    ])
    const serveVsRaw = (visible.window.percentOfCore.serve ?? 0) / Math.max(raw.window.percentOfCore.rawReader ?? 0, 0.01)
    console.log(`\nCPU is percent of one core over ${seconds} s windows; the engine (dockerd + containerd + the 50 shims) is what producing the stats costs in any case.`)
    console.log(`Berth's main side (serve.js) vs a minimal raw client reading the same streams: ${serveVsRaw.toFixed(2)}× (raw client read ${rawSamples} samples).`)

    mkdirSync(join(REPO_ROOT, 'artifacts'), { recursive: true })
    writeFileSync(join(REPO_ROOT, 'artifacts/bench-stats.json'), `${JSON.stringify({ when: new Date().toISOString(), containers: count, seconds, phases, goals: { visibleMet, hiddenMet } }, null, 2)}\n`)
    console.log('bench stats: figures in artifacts/bench-stats.json')
    return process.env.BENCH_STRICT === '1' && !(visibleMet && hiddenMet) ? 1 : 0
  } finally {
    await browser.close()
    await server?.stop()
    const removed = await engine.removeContainersLabelled(LABEL_FILTERS)
    console.log(`bench stats: removed ${removed} benchmark containers`)
    engine.close()
  }
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(`bench stats failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`)
    process.exit(1)
  }
)
