/**
 * Berth over SSH against Berth over the local socket, in one run, through the handler table of
 * two in-process cores (the same code browser mode and the desktop app run): one with
 * DOCKER_HOST = the test engine's socket, one with DOCKER_HOST = ssh://root@127.0.0.1:2222/<that
 * socket> (the test host's loopback sshd, one SSH connection, streamlocal channels). Runs
 * alternate which side goes first.
 *  - containers.list with N labelled containers on the engine: time per call;
 *  - exec.session: call → first output byte of a new shell;
 *  - containers.logs of a container that printed L lines (follow off): call → last batch.
 */
import { randomBytes } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { contract, type EventOf, type InputOf, type OutputOf, type CallName, type StreamName } from '../shared/contract'
import { createCore, type Core } from '../electron/core/app'
import type { EngineApi } from '../test/e2e/support/engine-api'
import type { TestHost } from '../test/support/testHost'
import { createLogContainer } from './logs'

export const SSH_BENCH_LABEL = 'berth.test.area'
export const SSH_BENCH_VALUE = 'engines-ssh'
const LABELS = { 'berth.test': '1', [SSH_BENCH_LABEL]: SSH_BENCH_VALUE, 'berth.bench': 'ssh' }

export interface SshBenchOptions {
  containers: number
  listRuns: number
  terminalRuns: number
  logLines: number
  logRuns: number
}

export interface SideSamples {
  listMs: number[]
  terminalMs: number[]
  logsMs: number[]
}

export interface SshBenchReport {
  options: SshBenchOptions
  local: SideSamples
  ssh: SideSamples
}

export type Side = 'local' | 'ssh'

const TERMINAL_SETTLE_MS = 500

async function callOn<K extends CallName>(core: Core, method: K, input: InputOf<K>): Promise<OutputOf<K>> {
  const handler = core.handlers[method] as (input: unknown, signal: AbortSignal) => Promise<OutputOf<K>>
  return handler(contract[method].input.parse(input), new AbortController().signal)
}

function streamOn<K extends StreamName>(core: Core, method: K, input: InputOf<K>, onEvent: (event: EventOf<K>, stop: () => void) => void): Promise<void> {
  const controller = new AbortController()
  const handler = core.handlers[method] as (input: unknown, emit: (e: EventOf<K>) => void, signal: AbortSignal) => Promise<void>
  return handler(contract[method].input.parse(input), (event) => onEvent(event, () => controller.abort()), controller.signal)
}

export async function startCores(host: TestHost): Promise<{ local: Core; ssh: Core; dispose(): Promise<void> }> {
  const dir = mkdtempSync(join(tmpdir(), 'berth-bench-ssh-'))
  const base = { PATH: process.env.PATH, USER: 'root' }
  const local = await createCore({ env: { ...base, DOCKER_HOST: host.dockerHost }, configDir: join(dir, 'local'), homeDir: join(dir, 'home') })
  const ssh = await createCore({
    env: {
      ...base,
      DOCKER_HOST: `ssh://${host.ssh.user}@${host.ssh.host}:${host.ssh.port}${host.dockerSocket}`,
      BERTH_SSH_IDENTITY: host.ssh.privateKeyPath,
      BERTH_SSH_KNOWN_HOSTS: host.ssh.knownHostsPath
    },
    configDir: join(dir, 'ssh'),
    homeDir: join(dir, 'home')
  })
  await Promise.all([local.engines.whenActive(), ssh.engines.whenActive()])
  return {
    local,
    ssh,
    async dispose() {
      await Promise.all([local.close(), ssh.close()])
      rmSync(dir, { recursive: true, force: true })
    }
  }
}

export async function createListContainers(engine: EngineApi, image: string, count: number): Promise<void> {
  const prefix = `engines-ssh-bench-${randomBytes(3).toString('hex')}`
  for (let i = 0; i < count; i += 8) {
    await Promise.all(
      Array.from({ length: Math.min(8, count - i) }, (_, j) => engine.createContainer({ name: `${prefix}-${i + j}`, image, labels: LABELS }))
    )
  }
}

