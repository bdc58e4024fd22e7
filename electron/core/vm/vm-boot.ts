/**
 * One boot, read off the guest's serial console: the kernel's first line, the host key the guest
 * announces (pinned at once into the VM's own known_hosts), sshd up, the engine answering inside
 * the guest. Each step is marked with its time since Start; a failure the guest reports, or QEMU
 * ending, ends the wait with the reason in words.
 */
import { writeFile } from 'node:fs/promises'
import type { BootPhase } from '../../../shared/vm-models'
import type { RunningVm, VmExit } from './hypervisor'
import { readGuestMarker } from './serial'

export interface BootWatch {
  /** Resolves when the guest says its engine answers inside it; rejects with the reason otherwise. */
  readonly guestEngineReady: Promise<void>
  stop(): void
}

export function describeExit(exit: VmExit): string {
  const how = exit.signal ? `was ended by ${exit.signal}` : exit.code === 0 || exit.code === null ? 'exited' : `exited with code ${exit.code}`
  const said = exit.detail ? `: ${exit.detail.split('\n').filter(Boolean).at(-1)?.slice(0, 300)}` : ''
  return `QEMU ${how}${said}`
}

export function watchBoot(
  vm: RunningVm,
  options: { knownHostsFile: string; sshPort: number; mark: (phase: BootPhase) => void; log: (message: string) => void }
): BootWatch {
  let sawKernel = false
  let sawHostKey = false
  let settle: { resolve: () => void; reject: (err: Error) => void } | undefined
  const guestEngineReady = new Promise<void>((resolve, reject) => (settle = { resolve, reject }))
  // Nobody may be waiting yet when QEMU fails at once: the rejection is still handled by its reader.
  guestEngineReady.catch(() => {})
  const fail = (why: string) => {
    settle?.reject(new Error(why))
    settle = undefined
  }
  let pinning: Promise<void> = Promise.resolve()
  const off = vm.onSerialLine((line) => {
    if (!sawKernel && line.trim()) {
      sawKernel = true
      options.mark('kernel')
    }
    const marker = readGuestMarker(line)
    if (!marker) return
    if (marker.kind === 'host-key' && !sawHostKey) {
      sawHostKey = true
      // known_hosts names a non-22 port as [host]:port, exactly as `ssh` would look it up.
      pinning = writeFile(options.knownHostsFile, `[127.0.0.1]:${options.sshPort} ${marker.keyType} ${marker.key}\n`, { mode: 0o600 })
    } else if (marker.kind === 'phase' && marker.phase === 'sshd') {
      options.mark('ssh')
    } else if (marker.kind === 'phase' && marker.phase === 'engine') {
      if (!sawHostKey) return fail('the guest did not announce its SSH host key')
      void pinning.then(() => {
        settle?.resolve()
        settle = undefined
      }, (err: Error) => fail(`could not pin the guest's host key: ${err.message}`))
    } else if (marker.kind === 'failed') {
      options.log(`vm: the guest reported: ${marker.reason}`)
      fail(`the guest reported a failure: ${marker.reason}`)
    }
  })
  void vm.exited.then((exit) => fail(`${describeExit(exit)} before the engine was ready`))
  return { guestEngineReady, stop: off }
}

export function withTimeout<T>(promise: Promise<T>, ms: number, why: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined
  const timeout = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(why)), ms)))
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer))
}
