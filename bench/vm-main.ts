/**
 * `npm run bench -- vm`: the Berth VM, measured through Berth's own core (issue 8).
 *  - Boot → engine ready, BENCH_VM_BOOTS times (the first on a fresh data disk, the rest warm),
 *    with each phase's time. Goal under software emulation: ≤ 25 s; with KVM: ≤ 3 s.
 *  - containers.list of BENCH_VM_CONTAINERS containers through Berth (ssh2 streamlocal channel)
 *    against the same call on the guest's socket forwarded out by OpenSSH (`ssh -L`), in one run.
 *    Goal ≤ 1.2×.
 *  - Idle: QEMU's host CPU over BENCH_VM_IDLE_SECONDS (60) with no containers, and the memory the
 *    VM really holds on the host (QEMU's RSS and PSS).
 * Environment: BENCH_VM_BOOTS (3), BENCH_VM_CONTAINERS (100), BENCH_VM_LIST_RUNS (30),
 * BENCH_VM_IDLE_SECONDS (60), BENCH_STRICT=1 (exit 1 on a missed goal).
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { VM_ENGINE_ID } from '../shared/vm-models'
import { createCore } from '../electron/core/app'
import { call } from '../test/integration/handlers-kit'
import { positiveIntFromEnv, runBench, writeArtifact } from './harness'
import { formatMs, printTable, summarize } from './stats'
import { bootOnce, idleFootprint, listThroughBoth, makeContainers } from './vm'

const BOOT_GOAL_MS = { tcg: 25_000, kvm: 3_000 }
const LIST_GOAL = 1.2

runBench('bench vm', async ({ host, onCleanup }) => {
  const boots = positiveIntFromEnv('BENCH_VM_BOOTS', 3)
  const containers = positiveIntFromEnv('BENCH_VM_CONTAINERS', 100)
  const listRuns = positiveIntFromEnv('BENCH_VM_LIST_RUNS', 30)
  const idleSeconds = positiveIntFromEnv('BENCH_VM_IDLE_SECONDS', 60)
  const root = mkdtempSync(join(tmpdir(), 'berth-bench-vm-'))
  const core = await createCore({ env: { PATH: process.env.PATH, DOCKER_HOST: host.dockerHost, USER: 'root' }, configDir: join(root, 'config'), homeDir: join(root, 'home') })
  onCleanup(async () => {
    await core.close()
    rmSync(root, { recursive: true, force: true })
  })
  const vmDir = join(root, 'config', 'vm')
  await call(core, 'vm.create', { resources: { cpus: 2, memoryMiB: 2048, diskGiB: 16, swapMiB: 0 }, start: false })

  const samples = []
  for (let run = 1; run <= boots; run += 1) {
    const sample = await bootOnce(core)
    samples.push(sample)
    console.log(`bench vm: boot ${run}${run === 1 ? ' (fresh data disk)' : ''}: ${sample.phases.map((p) => `${p.phase} ${formatMs(p.atMs)}`).join(', ')}`)
    if (run < boots) await call(core, 'vm.stop', {})
  }
  const acceleration = (await call(core, 'vm.status', {})).acceleration?.kind ?? 'tcg'
  const readyMs = samples.map((s) => s.readyMs)
  const warm = readyMs.slice(1)
  const bootGoal = BOOT_GOAL_MS[acceleration]

  await call(core, 'engines.use', { id: VM_ENGINE_ID })
  await makeContainers(core, vmDir, containers)
  const list = await listThroughBoth(core, vmDir, listRuns)
  const listRatio = summarize(list.berthMs).p50 / summarize(list.forwardedMs).p50
  const idle = await idleFootprint(core, vmDir, idleSeconds)

  const met = { boot: summarize(readyMs).p50 <= bootGoal, list: listRatio <= LIST_GOAL }
  console.log('')
  printTable([
    ['measure', 'median', 'worst', 'goal', 'met'],
    [`boot → engine ready (${acceleration}, ${boots} boots)`, formatMs(summarize(readyMs).p50), formatMs(Math.max(...readyMs)), `≤ ${formatMs(bootGoal)}`, met.boot ? 'yes' : 'NO'],
    ['  warm boots only', warm.length ? formatMs(summarize(warm).p50) : '—', warm.length ? formatMs(Math.max(...warm)) : '—', '', ''],
    [`containers.list, ${containers} containers: Berth (ssh2)`, formatMs(summarize(list.berthMs).p50), formatMs(Math.max(...list.berthMs)), '', ''],
    ['  same call on the socket forwarded by ssh -L', formatMs(summarize(list.forwardedMs).p50), formatMs(Math.max(...list.forwardedMs)), '', ''],
    ['  ratio (p50)', `${listRatio.toFixed(2)}×`, '', `≤ ${LIST_GOAL}×`, met.list ? 'yes' : 'NO'],
    [`idle: QEMU CPU over ${idleSeconds} s, no containers`, `${idle.cpuPercent.toFixed(1)} % of a core`, '', '', ''],
    ['idle: QEMU memory on the host', `RSS ${(idle.rssBytes / 2 ** 20).toFixed(0)} MiB, PSS ${(idle.pssBytes / 2 ** 20).toFixed(0)} MiB`, '', '', '']
  ])
  writeArtifact('bench-vm.json', { when: new Date().toISOString(), acceleration, boots: samples, list, listRatio, idle })
  console.log('\nbench vm: samples in artifacts/bench-vm.json')
  return met.boot && met.list
})
