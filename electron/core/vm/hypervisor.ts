/**
 * The seam between the VM manager and a hypervisor. QEMU (qemu.ts) is the backend on Linux;
 * Virtualization.framework (macOS) and WSL2/Hyper-V (Windows) would be new files implementing
 * this interface (docs/vm.md says what each needs), with the manager unchanged.
 */
import type { Acceleration } from '../../../shared/vm-models'

/** Everything a backend needs to boot the guest once. */
export interface VmBootSpec {
  cpus: number
  memoryMiB: number
  /** The guest image (resources/vm recipe output). */
  kernel: string
  initrd: string
  rootImage: string
  /** The persistent data disk (/var/lib/docker lives there). */
  dataDisk: string
  /** Kernel command line: the image's own plus what this VM adds (its SSH key, swap). */
  cmdline: string
  /** The host port (127.0.0.1) that reaches the guest's sshd. */
  sshPort: number
  /** Where the backend keeps its control socket (QMP for QEMU). */
  controlSocket: string
  acceleration: Acceleration['kind']
  /** Leave the hypervisor running if Berth exits (the person chose "keep running"). */
  detached: boolean
}

/** How the hypervisor process ended; `detail` is what it said on the way out (its stderr). */
export interface VmExit {
  code: number | null
  signal: NodeJS.Signals | null
  detail?: string
}

/** A booted guest: its serial console as lines, its exit, and the controls the manager needs. */
export interface RunningVm {
  readonly pid: number
  /** Each line the guest prints on its serial console. */
  onSerialLine(listener: (line: string) => void): () => void
  /** Resolves once the hypervisor process is gone, with how it ended. */
  readonly exited: Promise<VmExit>
  /** The ACPI power button: the guest shuts down cleanly by itself. */
  powerButton(): Promise<void>
  /** Ends the hypervisor now (the guest gets no say). */
  kill(): Promise<void>
  /** Forwards 127.0.0.1:hostPort on this machine to the guest's port; throws the reason in words. */
  forwardPort(protocol: 'tcp' | 'udp', hostPort: number, guestPort: number): Promise<void>
  unforwardPort(protocol: 'tcp' | 'udp', hostPort: number): Promise<void>
}

export interface Hypervisor {
  /** "QEMU 7.2.22" */
  describe(): Promise<string>
  /** Which acceleration really boots a kernel here (probed once per machine, then remembered). */
  acceleration(kernel: string, initrd: string): Promise<Acceleration>
  boot(spec: VmBootSpec): Promise<RunningVm>
  /** A guest left running by a previous Berth ("keep running"): its process, if still alive. */
  adopt(pid: number, controlSocket: string): Promise<RunningVm | undefined>
}
