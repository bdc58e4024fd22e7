/**
 * `npm run bench -- images`: the Images page and the layer tree on a PRIVATE engine filled with
 * generated images (bench/image-fleet.ts: one `docker load` of a generated save-tar), so the
 * counts are exact and nothing else on the shared test engine is touched or counted.
 *
 *  1. 500 images (BENCH_TREE_IMAGES): the layer tree, computed and painted, on a fresh Berth
 *     server: opened at once (the background warm-up has barely begun: nearly every image read
 *     now), opened after the warm-up had time, opened at once after Berth restarted (facts saved
 *     by the previous run), and opened again (cached). Goal ≤ 300 ms.
 *  2. 1,000 images (BENCH_LIST_IMAGES) and BENCH_IMAGE_CONTAINERS containers (for "used by"):
 *     images.list request → rows painted, against raw GET /images/json in the same run.
 *     Goal ≤ raw + 150 ms. Diagnostics: raw /containers/json?all=1 (what "used by" costs), raw
 *     /images/json?all=1, and the tree at 1,000 images.
 *
 * Environment: BENCH_TREE_IMAGES (500), BENCH_LIST_IMAGES (1000), BENCH_IMAGE_CONTAINERS (200),
 * BENCH_IMAGE_RUNS (10), BENCH_TREE_COLD_RUNS (3), BENCH_STRICT=1.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { EngineApi, runPool } from '../test/e2e/support/engine-api'
import { ensureBuilt, startServe, type ServeHandle } from '../test/e2e/support/serve'
import { startPrivateEngine } from '../test/support/privateEngine'
import { FLEET_LABELS, loadFleet } from './image-fleet'
import { firstListPaint, measureListRefresh, measureTree, openImagesPage, timeRaw, timeRawReads, waitForImageRows } from './images'
import type { TreePaint } from './images-probes'
import { formatMs, formatSummary, printTable, summarize, type Summary } from './stats'
import { positiveIntFromEnv, runBench, writeArtifact } from './harness'

const LIST_GOAL_EXTRA_MS = 150
const TREE_GOAL_MS = 300

runBench('bench images', async ({ browser, onCleanup }) => {
  const treeImages = positiveIntFromEnv('BENCH_TREE_IMAGES', 500)
  const listImages = Math.max(treeImages, positiveIntFromEnv('BENCH_LIST_IMAGES', 1000))
  const containerCount = positiveIntFromEnv('BENCH_IMAGE_CONTAINERS', 200)
  const runs = positiveIntFromEnv('BENCH_IMAGE_RUNS', 10)
  const coldRuns = positiveIntFromEnv('BENCH_TREE_COLD_RUNS', 3)

  // The private engine's daemons are unref'd child processes and its stop() waits on them with
  // unref'd timers: with nothing else pending, Node would exit in the middle of the clean-up (exit
  // code 0, engine left running). This keeps the process alive until the clean-up is done.
  const keepAlive = setInterval(() => undefined, 60_000)
  const engineStarted = performance.now()
  const privateEngine = await startPrivateEngine('image-details-bench')
  onCleanup(async () => {
    try {
      await privateEngine.stop()
    } finally {
      clearInterval(keepAlive)
    }
  })
  const engine = new EngineApi(privateEngine.socketPath)
  onCleanup(async () => engine.close())
  console.log(`bench images: private engine up in ${formatMs(performance.now() - engineStarted)}`)
  ensureBuilt()

  const loaded = await loadFleet(engine, 0, treeImages)
  console.log(`bench images: ${loaded.images} images generated in ${formatMs(loaded.generateMs)} (${(loaded.archiveBytes / 1e6).toFixed(1)} MB tar), loaded in ${formatMs(loaded.loadMs)}`)

  // Layer tree on a fresh server (nothing cached). "First": opened as soon as the list shows,
  // the background warm-up has barely started. "Prefetched": opened after the warm-up had time
  // (3 × the first run's core time, at least 2 s); its `inspected` says whether it was complete.
  console.log(`bench images: layer tree on ${2 * coldRuns} fresh servers`)
  const first: TreePaint[] = []
  const prefetched: TreePaint[] = []
  let warm: TreePaint[] = []
  for (let run = 0; run < 2 * coldRuns; run++) {
    const server = await startServe({ dockerHost: privateEngine.dockerHost })
    try {
      const page = await openImagesPage(browser, server.url)
      await waitForImageRows(page, treeImages)
      if (run < coldRuns) first.push(...(await measureTree(page, 1)))
      else {
        await page.waitForTimeout(Math.max(2_000, 3 * Math.max(...first.map((s) => s.coreMs))))
        prefetched.push(...(await measureTree(page, 1)))
      }
      if (run === 2 * coldRuns - 1) warm = await measureTree(page, runs)
      await page.close()
    } finally {
      await server.stop()
    }
  }
  // Berth restarted: a server on the config folder of one that drew the tree before (the layer
  // facts it saved are read back), the tree opened as soon as the list shows.
  const keptConfig = mkdtempSync(join(tmpdir(), 'berth-bench-config-'))
  onCleanup(async () => rmSync(keptConfig, { recursive: true, force: true }))
  const restarted: TreePaint[] = []
  for (let run = 0; run <= coldRuns; run++) {
    const server = await startServe({ dockerHost: privateEngine.dockerHost, configDir: keptConfig })
    try {
      const page = await openImagesPage(browser, server.url)
      await waitForImageRows(page, treeImages)
      const sample = await measureTree(page, 1)
      if (run > 0) restarted.push(...sample) // run 0 only fills the saved facts
      await page.close()
    } finally {
      await server.stop()
    }
  }
  const rawReads = await timeRawReads(engine, 8)

  const second = await loadFleet(engine, treeImages, listImages)
  console.log(`bench images: ${second.images} more images generated in ${formatMs(second.generateMs)}, loaded in ${formatMs(second.loadMs)}`)
  const tagged = ((await engine.ok('GET', '/images/json')) as Array<{ Id: string; RepoTags: string[] | null }>).filter((i) => i.RepoTags?.length)
  const containersStarted = performance.now()
  await runPool(Array.from({ length: containerCount }, (_, i) => i), 8, async (i) => {
    await engine.createContainer({ name: `bench-images-user-${i}`, image: tagged[i % tagged.length].Id, labels: FLEET_LABELS, cmd: ['/bin/sh'] })
  })
  console.log(`bench images: ${containerCount} containers created in ${formatMs(performance.now() - containersStarted)}`)

  let server: ServeHandle | undefined
  let list
  let opened
  let treeAtList: TreePaint[]
  try {
    server = await startServe({ dockerHost: privateEngine.dockerHost })
    const page = await openImagesPage(browser, server.url)
    await waitForImageRows(page, listImages)
    opened = await firstListPaint(page)
    console.log(`bench images: Images page open with ${listImages} rows; measuring ${runs} list re-reads`)
    list = await measureListRefresh(page, engine, tagged[1].Id, runs)
    treeAtList = await measureTree(page, 2)
  } finally {
    await server?.stop()
  }
  const rawContainers = summarize(await timeRaw(engine, '/containers/json?all=1', runs))
  const rawAll = summarize(await timeRaw(engine, '/images/json?all=1', runs))

  const painted = summarize(list.paintedMs)
  const raw = summarize(list.rawMs)
  const answer = summarize(list.answerMs)
  const render = summarize(list.renderMs)
  const firstTree = summarize(first.map((s) => s.paintedMs))
  const restartedTree = summarize(restarted.map((s) => s.paintedMs))
  const prefetchedTree = summarize(prefetched.map((s) => s.paintedMs))
  const warmTree = summarize(warm.map((s) => s.paintedMs))
  const core = (samples: TreePaint[]): string => samples.map((s) => `${formatMs(s.coreMs)} (${s.inspected} read)`).join(', ')
  const listGoalMet = painted.p50 <= raw.p50 + LIST_GOAL_EXTRA_MS && painted.p95 <= raw.p95 + LIST_GOAL_EXTRA_MS
  const warmGoalMet = warmTree.p95 <= TREE_GOAL_MS
  const prefetchGoalMet = prefetchedTree.p50 <= TREE_GOAL_MS
  const restartGoalMet = restartedTree.p50 <= TREE_GOAL_MS

  console.log('')
  console.log(formatSummary(`images.list → painted (Berth, ${listImages} images, ${containerCount} containers)`, painted))
  console.log(formatSummary('  of which: call → answer in the page', answer))
  console.log(formatSummary('  of which: answer → painted', render))
  console.log(formatSummary('GET /images/json (raw)', raw))
  console.log(formatSummary('diagnostic: GET /containers/json?all=1 (raw, "used by")', rawContainers))
  console.log(formatSummary('diagnostic: GET /images/json?all=1 (raw)', rawAll))
  console.log(`first open: images.list → painted ${formatMs(opened.paintedMs)} (answer ${formatMs(opened.answerMs)})`)
  console.log(formatSummary(`layer tree first open → painted (${treeImages} images, fresh server)`, firstTree))
  console.log(`  of which core: ${core(first)}; raw inspect + history of every image, 8 at a time: ${formatMs(rawReads)}`)
  console.log(formatSummary('layer tree first open after a restart (saved facts) → painted', restartedTree))
  console.log(`  of which core: ${core(restarted)}`)
  console.log(formatSummary('layer tree after the background warm-up → painted', prefetchedTree))
  console.log(`  of which core: ${core(prefetched)}`)
  console.log(formatSummary('layer tree again (cached) → painted', warmTree))
  console.log(`  of which core: ${core(warm)}`)
  console.log(`diagnostic: layer tree at ${listImages} images: ${treeAtList.map((s) => `${formatMs(s.paintedMs)} (core ${formatMs(s.coreMs)}, ${s.inspected} read)`).join(', ')}`)
  console.log('')
  const row = (name: string, berth: Summary, base: Summary | null, goal: string, met: boolean): string[] => [
    name, String(berth.count), formatMs(berth.p50), formatMs(berth.p95),
    base ? formatMs(base.p50) : '', base ? formatMs(base.p95) : '', base ? formatMs(berth.p50 - base.p50) : '', base ? formatMs(berth.p95 - base.p95) : '',
    goal, met ? 'yes' : 'NO'
  ]
  printTable([
    ['measure', 'n', 'Berth p50', 'Berth p95', 'raw p50', 'raw p95', 'Δ p50', 'Δ p95', 'goal', 'met'],
    row(`Images list → painted vs GET /images/json (${listImages})`, painted, raw, `≤ raw + ${LIST_GOAL_EXTRA_MS} ms`, listGoalMet),
    row(`layer tree after warm-up → painted (${treeImages})`, prefetchedTree, null, `p50 ≤ ${TREE_GOAL_MS} ms`, prefetchGoalMet),
    row(`layer tree again → painted (${treeImages})`, warmTree, null, `p95 ≤ ${TREE_GOAL_MS} ms`, warmGoalMet),
    row(`layer tree first open after restart → painted (${treeImages})`, restartedTree, null, `p50 ≤ ${TREE_GOAL_MS} ms`, restartGoalMet),
    row(`layer tree first open ever → painted (${treeImages})`, firstTree, null, 'info', true)
  ])

  writeArtifact('bench-images.json', {
    when: new Date().toISOString(),
    images: { tree: treeImages, list: listImages, containers: containerCount },
    setup: { first: loaded, second },
    list: { painted, raw, answer, render, rawContainers, rawAll, opened, samples: list },
    tree: { first, restarted, prefetched, warm, atList: treeAtList, rawReadsMs: rawReads },
    goals: { listGoalMet, warmGoalMet, prefetchGoalMet, restartGoalMet }
  })
  console.log('\nbench images: samples in artifacts/bench-images.json')
  return listGoalMet && warmGoalMet && prefetchGoalMet && restartGoalMet
})
