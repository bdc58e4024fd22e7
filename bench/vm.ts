/**
 * The VM bench's measurements (bench/vm-main.ts prints them): one boot through Berth's core, the
 * containers list through Berth against the guest's socket forwarded by OpenSSH, and QEMU's idle
 * CPU and memory read from /proc.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { existsSync, readFileSync, rmSync } from 'node:fs'
import { request } from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { PhaseMark } from '../shared/vm-models'
import type { Core } from '../electron/core/app'
import { call } from '../test/integration/handlers-kit'
import { importTestImageIntoVm, vmSshArgs } from '../test/support/vmTestImage'

export interface BootSample {
  readyMs: number
  phases: PhaseMark[]
}

export async function bootOnce(core: Core): Promise<BootSample> {
  const status = await call(core, 'vm.start', {})
  const ready = status.phases.find((p) => p.phase === 'engine')
  if (!ready) throw new Error(`the VM started without an engine phase: ${JSON.stringify(status.phases)}`)
  return { readyMs: ready.atMs, phases: status.phases }
}

let forwards = 0

/** The guest's docker socket on a local unix socket, through `ssh -N -L` (the baseline's path). */
async function forwardSocket(vmDir: string): Promise<{ socket: string; child: ChildProcess }> {
  const socket = join(tmpdir(), `berth-bench-vm-${process.pid}-${++forwards}.sock`)
  // An earlier forward's socket file outlives its ssh: waiting for "the file exists" must mean this one.
  rmSync(socket, { force: true })
  const child = spawn('ssh', ['-N', '-o', 'StreamLocalBindUnlink=yes', '-L', `${socket}:/var/run/docker.sock`, ...vmSshArgs(vmDir)], { stdio: 'ignore' })
  const deadline = Date.now() + 15_000
  while (!existsSync(socket)) {
    if (Date.now() > deadline) throw new Error('ssh -L made no socket in 15 s')
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
  return { socket, child }
}

function rawRequest(socket: string, method: string, path: string, body?: unknown): Promise<string> {
  return new Promise((resolve, reject) => {
    const payload = body === undefined ? undefined : JSON.stringify(body)
    const req = request({ socketPath: socket, method, path, headers: payload ? { 'content-type': 'application/json' } : {} }, (res) => {
      const chunks: Buffer[] = []
      res.on('data', (chunk: Buffer) => chunks.push(chunk))
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8')
        if ((res.statusCode ?? 500) >= 300) reject(new Error(`${method} ${path}: ${res.statusCode} ${text}`))
        else resolve(text)
      })
    })
    req.on('error', reject)
    req.end(payload)
  })
}

export async function makeContainers(_core: Core, vmDir: string, count: number): Promise<void> {
  const image = await importTestImageIntoVm(vmDir)
  const { socket, child } = await forwardSocket(vmDir)
  try {
    for (let index = 0; index < count; index += 1) {
      await rawRequest(socket, 'POST', '/containers/create', { Image: image, Cmd: ['true'], Labels: { 'berth.test': '1', 'berth.bench': 'vm' } })
    }
  } finally {
    child.kill()
  }
}

/** Alternates Berth's containers.list (its handler, as the peer calls it) and the raw call on the forwarded socket. */
export async function listThroughBoth(core: Core, vmDir: string, runs: number): Promise<{ berthMs: number[]; forwardedMs: number[] }> {
  const { socket, child } = await forwardSocket(vmDir)
  const berthMs: number[] = []
  const forwardedMs: number[] = []
  const handler = core.handlers['containers.list']
  try {
    for (let run = -3; run < runs; run += 1) {
      let t0 = performance.now()
      await handler({}, new AbortController().signal)
      const berth = performance.now() - t0
      t0 = performance.now()
      JSON.parse(await rawRequest(socket, 'GET', '/containers/json?all=1'))
      const forwarded = performance.now() - t0
      // The first three of each are warm-up (connections, caches).
      if (run >= 0) {
        berthMs.push(berth)
        forwardedMs.push(forwarded)
      }
    }
  } finally {
    child.kill()
  }
  return { berthMs, forwardedMs }
}

function cpuTicks(pid: number): number {
  // /proc/PID/stat: fields after the command's closing parenthesis; utime and stime are the 12th and 13th there.
  const text = readFileSync(`/proc/${pid}/stat`, 'utf8')
  const fields = text.slice(text.lastIndexOf(')') + 2).split(' ')
  return Number(fields[11]) + Number(fields[12])
}

function kilobytes(file: string, key: string): number {
  const line = readFileSync(file, 'utf8').split('\n').find((l) => l.startsWith(`${key}:`))
  return Number(/(\d+)/.exec(line ?? '')?.[1] ?? 0) * 1024
}

/** QEMU's CPU over `seconds` with no containers in the guest, and its memory on the host. */
export async function idleFootprint(core: Core, vmDir: string, seconds: number): Promise<{ cpuPercent: number; rssBytes: number; pssBytes: number }> {
  const { socket, child } = await forwardSocket(vmDir)
  try {
    await rawRequest(socket, 'POST', '/containers/prune')
  } finally {
    child.kill()
  }
  const pid = (await call(core, 'vm.status', {})).pid
  if (!pid) throw new Error('the VM is not running')
  // Let the engine settle after the prune before the idle window starts.
  await new Promise((resolve) => setTimeout(resolve, 5_000))
  const ticksPerSecond = 100
  const before = cpuTicks(pid)
  const t0 = performance.now()
  await new Promise((resolve) => setTimeout(resolve, seconds * 1000))
  const cpuSeconds = (cpuTicks(pid) - before) / ticksPerSecond
  const cpuPercent = (100 * cpuSeconds) / ((performance.now() - t0) / 1000)
  return { cpuPercent, rssBytes: kilobytes(`/proc/${pid}/status`, 'VmRSS'), pssBytes: kilobytes(`/proc/${pid}/smaps_rollup`, 'Pss') }
}
