/**
 * `npm run bench -- build`: a 10-step Dockerfile built cold (no cache) and cached, Berth's build
 * path against `DOCKER_BUILDKIT=0 docker build` on the same engine in the same run (see
 * bench/build.ts). Prints the medians and ratios and writes artifacts/bench-build.json.
 *
 * Environment: BENCH_BUILD_RUNS (5), BENCH_BUILD_SMALL_FILES (500), BENCH_BUILD_LARGE_MB (20),
 * BENCH_STRICT=1 (exit 1 on a missed goal).
 */
import { removeBenchImages, runBuildBench } from './build'
import { positiveIntFromEnv, runBench, writeArtifact } from './harness'
import { formatMs, printTable, summarize } from './stats'

const GOAL_RATIO = 1.05

runBench('bench build', async ({ host, engine, onCleanup }) => {
  const runs = positiveIntFromEnv('BENCH_BUILD_RUNS', 5)
  const smallFiles = positiveIntFromEnv('BENCH_BUILD_SMALL_FILES', 500)
  const largeFileBytes = positiveIntFromEnv('BENCH_BUILD_LARGE_MB', 20) * 1024 * 1024
  const leftovers = await removeBenchImages(engine)
  if (leftovers) console.log(`bench build: removed ${leftovers} images left by an earlier run`)
  onCleanup(async () => {
    console.log(`bench build: removed ${await removeBenchImages(engine)} benchmark image(s)`)
  })
  console.log(`bench build: ${runs} runs each, context ${smallFiles} small files + ${(largeFileBytes / 1024 / 1024).toFixed(0)} MB file`)
  const report = await runBuildBench(host.dockerHost, host.testImage, { runs, smallFiles, largeFileBytes }, console.log)

  const rows: string[][] = [['measure', 'Berth p50', 'docker build p50', 'ratio', 'goal', 'met']]
  let met = true
  for (const kind of ['cold', 'cached'] as const) {
    const berth = summarize(report[kind].berthMs)
    const cli = summarize(report[kind].cliMs)
    const ratio = berth.p50 / cli.p50
    met &&= ratio <= GOAL_RATIO
    rows.push([
      `${kind === 'cold' ? 'cold (--no-cache)' : `cached (${report.berthCachedSteps} of ${report.steps} steps)`}, ${runs} runs`,
      formatMs(berth.p50),
      formatMs(cli.p50),
      `${ratio.toFixed(2)}×`,
      `≤ ${GOAL_RATIO}×`,
      ratio <= GOAL_RATIO ? 'yes' : 'NO'
    ])
  }
  console.log('')
  printTable(rows)
  writeArtifact('bench-build.json', { when: new Date().toISOString(), goalRatio: GOAL_RATIO, ...report })
  console.log('\nbench build: samples in artifacts/bench-build.json')
  return met
})
