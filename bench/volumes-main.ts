/**
 * `npm run bench -- volumes`: what volumes cost, on a PRIVATE engine (the counts are engine-wide,
 * so the shared test engine would measure other people's objects and they would see ours).
 * All figures against the raw engine call measured in the same run, alternating order:
 *  - list: Berth's volumes.list (volumes + one container list for "in use by") vs raw GET /volumes;
 *  - sizes: GET /system/df (what sizes cost, the reason they are read apart) vs raw GET /volumes;
 *  - browse: one folder of BENCH_VOLUME_DIR_FILES files listed by exec vs the archive API's tar of it;
 *  - backup: BENCH_BACKUP_MB streamed through volumes.backup (base64 chunks, acks) vs raw GET archive.
 *
 * Environment: BENCH_VOLUMES (300), BENCH_VOLUME_FILES (50 per volume), BENCH_VOLUME_CONTAINERS
 * (200), BENCH_VOLUME_RUNS (9), BENCH_VOLUME_DIR_FILES (5000), BENCH_BACKUP_MB (100).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { contract } from '../shared/contract'
import type { TransferEvent } from '../shared/files-models'
import type { BrowseEvent } from '../shared/volumes-models'
import { createCore, type Core } from '../electron/core/app'
import { EngineApi, runPool } from '../test/e2e/support/engine-api'
import { ensureTestImage, startPrivateEngine } from '../test/support/privateEngine'
import { positiveIntFromEnv, runBench, timed, writeArtifact } from './harness'
import { formatMs, printTable, summarize } from './stats'

const LABELS = { 'berth.test': '1', 'berth.test.suite': 'bench' }

/** Alternates `a` and `b` `runs` times (after one warm-up each) and returns both sample lists. */
async function alternate(runs: number, a: () => Promise<unknown>, b: () => Promise<unknown>): Promise<[number[], number[]]> {
  const as: number[] = []
  const bs: number[] = []
  await a()
  await b()
  for (let run = 0; run < runs; run++) {
    if (run % 2 === 0) {
      as.push(await timed(a))
      bs.push(await timed(b))
    } else {
      bs.push(await timed(b))
      as.push(await timed(a))
    }
  }
  return [as, bs]
}

function call(core: Core, method: 'volumes.list' | 'volumes.sizes'): Promise<unknown> {
  return (core.handlers[method] as (input: unknown, signal: AbortSignal) => Promise<unknown>)({}, new AbortController().signal)
}

async function backupThroughBerth(core: Core, name: string): Promise<number> {
  const transferId = `bench-${Date.now()}-${Math.random().toString(36).slice(2, 8)}`
  let bytes = 0
  const handler = core.handlers['volumes.backup'] as (input: unknown, emit: (event: TransferEvent) => void, signal: AbortSignal) => Promise<void>
  await handler(contract['volumes.backup'].input.parse({ name, transferId }), (event) => {
    if (event.kind !== 'chunk') return
    bytes += Buffer.from(event.data, 'base64').byteLength
    void core.handlers['downloads.ack']({ transferId, receivedBytes: event.sentBytes }, new AbortController().signal)
  }, new AbortController().signal)
  return bytes
}