export async function createShellContainer(engine: EngineApi, image: string): Promise<string> {
  const id = await engine.createContainer({ name: `engines-ssh-bench-shell-${randomBytes(3).toString('hex')}`, image, labels: LABELS, cmd: ['sh', '-c', 'trap "exit 0" TERM; while true; do sleep 1; done'] })
  await engine.start(id)
  return id
}

export function removeBenchContainers(engine: EngineApi): Promise<number> {
  return engine.removeContainersLabelled(['berth.test=1', `${SSH_BENCH_LABEL}=${SSH_BENCH_VALUE}`, 'berth.bench=ssh'])
}

async function timeList(core: Core): Promise<number> {
  const started = performance.now()
  await callOn(core, 'containers.list', {})
  return performance.now() - started
}

async function timeTerminal(core: Core, containerId: string): Promise<number> {
  const started = performance.now()
  let firstByte = Number.NaN
  await streamOn(core, 'exec.session', { containerId, cols: 80, rows: 24, shell: ['/bin/sh'] }, (event, stop) => {
    if (event.type !== 'data' || !Number.isNaN(firstByte)) return
    firstByte = performance.now() - started
    stop()
  })
  if (Number.isNaN(firstByte)) throw new Error('the shell sent no output')
  return firstByte
}

async function timeLogs(core: Core, containerId: string, expected: number): Promise<number> {
  const started = performance.now()
  let lines = 0
  await streamOn(core, 'containers.logs', { id: containerId, tail: 'all', timestamps: false, follow: false }, (batch) => {
    lines += batch.count
  })
  const ms = performance.now() - started
  if (lines !== expected) throw new Error(`containers.logs delivered ${lines} lines, expected ${expected}`)
  return ms
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms))

/**
 * Runs `measure` on both sides `runs` times, alternating who goes first; one warm-up each.
 * `settleMs` separates measurements: a closed terminal hangs its shell up with an exec of its own
 * in the background, which would otherwise overlap (and slow) the next side's measurement.
 */
async function alternate(
  cores: Record<Side, Core>,
  runs: number,
  measure: (core: Core) => Promise<number>,
  into: (side: Side, ms: number) => void,
  settleMs = 0
): Promise<void> {
  for (const side of ['local', 'ssh'] as const) {
    await measure(cores[side])
    await sleep(settleMs)
  }
  for (let run = 0; run < runs; run++) {
    const order: Side[] = run % 2 === 0 ? ['local', 'ssh'] : ['ssh', 'local']
    for (const side of order) {
      into(side, await measure(cores[side]))
      await sleep(settleMs)
    }
  }
}

export async function runSshBench(engine: EngineApi, host: TestHost, options: SshBenchOptions, log: (line: string) => void): Promise<SshBenchReport> {
  const report: SshBenchReport = { options, local: { listMs: [], terminalMs: [], logsMs: [] }, ssh: { listMs: [], terminalMs: [], logsMs: [] } }
  const made = performance.now()
  await createListContainers(engine, host.testImage, options.containers)
  const shell = await createShellContainer(engine, host.testImage)
  const logs = await createLogContainer(engine, host.testImage, options.logLines)
  log(`bench ssh: set up ${options.containers} containers and ${options.logLines.toLocaleString('en-US')} log lines in ${((performance.now() - made) / 1000).toFixed(1)} s`)
  const cores = await startCores(host)
  try {
    await alternate(cores, options.listRuns, timeList, (side, ms) => report[side].listMs.push(ms))
    log(`bench ssh: containers.list done (${options.listRuns} runs each)`)
    await alternate(cores, options.terminalRuns, (core) => timeTerminal(core, shell), (side, ms) => report[side].terminalMs.push(ms), TERMINAL_SETTLE_MS)
    log(`bench ssh: terminal first byte done (${options.terminalRuns} runs each)`)
    for (let run = 0; run < options.logRuns; run++) {
      const order: Side[] = run % 2 === 0 ? ['local', 'ssh'] : ['ssh', 'local']
      for (const side of order) report[side].logsMs.push(await timeLogs(cores[side], logs.id, options.logLines))
      log(`bench ssh: logs run ${run + 1}: local ${report.local.logsMs.at(-1)?.toFixed(0)} ms, ssh ${report.ssh.logsMs.at(-1)?.toFixed(0)} ms`)
    }
  } finally {
    await cores.dispose()
    await engine.remove(logs.id)
  }
  return report
}
