/**
 * CPU time of processes, read from /proc/<pid>/stat (utime + stime, in clock ticks), and the
 * raw-client baseline for the stats bench: a minimal Node child that reads the same engine
 * stats streams with http + JSON.parse and nothing else.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import { readdirSync, readFileSync, readlinkSync } from 'node:fs'

const CLOCK_TICKS_PER_SECOND = Number(spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).stdout.trim()) || 100

/** CPU seconds a process has used so far; 0 when it is gone. */
export function cpuSeconds(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
    // The command name (field 2) may hold spaces; fields after its closing parenthesis are fixed.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
    // After the name: state is index 0, so utime (field 14) is 11 and stime (field 15) is 12.
    return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS_PER_SECOND
  } catch {
    return 0
  }
}

/** Open sockets of a process (a stats stream to the engine is one): a check that streams really closed. */
export function socketCount(pid: number): number {
  try {
    return readdirSync(`/proc/${pid}/fd`).filter((fd) => {
      try {
        return readlinkSync(`/proc/${pid}/fd/${fd}`).startsWith('socket:')
      } catch {
        return false
      }
    }).length
  } catch {
    return 0
  }
}

export interface ProcessInfo {
  pid: number
  ppid: number
  args: string
}

export function listProcesses(): ProcessInfo[] {
  const result: ProcessInfo[] = []
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8')
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1])
      const args = readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0').join(' ').trim()
      result.push({ pid: Number(entry), ppid, args })
    } catch {
      // The process ended while we looked.
    }
  }
  return result
}

/** Every process below `root` (children, grandchildren…). */
export function descendants(root: number, all: ProcessInfo[] = listProcesses()): ProcessInfo[] {
  const found: ProcessInfo[] = []
  const parents = new Set([root])
  let grew = true
  while (grew) {
    grew = false
    for (const process of all) {
      if (parents.has(process.ppid) && !parents.has(process.pid)) {
        parents.add(process.pid)
        found.push(process)
        grew = true
      }
    }
  }
  return found
}

/** Named groups of pids; each group's CPU is the sum of its members' (pids chosen once per window). */
export type ProcessGroups = Record<string, number[]>

export interface CpuWindow {
  seconds: number
  /** Percent of one core per group. */
  percentOfCore: Record<string, number>
}

/** Measures every group's CPU over `seconds` of wall time. */
export async function measureCpu(groups: ProcessGroups, seconds: number): Promise<CpuWindow> {
  const sum = (pids: number[]): number => pids.reduce((total, pid) => total + cpuSeconds(pid), 0)
  const before = Object.fromEntries(Object.entries(groups).map(([name, pids]) => [name, sum(pids)]))
  const started = performance.now()
  await new Promise((resolve) => setTimeout(resolve, seconds * 1000))
  const elapsed = (performance.now() - started) / 1000
  const percentOfCore = Object.fromEntries(
    Object.entries(groups).map(([name, pids]) => [name, ((sum(pids) - before[name]) / elapsed) * 100])
  )
  return { seconds: elapsed, percentOfCore }
}

/**
 * The test engine's own processes: dockerd, containerd and the shims of the given containers
 * (the shim reads a container's cgroup when the engine asks for its stats).
 */
export function engineProcesses(dockerPidFile: string, containerdPidFile: string, containerIds: readonly string[]): ProcessGroups {
  const readPid = (file: string): number[] => {
    try {
      return [Number(readFileSync(file, 'utf8').trim())]
    } catch {
      return []
    }
  }
  const wanted = new Set(containerIds)
  const shims = listProcesses()
    .filter((process) => process.args.includes('containerd-shim') && wanted.has(/-id ([0-9a-f]{64})/.exec(process.args)?.[1] ?? ''))
    .map((process) => process.pid)
  return { dockerd: readPid(dockerPidFile), containerd: readPid(containerdPidFile), shims }
}

/**
 * Source of the raw reader: GET /containers/{id}/stats?stream=true for each id over the unix
 * socket, JSON.parse per line, nothing kept. What any client must at least spend.
 */
const RAW_READER = `
const http = require('node:http')
const [socketPath, ...ids] = process.argv.slice(1)
let samples = 0
for (const id of ids) {
  http.get({ socketPath, path: '/containers/' + id + '/stats?stream=true' }, (response) => {
    let tail = ''
    response.setEncoding('utf8')
    response.on('data', (chunk) => {
      const lines = (tail + chunk).split('\\n')
      tail = lines.pop()
      for (const line of lines) if (line.trim()) { JSON.parse(line); samples++ }
    })
  })
}
process.on('SIGTERM', () => { process.stdout.write(String(samples)); process.exit(0) })
`

export function startRawReader(socketPath: string, ids: readonly string[]): ChildProcess {
  return spawn(process.execPath, ['-e', RAW_READER, socketPath, ...ids], { stdio: ['ignore', 'pipe', 'inherit'] })
}

export function stopRawReader(child: ChildProcess): Promise<number> {
  return new Promise((resolve) => {
    let output = ''
    child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()))
    child.on('exit', () => resolve(Number(output) || 0))
    child.kill('SIGTERM')
  })
}