runBench('bench volumes', async () => {
  const volumes = positiveIntFromEnv('BENCH_VOLUMES', 300)
  const filesPerVolume = positiveIntFromEnv('BENCH_VOLUME_FILES', 50)
  const containers = positiveIntFromEnv('BENCH_VOLUME_CONTAINERS', 200)
  const runs = positiveIntFromEnv('BENCH_VOLUME_RUNS', 9)
  const dirFiles = positiveIntFromEnv('BENCH_VOLUME_DIR_FILES', 5000)
  const backupMb = positiveIntFromEnv('BENCH_BACKUP_MB', 100)

  const engine = await startPrivateEngine('vn-bench')
  const raw = new EngineApi(engine.socketPath)
  const dir = mkdtempSync(join(tmpdir(), 'berth-bench-volumes-'))
  let core: Core | undefined
  try {
    const image = await ensureTestImage(engine.socketPath)
    console.log(`bench volumes: ${volumes} volumes × ${filesPerVolume} files, ${containers} containers using them`)
    const names = Array.from({ length: volumes }, (_, i) => `bench-vol-${i}`)
    await runPool(names, 8, async (name) => {
      const created = (await raw.ok('POST', '/volumes/create', { Name: name, Labels: LABELS })) as { Mountpoint: string }
      // A local engine's volume is a folder on this host: filling it directly keeps the set-up quick.
      for (let f = 0; f < filesPerVolume; f++) writeFileSync(join(created.Mountpoint, `file-${f}.txt`), `${name} ${f}\n`.repeat(20))
    })
    await runPool(Array.from({ length: containers }, (_, i) => i), 8, async (i) => {
      await raw.ok('POST', `/containers/create?name=bench-vol-user-${i}`, {
        Image: image,
        Cmd: ['true'],
        Labels: LABELS,
        HostConfig: { NetworkMode: 'none', Mounts: [{ Type: 'volume', Source: names[i % volumes], Target: '/data' }] }
      })
    })
    const big = (await raw.ok('POST', '/volumes/create', { Name: 'bench-big', Labels: LABELS })) as { Mountpoint: string }
    const chunk = Buffer.alloc(1024 * 1024, 7)
    for (let i = 0; i < backupMb; i++) writeFileSync(join(big.Mountpoint, `part-${i}.bin`), chunk)
    for (let i = 0; i < dirFiles; i++) writeFileSync(join(big.Mountpoint, `${String(i).padStart(5, '0')}.txt`), 'x')

    core = await createCore({ env: { PATH: process.env.PATH, DOCKER_HOST: engine.dockerHost }, configDir: join(dir, 'config'), homeDir: join(dir, 'home') })
    await core.engines.whenActive()
    const berth = core

    // Berth's list reads volumes and containers (for "in use by") at once: that pair is the baseline.
    const rawPair = (): Promise<unknown> => Promise.all([raw.ok('GET', '/volumes'), raw.ok('GET', '/containers/json?all=1')])
    const [listBerth, listRaw] = await alternate(runs, () => call(berth, 'volumes.list'), rawPair)
    const [dfRaw, listRaw2] = await alternate(runs, () => raw.ok('GET', '/system/df'), () => raw.ok('GET', '/volumes'))
    const sizesBerth: number[] = []
    for (let run = 0; run < runs; run++) sizesBerth.push(await timed(() => call(berth, 'volumes.sizes')))

    // Browse: one session, the big folder listed by exec, against the archive API's tar of it.
    const controller = new AbortController()
    let ready: (event: BrowseEvent) => void = () => {}
    const opened = new Promise<BrowseEvent>((resolve) => (ready = resolve))
    const browsing = (berth.handlers['volumes.browse'] as (i: unknown, e: (ev: BrowseEvent) => void, s: AbortSignal) => Promise<void>)({ name: 'bench-big' }, (ev) => ready(ev), controller.signal)
    const { sessionId } = await opened
    const helper = ((await raw.ok('GET', `/containers/json?filters=${encodeURIComponent(JSON.stringify({ label: ['berth.helper.volume=bench-big'] }))}`)) as Array<{ Id: string }>)[0].Id
    const [listDir, archiveDir] = await alternate(
      Math.max(3, Math.floor(runs / 3)),
      () => (berth.handlers['volumes.listDir'] as (i: unknown, s: AbortSignal) => Promise<unknown>)({ sessionId, path: '/' }, new AbortController().signal),
      () => raw.request('GET', `/containers/${helper}/archive?path=${encodeURIComponent('/berth-volume/')}`, undefined, 600_000)
    )
    controller.abort()
    await browsing

    // Backup: Berth's stream (helper + archive + base64 chunks + acks) against a raw GET archive.
    const rawHelper = (await raw.ok('POST', '/containers/create', { Image: image, Cmd: ['true'], Labels: LABELS, HostConfig: { Mounts: [{ Type: 'volume', Source: 'bench-big', Target: '/v', ReadOnly: true }] } })) as { Id: string }
    let berthBytes = 0
    const [backupBerth, backupRaw] = await alternate(
      3,
      async () => (berthBytes = await backupThroughBerth(berth, 'bench-big')),
      () => raw.request('GET', `/containers/${rawHelper.Id}/archive?path=${encodeURIComponent('/v/.')}`, undefined, 600_000)
    )

    const row = (what: string, berthMs: number[], rawMs: number[], baseline: string): string[] => {
      const b = summarize(berthMs).p50
      const r = summarize(rawMs).p50
      return [what, formatMs(b), `${formatMs(r)} (${baseline})`, `${(b / r).toFixed(2)}×`]
    }
    const rows = [
      ['measure (p50)', 'Berth / measured', 'raw baseline', 'ratio'],
      row(`volumes.list, ${volumes} volumes + ${containers} containers`, listBerth, listRaw, 'GET /volumes + /containers'),
      row('GET /system/df (what sizes cost)', dfRaw, listRaw2, 'GET /volumes'),
      row('volumes.sizes (Berth, /system/df inside)', sizesBerth, dfRaw, 'GET /system/df'),
      row(`browse: list a folder of ${dirFiles + backupMb} entries (exec)`, listDir, archiveDir, 'archive tar of it'),
      row(`backup ${backupMb} MB (${(berthBytes / 1024 / 1024).toFixed(0)} MiB tar)`, backupBerth, backupRaw, 'GET archive')
    ]
    console.log('')
    printTable(rows)
    writeArtifact('bench-volumes.json', { when: new Date().toISOString(), volumes, filesPerVolume, containers, listBerth, listRaw, dfRaw, sizesBerth, listDir, archiveDir, backupBerth, backupRaw })
    console.log('\nbench volumes: samples in artifacts/bench-volumes.json')
    return true
  } finally {
    await core?.close()
    raw.close()
    await engine.stop()
    rmSync(dir, { recursive: true, force: true })
  }
})
