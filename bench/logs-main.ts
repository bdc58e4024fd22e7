/**
 * `npm run bench -- logs [--engine podman]`: the logs bench on its own (see bench/logs.ts), on the
 * test dockerd or the test host's Podman. Prints figures, the ratio against the same engine's raw
 * read measured in the same run, and writes artifacts/bench-logs.json (bench-logs-podman.json).
 *
 * Environment: BENCH_LOG_LINES (1000000), BENCH_LOG_RUNS (3), BENCH_STRICT=1 (exit 1 on a missed goal).
 */
import { removeLogContainers, runLogsBench } from './logs'
import { formatMs, printTable, summarize } from './stats'
import { positiveIntFromEnv, runBench, writeArtifact } from './harness'

const INGEST_GOAL_RATIO = 0.9
const HEAP_GOAL_MB = 150
const SEARCH_GOAL_MS = 200

runBench('bench logs', async ({ host, target, engine, browser, startServer, onCleanup }) => {
  const lines = positiveIntFromEnv('BENCH_LOG_LINES', 1_000_000)
  const runs = positiveIntFromEnv('BENCH_LOG_RUNS', 3)
  const leftovers = await removeLogContainers(engine)
  if (leftovers) console.log(`bench logs: removed ${leftovers} containers left by an earlier run`)
  onCleanup(async () => {
    const removed = await removeLogContainers(engine)
    console.log(`bench logs: removed ${removed} benchmark container(s)`)
  })
  const server = await startServer()
  const report = await runLogsBench(engine, host.testImage, server, browser, { lines, runs }, console.log)
  const raw = summarize(report.rawMs)
  const berth = summarize(report.berthMs)
  // Throughput ratio: how much of the raw read's speed Berth keeps (1.0 = as fast as raw).
  const ratio = raw.p50 / berth.p50
  const ingestMet = ratio >= INGEST_GOAL_RATIO
  const rows: string[][] = [
    ['measure', 'Berth', `raw ${target.name} / baseline`, 'ratio', 'goal', 'met'],
    [
      `ingest ${lines.toLocaleString('en-US')} lines (p50 of ${runs})`,
      `${formatMs(berth.p50)} (${report.berthFrames} frames)`,
      `${formatMs(raw.p50)} (${(report.rawBytes / 1024 / 1024).toFixed(1)} MB)`,
      `${ratio.toFixed(2)}× of raw speed`,
      `≥ ${INGEST_GOAL_RATIO}×`,
      ingestMet ? 'yes' : 'NO'
    ]
  ]
  let pageMet: boolean
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
  writeArtifact(target.artifact('bench-logs.json'), { when: new Date().toISOString(), engine: target.kind, ratio, ...report })
  console.log(`\nbench logs: samples in artifacts/${target.artifact('bench-logs.json')}`)
  return ingestMet && pageMet
}, { engines: ['docker', 'podman'] })
