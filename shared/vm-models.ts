/**
 * The Berth VM: a Linux guest Berth builds, boots and manages, whose Docker engine is one more
 * engine on the Engines page. What the renderer sees of it (state, boot phases with times,
 * acceleration and why, resources with the host's ranges, forwarded ports), and the resources
 * form, checked here with the same words in the renderer and at the RPC boundary.
 */
import { z } from 'zod'

/** The one VM Berth manages (like Docker Desktop's); its engine's id on the Engines page. */
export const VM_ENGINE_ID = 'vm:berth'

export const VmState = z.enum(['absent', 'building', 'stopped', 'starting', 'running', 'stopping'])
export type VmState = z.infer<typeof VmState>

/** Boot phases in order: QEMU started, the kernel's first serial line, sshd up, engine answering. */
export const BOOT_PHASES = ['starting', 'kernel', 'ssh', 'engine'] as const
export const BootPhase = z.enum(BOOT_PHASES)
export type BootPhase = z.infer<typeof BootPhase>

export const BOOT_PHASE_LABELS: Record<BootPhase, string> = {
  starting: 'Starting QEMU',
  kernel: 'Kernel booting',
  ssh: 'SSH ready',
  engine: 'Engine ready'
}

/** A phase reached, in ms since Start was pressed. */
export const PhaseMark = z.object({ phase: BootPhase, atMs: z.number() })
export type PhaseMark = z.infer<typeof PhaseMark>

export const VmResources = z.object({
  cpus: z.number().int(),
  memoryMiB: z.number().int(),
  diskGiB: z.number().int(),
  swapMiB: z.number().int()
})
export type VmResources = z.infer<typeof VmResources>

/** The sliders' ranges, from this host: CPUs 1…cores, memory 1 GiB…host minus a margin, disk grow-only. */
export const VmLimits = z.object({
  maxCpus: z.number().int(),
  minMemoryMiB: z.number().int(),
  maxMemoryMiB: z.number().int(),
  /** The disk only grows: its current size (or the default before it exists). */
  minDiskGiB: z.number().int(),
  maxDiskGiB: z.number().int()
})
export type VmLimits = z.infer<typeof VmLimits>

export const Acceleration = z.object({
  kind: z.enum(['kvm', 'tcg']),
  /** In words, for the UI: why this one (e.g. "KVM's device is there but a kernel did not boot on it"). */
  reason: z.string()
})
export type Acceleration = z.infer<typeof Acceleration>

export const ForwardedPort = z.object({
  port: z.number().int(),
  protocol: z.enum(['tcp', 'udp']),
  /** The container that published it (name). */
  container: z.string(),
  /** Set when the host's port could not be taken, in words. */
  problem: z.string().optional()
})
export type ForwardedPort = z.infer<typeof ForwardedPort>

export const VmOptions = z.object({
  /** Start the VM when Berth starts. */
  startWithBerth: z.boolean(),
  /** Leave the VM running when Berth quits (otherwise Berth stops it, and never leaves QEMU behind). */
  keepRunning: z.boolean()
})
export type VmOptions = z.infer<typeof VmOptions>

/** Building the guest image (first create, or after an upgrade): phase lines from the recipe. */
export const VmBuildProgress = z.object({ step: z.string(), elapsedMs: z.number(), done: z.number(), total: z.number() })
export type VmBuildProgress = z.infer<typeof VmBuildProgress>

