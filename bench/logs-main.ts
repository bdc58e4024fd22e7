/**
 * `npm run bench -- logs`: the logs bench on its own (see bench/logs.ts). Prints figures, the
 * ratio against the raw engine read measured in the same run, and writes artifacts/bench-logs.json.
 *
 * Environment: BENCH_LOG_LINES (1000000), BENCH_LOG_RUNS (3), BENCH_STRICT=1 (exit 1 on a missed goal).
 */
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { chromium } from '@playwright/test'
import { loadTestHost } from '../test/support/testHost'
import { EngineApi } from '../test/e2e/support/engine-api'
import { REPO_ROOT, ensureBuilt, startServe, type ServeHandle } from '../test/e2e/support/serve'
import { removeLogContainers, runLogsBench } from './logs'
import { formatMs, printTable, summarize } from './stats'

const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic']
const INGEST_GOAL_RATIO = 0.9
const HEAP_GOAL_MB = 150
const SEARCH_GOAL_MS = 200

function positiveIntFromEnv(name: string, fallback: number): number {
  const text = process.env[name]
  if (text === undefined || text === '') return fallback
  const value = Number(text)
  if (!Number.isInteger(value) || value < 1) throw new Error(`${name} must be a positive integer, not "${text}"`)
  return value
}

async function main(): Promise<number> {
  const lines = positiveIntFromEnv('BENCH_LOG_LINES', 1_000_000)
  const runs = positiveIntFromEnv('BENCH_LOG_RUNS', 3)
  const host = loadTestHost()
  const engine = new EngineApi(host.dockerSocket)
  await engine.ping()
  const leftovers = await removeLogContainers(engine)
  if (leftovers) console.log(`bench logs: removed ${leftovers} containers left by an earlier run`)
  ensureBuilt()
  let server: ServeHandle | undefined
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS, headless: true })
  try {
    server = await startServe({ dockerHost: host.dockerHost })
    const report = await runLogsBench(engine, host.testImage, server, browser, { lines, runs }, console.log)
    const raw = summarize(report.rawMs)
    const berth = summarize(report.berthMs)
    // Throughput ratio: how much of the raw read's speed Berth keeps (1.0 = as fast as raw).
    const ratio = raw.p50 / berth.p50
    const ingestMet = ratio >= INGEST_GOAL_RATIO
    const rows: string[][] = [
      ['measure', 'Berth', 'raw / baseline', 'ratio', 'goal', 'met'],
      [
        `ingest ${lines.toLocaleString('en-US')} lines (p50 of ${runs})`,
        `${formatMs(berth.p50)} (${report.berthFrames} frames)`,
        `${formatMs(raw.p50)} (${(report.rawBytes / 1024 / 1024).toFixed(1)} MB)`,
        `${ratio.toFixed(2)}× of raw speed`,
        `≥ ${INGEST_GOAL_RATIO}×`,
        ingestMet ? 'yes' : 'NO'
      ]
    ]
    let pageMet = true
    if ('skipped' in report.page) {
      rows.push(['renderer heap / search', 'skipped', '', '', '', report.page.skipped])
      pageMet = false
    } else {
      const p = report.page
      const heapMet = p.heapUsedMb <= HEAP_GOAL_MB
      const searchMet = Math.max(p.searchFirstMs, p.searchSecondMs) <= SEARCH_GOAL_MS
      pageMet = heapMet && searchMet
      rows.push(['page ingest (all lines in the page)', formatMs(p.ingestMs), formatMs(raw.p50), `${(raw.p50 / p.ingestMs).toFixed(2)}× of raw speed`, 'info', ''])
      rows.push(['longest frame gap while ingesting', formatMs(p.longestFrameGapMs), '', '', 'info', ''])
      rows.push(['renderer heap after load (after GC)', `${p.heapUsedMb.toFixed(1)} MB`, `${p.heapBeforeMb.toFixed(1)} MB empty tab`, '', `≤ ${HEAP_GOAL_MB} MB`, heapMet ? 'yes' : 'NO'])
      rows.push([`search over ${lines.toLocaleString('en-US')} lines (first / second)`, `${formatMs(p.searchFirstMs)} / ${formatMs(p.searchSecondMs)}`, '', p.matchesFound, `≤ ${SEARCH_GOAL_MS} ms`, searchMet ? 'yes' : 'NO'])
    }
    console.log('')
    printTable(rows)
    mkdirSync(join(REPO_ROOT, 'artifacts'), { recursive: true })
    writeFileSync(join(REPO_ROOT, 'artifacts/bench-logs.json'), `${JSON.stringify({ when: new Date().toISOString(), ratio, ...report }, null, 2)}\n`)
    console.log('\nbench logs: samples in artifacts/bench-logs.json')
    return process.env.BENCH_STRICT === '1' && !(ingestMet && pageMet) ? 1 : 0
  } finally {
    await browser.close()
    await server?.stop()
    const removed = await removeLogContainers(engine)
    console.log(`bench logs: removed ${removed} benchmark container(s)`)
    engine.close()
  }
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(`bench logs failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`)
    process.exit(1)
  }
)
