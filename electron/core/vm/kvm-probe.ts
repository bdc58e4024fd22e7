/**
 * KVM or software emulation, decided by a real boot: the device file is not proof, nor is a
 * successful KVM_CREATE_VM — machines that are themselves VMs can expose a paravirtual /dev/kvm on
 * which QEMU aborts (`-cpu host`: "failed to set MSR") or a kernel hangs decompressing. So the
 * guest's kernel is booted with KVM for a few seconds: a first serial line in time means KVM
 * works. The answer is remembered per machine (CPU, host kernel, QEMU) and probed again when any
 * of those change.
 */
import { spawn } from 'node:child_process'
import { createHash } from 'node:crypto'
import { constants } from 'node:fs'
import { access, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { cpus, release, tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Acceleration } from '../../../shared/vm-models'

export const PROBE_TIMEOUT_MS = 4000

export interface ProbeOptions {
  binary: string
  kernel: string
  initrd: string
  cacheDir: string
  /** Where the KVM device is (tests point it elsewhere). */
  kvmDevice?: string
  log?: (message: string) => void
}

interface Remembered {
  machine: string
  acceleration: Acceleration
}

function machineKey(binary: string): string {
  return createHash('sha256').update([cpus()[0]?.model ?? '', release(), binary].join('\n')).digest('hex').slice(0, 16)
}

export async function probeAcceleration(options: ProbeOptions): Promise<Acceleration> {
  const device = options.kvmDevice ?? '/dev/kvm'
  try {
    await access(device, constants.R_OK | constants.W_OK)
  } catch (err) {
    const missing = (err as NodeJS.ErrnoException).code === 'ENOENT'
    return {
      kind: 'tcg',
      reason: missing ? 'This machine has no KVM (no /dev/kvm): software emulation, which is slower.' : `Berth may not use ${device} (add yourself to the kvm group): software emulation, which is slower.`
    }
  }
  const file = join(options.cacheDir, 'acceleration.json')
  const machine = machineKey(options.binary)
  try {
    const remembered = JSON.parse(await readFile(file, 'utf8')) as Remembered
    if (remembered.machine === machine && remembered.acceleration?.kind) return remembered.acceleration
  } catch {
    // not probed on this machine yet
  }
  const acceleration = await bootProbe(options)
  options.log?.(`vm: acceleration ${acceleration.kind}: ${acceleration.reason}`)
  await mkdir(options.cacheDir, { recursive: true })
  await writeFile(file, JSON.stringify({ machine, acceleration } satisfies Remembered) + '\n')
  return acceleration
}

/** Boots the kernel with KVM and waits a few seconds for its first serial line. */
async function bootProbe(options: ProbeOptions): Promise<Acceleration> {
  const dir = await mkdtemp(join(tmpdir(), 'berth-kvm-probe-'))
  const serial = join(dir, 'serial.log')
  const args = [
    '-machine', 'q35', '-accel', 'kvm', '-cpu', 'host', '-m', '256M', '-smp', '1',
    '-nodefaults', '-no-user-config', '-display', 'none', '-no-reboot',
    '-kernel', options.kernel, '-initrd', options.initrd,
    '-append', 'console=ttyS0 earlyprintk=serial panic=-1 berth.probe=1',
    '-chardev', `file,id=s0,path=${serial}`, '-serial', 'chardev:s0'
  ]
  const child = spawn('setpriv', ['--pdeathsig', 'SIGKILL', '--', options.binary, ...args], { stdio: ['ignore', 'ignore', 'pipe'] })
  let stderr = ''
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')))
  const exited = new Promise<void>((resolve) => child.once('close', () => resolve()))
  child.once('error', () => {})
  const started = Date.now()
  let booted = false
  let ended = false
  void exited.then(() => (ended = true))
  while (!ended && Date.now() - started < PROBE_TIMEOUT_MS) {
    await new Promise((r) => setTimeout(r, 100))
    const text = await readFile(serial, 'utf8').catch(() => '')
    if (text.includes('\n')) {
      booted = true
      break
    }
  }
  child.kill('SIGKILL')
  await exited
  await rm(dir, { recursive: true, force: true })
  const seconds = ((Date.now() - started) / 1000).toFixed(1)
  if (booted) return { kind: 'kvm', reason: `KVM works here: a kernel printed its first line in ${seconds} s.` }
  const said = stderr.trim().split('\n').at(-1)?.slice(0, 200)
  const why = ended && said ? `QEMU refused it: "${said}"` : `a kernel printed nothing in ${PROBE_TIMEOUT_MS / 1000} s on it`
  return { kind: 'tcg', reason: `/dev/kvm is there but does not work (${why}): software emulation, which is slower.` }
}
