/**
 * `npm run bench -- files`: what the Files tab's folder listing costs (issue 9 §3), on a private
 * engine, against the raw archive API in the same run. A container holds 1 GiB in files (sparse
 * on disk, but the archive API sends every byte), and `/` is listed:
 *  - running: files.list reads one level by exec; the raw baseline is GET archive of `/` (what the
 *    listing cost before: the whole subtree). Cold (the container's first exec) and warm.
 *  - stopped: files.list reads the archive up to MAX_LIST_SCAN_BYTES and says the listing is
 *    partial; the raw baseline is again the whole GET archive of `/`.
 * Goal: listing `/` of the running container ≤ 300 ms.
 *
 * Environment: BENCH_FILES_GIB (1), BENCH_FILES_RUNS (9).
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { request } from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { DirListing } from '../shared/files-models'
import { createCore, type Core } from '../electron/core/app'
import { EngineApi } from '../test/e2e/support/engine-api'
import { ensureTestImage, startPrivateEngine } from '../test/support/privateEngine'
import { positiveIntFromEnv, runBench, timed, writeArtifact } from './harness'
import { formatMs, printTable, summarize } from './stats'

const LABELS = { 'berth.test': '1', 'berth.test.suite': 'bench' }
const GOAL_MS = 300

function listRoot(core: Core, id: string): Promise<DirListing> {
  return (core.handlers['files.list'] as (input: unknown, signal: AbortSignal) => Promise<DirListing>)({ id, path: '/' }, new AbortController().signal)
}

/** GET over the engine's socket, the body counted and dropped (1 GiB does not fit in a string). */
function drainGet(socketPath: string, path: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request({ socketPath, path, method: 'GET' }, (res) => {
      let bytes = 0
      res.on('data', (chunk: Buffer) => (bytes += chunk.byteLength))
      res.on('end', () => (res.statusCode === 200 ? resolve(bytes) : reject(new Error(`GET ${path}: ${res.statusCode}`))))
      res.on('error', reject)
    })
    req.on('error', reject)
    req.end()
  })
}

async function execIn(raw: EngineApi, id: string, script: string): Promise<void> {
  const exec = (await raw.ok('POST', `/containers/${id}/exec`, { Cmd: ['sh', '-c', script], AttachStdout: true, AttachStderr: true })) as { Id: string }
  await raw.request('POST', `/exec/${exec.Id}/start`, { Detach: false, Tty: false }, 600_000)
}

runBench('bench files', async () => {
  const gib = positiveIntFromEnv('BENCH_FILES_GIB', 1)
  const runs = positiveIntFromEnv('BENCH_FILES_RUNS', 9)
  const engine = await startPrivateEngine('fl-bench')
  const raw = new EngineApi(engine.socketPath)
  const dir = mkdtempSync(join(tmpdir(), 'berth-bench-files-'))
  let core: Core | undefined
  try {
    const image = await ensureTestImage(engine.socketPath)
    const created = (await raw.ok('POST', '/containers/create?name=bench-files', { Image: image, Cmd: ['sleep', '3600'], Labels: LABELS, HostConfig: { NetworkMode: 'none' } })) as { Id: string }
    const id = created.Id
    await raw.ok('POST', `/containers/${id}/start`)
    // 1 GiB in 64 MiB files under /data: what a database or a cache directory looks like to the archive API.
    await execIn(raw, id, `mkdir -p /data && for i in $(seq 1 ${gib * 16}); do truncate -s 64M /data/part-$i; done`)
    console.log(`bench files: a container holding ${gib} GiB in ${gib * 16} files under /data`)

    core = await createCore({ env: { PATH: process.env.PATH, DOCKER_HOST: engine.dockerHost }, configDir: join(dir, 'config'), homeDir: join(dir, 'home') })
    await core.engines.whenActive()
    const berth = core
    const rawArchive = (): Promise<number> => drainGet(engine.socketPath, `/containers/${id}/archive?path=${encodeURIComponent('/')}`)

    let first: DirListing | undefined
    const coldMs = await timed(async () => (first = await listRoot(berth, id)))
    const warm: number[] = []
    const archive: number[] = []
    for (let run = 0; run < runs; run++) {
      warm.push(await timed(() => listRoot(berth, id)))
      if (run < 3) archive.push(await timed(rawArchive))
    }

    await raw.ok('POST', `/containers/${id}/stop?t=0`)
    let stoppedListing: DirListing | undefined
    const stopped: number[] = []
    for (let run = 0; run < 3; run++) stopped.push(await timed(async () => (stoppedListing = await listRoot(berth, id))))

    const warmP50 = summarize(warm).p50
    const archiveP50 = summarize(archive).p50
    const rows = [
      ['measure', 'Berth', 'raw GET archive of / (the whole subtree)', 'ratio', 'goal'],
      [`running, first listing (${first?.readBy}, ${first?.entries.length} entries)`, formatMs(coldMs), formatMs(archiveP50), `${(coldMs / archiveP50).toFixed(3)}×`, `≤ ${GOAL_MS} ms ${coldMs <= GOAL_MS ? '✓' : '✗'}`],
      ['running, again (p50 / worst)', `${formatMs(warmP50)} / ${formatMs(Math.max(...warm))}`, formatMs(archiveP50), `${(warmP50 / archiveP50).toFixed(3)}×`, `≤ ${GOAL_MS} ms ${Math.max(...warm) <= GOAL_MS ? '✓' : '✗'}`],
      [
        `stopped (${stoppedListing?.readBy}, ${stoppedListing?.partial ? 'partial' : 'complete'}, ${((stoppedListing?.scannedBytes ?? 0) / 1024 / 1024).toFixed(0)} MiB read)`,
        formatMs(summarize(stopped).p50),
        formatMs(archiveP50),
        `${(summarize(stopped).p50 / archiveP50).toFixed(3)}×`,
        'bounded by the cap'
      ]
    ]
    console.log('')
    printTable(rows)
    writeArtifact('bench-files.json', { when: new Date().toISOString(), gib, coldMs, warm, archive, stopped, stoppedScanned: stoppedListing?.scannedBytes })
    console.log('\nbench files: samples in artifacts/bench-files.json')
    return Math.max(coldMs, ...warm) <= GOAL_MS
  } finally {
    await core?.close()
    raw.close()
    await engine.stop()
    rmSync(dir, { recursive: true, force: true })
  }
})
