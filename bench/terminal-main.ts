/**
 * `npm run bench -- terminal [--engine podman]`: the embedded terminal in Debian's Chromium
 * (browser mode) against the raw exec API of the same engine (the test dockerd or the test host's
 * Podman), in one run. Prints p50s and ratios; writes artifacts/bench-terminal.json
 * (bench-terminal-podman.json). BENCH_TERMINAL_RUNS (15) open samples; BENCH_STRICT=1 fails on a missed goal.
 */
import { expect } from '@playwright/test'
import { QUICK_STOP_COMMAND } from '../test/e2e/support/engine-api'
import { installFrameRecorder } from '../test/e2e/support/page-probes'
import { ui } from '../test/e2e/support/ui'
import { formatMs, printTable, summarize } from './stats'
import {
  FLOOD_BYTES,
  FLOOD_COMMAND,
  berthOpenToFirstByte,
  rawFlood,
  rawOpenToFirstByte,
  startFrameGapRecorder,
  stopFrameGapRecorder
} from './terminal'
import { positiveIntFromEnv, runBench, writeArtifact } from './harness'

const OPEN_GOAL_RATIO = 1.1
const FRAME_GAP_GOAL_MS = 100
const NAME = `bench-terminal-${process.pid}`

runBench('bench terminal', async ({ host, target, engine, browser, startServer, onCleanup }) => {
  const runs = positiveIntFromEnv('BENCH_TERMINAL_RUNS', 15)
  const id = await engine.createContainer({
    name: NAME,
    image: host.testImage,
    labels: { 'berth.test': '1', 'berth.test.suite': 'bench-terminal' },
    cmd: QUICK_STOP_COMMAND
  })
  onCleanup(() => engine.remove(id).catch(() => {}))
  await engine.start(id)
  const server = await startServer()
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } })
  await page.addInitScript(installFrameRecorder)
  await page.goto(server.url)
  await expect(ui.engineStatus(page)).toHaveText(/Connected/, { timeout: 20_000 })
  await ui.containersSearch(page).fill(NAME)
  await ui.containerRow(page, NAME).getByRole('button', { name: NAME, exact: true }).click()
  await page.getByRole('tablist', { name: 'Container details' }).getByRole('tab', { name: 'Terminal' }).click()
  const region = page.getByRole('region', { name: `Terminal for ${NAME}` })
  await expect(region).toBeVisible()

  // (a) open → first byte, alternating sides; two warm-ups each. Closing keeps tabs few.
  const berthOpen: number[] = []
  const rawOpen: number[] = []
  for (let run = 0; run < runs + 2; run++) {
    // Alternate the order so neither side always meets a warmer engine.
    const rawFirst = run % 2 === 0
    const a = rawFirst ? await rawOpenToFirstByte(target.socket, id) : await berthOpenToFirstByte(page)
    const b = rawFirst ? await berthOpenToFirstByte(page) : await rawOpenToFirstByte(target.socket, id)
    const close = page.getByRole('button', { name: /^Close terminal / })
    while ((await close.count()) > 1) await close.first().click()
    if (run < 2) continue
    rawOpen.push(rawFirst ? a : b)
    berthOpen.push(rawFirst ? b : a)
  }

  // (b) the flood, raw first (warms the engine the same way for both), then through the UI.
  const raw = await rawFlood(target.socket, id)
  const marker = `flood-done-${Date.now() % 100000}`
  await region.click()
  await page.evaluate(startFrameGapRecorder)
  const floodStarted = performance.now()
  await page.keyboard.type(`${FLOOD_COMMAND}; echo ${marker.slice(0, 6)}""${marker.slice(6)}`)
  await page.keyboard.press('Enter')
  const handle = await region.elementHandle()
  if (!handle) throw new Error('the terminal region is gone')
  await page.waitForFunction(([element, text]) => (element.querySelector('.xterm-rows')?.textContent ?? '').includes(text), [handle, marker] as const, {
    timeout: 300_000,
    polling: 100
  })
  const floodMs = performance.now() - floodStarted
  const gaps = await page.evaluate(stopFrameGapRecorder)

  const open = summarize(berthOpen)
  const rawOpenSummary = summarize(rawOpen)
  const openRatio = open.p50 / rawOpenSummary.p50
  const openMet = openRatio <= OPEN_GOAL_RATIO
  const gapMet = gaps.longest <= FRAME_GAP_GOAL_MS
  printTable([
    ['measure', 'Berth', `raw ${target.name}`, 'ratio', 'goal', 'met'],
    [`open → first byte (p50 of ${runs})`, formatMs(open.p50), formatMs(rawOpenSummary.p50), `${openRatio.toFixed(2)}×`, `≤ ${OPEN_GOAL_RATIO}×`, openMet ? 'yes' : 'NO'],
    [`open → first byte (p95)`, formatMs(open.p95), formatMs(rawOpenSummary.p95), `${(open.p95 / rawOpenSummary.p95).toFixed(2)}×`, '', ''],
    [`${FLOOD_BYTES / 1e6} MB flood: longest frame gap`, formatMs(gaps.longest), '', `${gaps.frames} frames`, `≤ ${FRAME_GAP_GOAL_MS} ms`, gapMet ? 'yes' : 'NO'],
    [`${FLOOD_BYTES / 1e6} MB flood: to complete`, formatMs(floodMs), `${formatMs(raw.ms)} (${(raw.bytes / 1e6).toFixed(1)} MB)`, `${(floodMs / raw.ms).toFixed(2)}×`, '', '']
  ])
  writeArtifact(target.artifact('bench-terminal.json'), { when: new Date().toISOString(), engine: target.kind, open: { berth: open, raw: rawOpenSummary, ratio: openRatio, berthOpen, rawOpen }, flood: { bytes: FLOOD_BYTES, berthMs: floodMs, raw, gaps }, goals: { openMet, gapMet } })
  return openMet && gapMet
}, { engines: ['docker', 'podman'] })
