/**
 * `npm run bench -- ssh`: Berth over SSH (the test host's loopback sshd) against Berth over the
 * local socket, measured in one run (see bench/ssh.ts). Goals: containers list ≤ 1.2× local,
 * terminal first byte ≤ 1.2× local, 1 M log lines ingest ≥ 0.8× local throughput.
 *
 * Environment: BENCH_SSH_CONTAINERS (200), BENCH_SSH_LIST_RUNS (30), BENCH_SSH_TERMINAL_RUNS (15),
 * BENCH_LOG_LINES (1000000), BENCH_LOG_RUNS (3), BENCH_STRICT=1 (exit 1 on a missed goal).
 */
import { positiveIntFromEnv, runBench, writeArtifact } from './harness'
import { removeBenchContainers, runSshBench } from './ssh'
import { formatMs, printTable, summarize } from './stats'

const LIST_GOAL = 1.2
const TERMINAL_GOAL = 1.2
const LOGS_GOAL = 0.8

runBench('bench ssh', async ({ host, engine, onCleanup }) => {
  const options = {
    containers: positiveIntFromEnv('BENCH_SSH_CONTAINERS', 200),
    listRuns: positiveIntFromEnv('BENCH_SSH_LIST_RUNS', 30),
    terminalRuns: positiveIntFromEnv('BENCH_SSH_TERMINAL_RUNS', 15),
    logLines: positiveIntFromEnv('BENCH_LOG_LINES', 1_000_000),
    logRuns: positiveIntFromEnv('BENCH_LOG_RUNS', 3)
  }
  const leftovers = await removeBenchContainers(engine)
  if (leftovers) console.log(`bench ssh: removed ${leftovers} containers left by an earlier run`)
  onCleanup(async () => {
    console.log(`bench ssh: removed ${await removeBenchContainers(engine)} benchmark container(s)`)
  })
  const report = await runSshBench(engine, host, options, console.log)

  const p50 = (samples: number[]): number => summarize(samples).p50
  const list = p50(report.ssh.listMs) / p50(report.local.listMs)
  const terminal = p50(report.ssh.terminalMs) / p50(report.local.terminalMs)
  // Throughput ratio: how much of the local socket's speed the SSH path keeps (1.0 = as fast).
  const logs = p50(report.local.logsMs) / p50(report.ssh.logsMs)
  const met = { list: list <= LIST_GOAL, terminal: terminal <= TERMINAL_GOAL, logs: logs >= LOGS_GOAL }
  console.log('')
  printTable([
    ['measure (p50)', 'over SSH', 'local socket', 'ratio', 'goal', 'met'],
    [`containers.list, ${options.containers} containers`, formatMs(p50(report.ssh.listMs)), formatMs(p50(report.local.listMs)), `${list.toFixed(2)}×`, `≤ ${LIST_GOAL}×`, met.list ? 'yes' : 'NO'],
    ['terminal first byte', formatMs(p50(report.ssh.terminalMs)), formatMs(p50(report.local.terminalMs)), `${terminal.toFixed(2)}×`, `≤ ${TERMINAL_GOAL}×`, met.terminal ? 'yes' : 'NO'],
    [`logs ingest, ${options.logLines.toLocaleString('en-US')} lines`, formatMs(p50(report.ssh.logsMs)), formatMs(p50(report.local.logsMs)), `${logs.toFixed(2)}× of local speed`, `≥ ${LOGS_GOAL}×`, met.logs ? 'yes' : 'NO']
  ])
  writeArtifact('bench-ssh.json', { when: new Date().toISOString(), ratios: { list, terminal, logs }, ...report })
  console.log('\nbench ssh: samples in artifacts/bench-ssh.json')
  return met.list && met.terminal && met.logs
})