export const VmStatus = z.object({
  state: VmState,
  /** False where Berth has no hypervisor backend yet; `unsupportedReason` says so. */
  supported: z.boolean(),
  unsupportedReason: z.string().optional(),
  engineId: z.string(),
  resources: VmResources,
  /** Resources saved but not applied yet (they apply at the next start). */
  pendingResources: VmResources.optional(),
  limits: VmLimits,
  options: VmOptions,
  acceleration: Acceleration.optional(),
  /** This boot's phases so far (the last one is where it is). */
  phases: z.array(PhaseMark),
  build: VmBuildProgress.optional(),
  ports: z.array(ForwardedPort),
  /** What went wrong last, or why it stopped when nobody asked (in words). */
  problem: z.string().optional(),
  /** QEMU's process id while it runs. */
  pid: z.number().int().optional(),
  /** The image booted: its recipe key and size on disk. */
  image: z.object({ key: z.string(), bytes: z.number(), kernelVersion: z.string() }).optional()
})
export type VmStatus = z.infer<typeof VmStatus>

/** The resources form as typed (text fields), checked before anything is sent. */
export interface VmResourcesForm {
  cpus: string
  memoryMiB: string
  diskGiB: string
  swapMiB: string
}
export type VmResourcesField = keyof VmResourcesForm
export type VmResourcesProblems = Partial<Record<VmResourcesField, string>>

function wholeNumberProblem(text: string, what: string): string | undefined {
  if (!text.trim()) return `Enter the ${what}.`
  if (!/^\d+$/.test(text.trim())) return `The ${what} is a whole number.`
  return undefined
}

/** Every problem of the form against this host's ranges; empty when it may be applied. */
export function vmResourcesProblems(form: VmResourcesForm, limits: VmLimits): VmResourcesProblems {
  const problems: VmResourcesProblems = {}
  const cpus = wholeNumberProblem(form.cpus, 'number of CPUs')
  const memory = wholeNumberProblem(form.memoryMiB, 'memory')
  const disk = wholeNumberProblem(form.diskGiB, 'disk size')
  const swap = wholeNumberProblem(form.swapMiB, 'swap size')
  if (cpus) problems.cpus = cpus
  else if (Number(form.cpus) < 1 || Number(form.cpus) > limits.maxCpus) problems.cpus = `Between 1 and ${limits.maxCpus} CPUs (this machine has ${limits.maxCpus}).`
  if (memory) problems.memoryMiB = memory
  else if (Number(form.memoryMiB) < limits.minMemoryMiB || Number(form.memoryMiB) > limits.maxMemoryMiB) {
    problems.memoryMiB = `Between ${limits.minMemoryMiB} and ${limits.maxMemoryMiB} MiB (what this machine can spare).`
  }
  if (disk) problems.diskGiB = disk
  else if (Number(form.diskGiB) < limits.minDiskGiB) problems.diskGiB = `The disk only grows: at least ${limits.minDiskGiB} GiB (its size now).`
  else if (Number(form.diskGiB) > limits.maxDiskGiB) problems.diskGiB = `At most ${limits.maxDiskGiB} GiB.`
  if (swap) problems.swapMiB = swap
  else if (!memory && Number(form.swapMiB) > Number(form.memoryMiB)) problems.swapMiB = 'Swap is at most the memory size.'
  return problems
}

/** The resources as the core takes them; the same ranges are checked again there against the host. */
export const VmResourcesInput = z
  .object({
    cpus: z.number().int().min(1, 'At least 1 CPU.').max(512),
    memoryMiB: z.number().int().min(1024, 'At least 1024 MiB of memory.').max(16 * 1024 * 1024),
    diskGiB: z.number().int().min(4, 'At least 4 GiB of disk.').max(64 * 1024),
    swapMiB: z.number().int().min(0).max(16 * 1024 * 1024)
  })
  .strict()
  .refine((r) => r.swapMiB <= r.memoryMiB, { message: 'Swap is at most the memory size.', path: ['swapMiB'] })
export type VmResourcesInput = z.infer<typeof VmResourcesInput>

/** One line of the guest's serial console. */
export const SerialLine = z.object({ text: z.string(), atMs: z.number() })
export const SerialLogEvent = z.object({ lines: z.array(z.string()), truncated: z.boolean().optional() })
export type SerialLogEvent = z.infer<typeof SerialLogEvent>
