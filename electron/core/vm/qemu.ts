/**
 * The QEMU backend of the Hypervisor seam (Linux). No orphan QEMU: unless the person chose
 * "keep running", QEMU is started through `setpriv --pdeathsig SIGTERM`, so the kernel ends it
 * when Berth's process ends, however it ends (a crash, SIGKILL); a clean quit stops it first.
 * A kept-running VM is started detached and adopted by the next Berth through its pid and QMP.
 */
import { execFile, spawn } from 'node:child_process'
import { rename } from 'node:fs/promises'
import { promisify } from 'node:util'
import type { Acceleration } from '../../../shared/vm-models'
import type { Hypervisor, RunningVm, VmBootSpec, VmExit } from './hypervisor'
import { probeAcceleration } from './kvm-probe'
import { qemuArgs } from './qemu-args'
import { QmpClient } from './qmp'
import { SerialTail } from './serial'

const run = promisify(execFile)
const EXIT_POLL_MS = 250
const KILL_WAIT_MS = 3000

export interface QemuOptions {
  binary?: string
  /** Where the acceleration probe's answer is remembered for this machine. */
  cacheDir: string
  serialLog: string
  pidFile: string
  log?: (message: string) => void
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM'
  }
}

/** Resolves when a process that is not our child is gone (adopted VMs): polled, < 2 s late. */
function whenGone(pid: number): Promise<VmExit> {
  return new Promise((resolve) => {
    const timer = setInterval(() => {
      if (isAlive(pid)) return
      clearInterval(timer)
      resolve({ code: null, signal: null })
    }, EXIT_POLL_MS)
  })
}

class QemuVm implements RunningVm {
  private qmp?: Promise<QmpClient>
  private readonly tail: SerialTail

  constructor(
    readonly pid: number,
    readonly exited: Promise<VmExit>,
    private readonly controlSocket: string,
    serialLog: string,
    serialFrom: number
  ) {
    this.tail = new SerialTail(serialLog, serialFrom)
    this.tail.start()
    void exited.then(() => {
      void this.tail.stop()
      void this.qmp?.then((c) => c.close()).catch(() => {})
    })
  }

  onSerialLine(listener: (line: string) => void): () => void {
    return this.tail.onLine(listener)
  }

  private monitor(): Promise<QmpClient> {
    this.qmp ??= QmpClient.open(this.controlSocket).catch((err: unknown) => {
      this.qmp = undefined
      throw err
    })
    return this.qmp
  }

  async powerButton(): Promise<void> {
    await (await this.monitor()).execute('system_powerdown')
  }

  async kill(): Promise<void> {
    try {
      await (await this.monitor()).execute('quit')
    } catch {
      // The monitor is gone or stuck: the signal below still works.
    }
    const gone = await Promise.race([this.exited.then(() => true), new Promise<boolean>((r) => setTimeout(() => r(false), KILL_WAIT_MS))])
    if (!gone && isAlive(this.pid)) process.kill(this.pid, 'SIGKILL')
    await this.exited
  }

  async forwardPort(protocol: 'tcp' | 'udp', hostPort: number, guestPort: number): Promise<void> {
    const answer = await (await this.monitor()).human(`hostfwd_add net0 ${protocol}:127.0.0.1:${hostPort}-:${guestPort}`)
    // HMP answers success with nothing; a taken port with "Could not set up host forwarding rule …".
    if (answer) throw new Error(/could not set up/i.test(answer) ? `port ${hostPort} on this machine is already taken` : answer)
  }

  async unforwardPort(protocol: 'tcp' | 'udp', hostPort: number): Promise<void> {
    await (await this.monitor()).human(`hostfwd_remove net0 ${protocol}:127.0.0.1:${hostPort}`)
  }
}

export class QemuHypervisor implements Hypervisor {
  private readonly binary: string

  constructor(private readonly options: QemuOptions) {
    this.binary = options.binary ?? 'qemu-system-x86_64'
  }

  async describe(): Promise<string> {
    const { stdout } = await run(this.binary, ['--version'])
    const version = /version (\S+)/.exec(stdout)?.[1]
    return version ? `QEMU ${version}` : 'QEMU'
  }

  acceleration(kernel: string, initrd: string): Promise<Acceleration> {
    return probeAcceleration({ binary: this.binary, kernel, initrd, cacheDir: this.options.cacheDir, log: this.options.log })
  }

  async boot(spec: VmBootSpec): Promise<RunningVm> {
    const { serialLog, pidFile } = this.options
    // Each boot starts a fresh console file; the previous boot's stays beside it for a look.
    await rename(serialLog, `${serialLog}.previous`).catch(() => {})
    const args = qemuArgs(spec, { serialLog, pidFile })
    if (spec.detached) {
      const child = spawn(this.binary, args, { detached: true, stdio: 'ignore' })
      child.unref()
      const pid = await spawned(child)
      return new QemuVm(pid, exitOf(child), spec.controlSocket, serialLog, 0)
    }
    const child = spawn('setpriv', ['--pdeathsig', 'SIGTERM', '--', this.binary, ...args], { stdio: ['ignore', 'ignore', 'pipe'] })
    let stderr = ''
    child.stderr?.on('data', (chunk: Buffer) => {
      if (stderr.length < 8192) stderr += chunk.toString('utf8')
    })
    const pid = await spawned(child)
    const exited = exitOf(child).then((how) => {
      if (stderr.trim()) this.options.log?.(`vm: qemu said: ${stderr.trim().slice(0, 2000)}`)
      return { ...how, detail: stderr.trim() || undefined }
    })
    return new QemuVm(pid, exited, spec.controlSocket, serialLog, 0)
  }

  async adopt(pid: number, controlSocket: string): Promise<RunningVm | undefined> {
    if (!isAlive(pid)) return undefined
    try {
      const client = await QmpClient.open(controlSocket, 1000)
      client.close()
    } catch {
      return undefined
    }
    return new QemuVm(pid, whenGone(pid), controlSocket, this.options.serialLog, 0)
  }
}

function spawned(child: ReturnType<typeof spawn>): Promise<number> {
  return new Promise((resolve, reject) => {
    child.once('spawn', () => resolve(child.pid as number))
    child.once('error', (err) => reject(new Error(`could not start QEMU: ${err.message}`)))
  })
}

function exitOf(child: ReturnType<typeof spawn>): Promise<VmExit> {
  return new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })))
}
