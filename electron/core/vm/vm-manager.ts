/**
 * The Berth VM's lifecycle: create (image, key, data disk), start (boot phases with times, the
 * engine listed and connected over SSH with a pinned host key), stop (ACPI power button, then
 * hard after a timeout), restart, delete, resources and options, and published ports forwarded
 * to this machine. QEMU ending behind Berth's back (killed, crashed) is noticed at once and said
 * on the status; Start works again. Plain Node: the hypervisor is behind hypervisor.ts.
 */
import { rm, stat } from 'node:fs/promises'
import { RpcError } from '../../../shared/errors'
import { VM_ENGINE_ID, type ForwardedPort, type PhaseMark, type VmOptions, type VmResources, type VmStatus } from '../../../shared/vm-models'
import type { EngineRegistry } from '../engine/registry'
import type { Hypervisor, RunningVm } from './hypervisor'
import { guestCmdline } from './qemu-args'
import { describeExit, watchBoot, withTimeout } from './vm-boot'
import { growDataDisk } from './vm-disk'
import { vmCandidate } from './vm-engine'
import { VmFiles, type VmConfig } from './vm-files'
import { ensureImage, type GuestImage } from './vm-image'
import { ensureVmKey } from './vm-keys'
import { checkResources, defaultResources, hostLimits } from './vm-limits'
import { freePort, portIsFree } from './vm-net'
import { VmPorts } from './vm-ports'

const GiB = 1024 * 1024 * 1024
const READY_TIMEOUT_MS = { kvm: 90_000, tcg: 240_000 }
const POWER_BUTTON_WAIT_MS = 30_000
const POWER_BUTTON_REPEAT_MS = 4_000
const QUIT_POWER_BUTTON_WAIT_MS = 10_000
const DEFAULT_OPTIONS: VmOptions = { startWithBerth: false, keepRunning: false }

export interface VmManagerOptions {
  dir: string
  cacheDir: string
  recipeDir: string | undefined
  registry: EngineRegistry
  /** Undefined where Berth has no backend for this platform yet. */
  hypervisor: Hypervisor | undefined
  unsupportedReason?: string
  log: (message: string) => void
}


export class VmManager {
  readonly files: VmFiles
  private config?: VmConfig
  private state: VmStatus['state'] = 'absent'
  private phases: PhaseMark[] = []
  private build?: VmStatus['build']
  private problem?: string
  private image?: GuestImage
  private acceleration?: VmStatus['acceleration']
  private current?: { vm: RunningVm; ports: VmPorts; stopping: boolean; detached: boolean }
  /** The boot in progress (image build included): Stop aborts it. */
  private booting?: AbortController
  private limits?: VmStatus['limits']
  private ports: ForwardedPort[] = []
  private readonly listeners = new Set<(status: VmStatus) => void>()
  private queue: Promise<unknown> = Promise.resolve()

  constructor(private readonly options: VmManagerOptions) {
    this.files = new VmFiles(options.dir)
  }

  /** At Berth's start: the VM made earlier is listed, one kept running is adopted, and it starts if asked. */
  async init(): Promise<void> {
    this.config = await this.files.readConfig()
    await this.refreshLimits()
    if (!this.config) return this.emit()
    this.state = 'stopped'
    if (!this.options.registry.has(VM_ENGINE_ID)) await this.options.registry.replaceCandidate(vmCandidate(this.files, this.config.sshPort))
    const record = await this.files.readRun()
    const adopted = record && (await this.options.hypervisor?.adopt(record.pid, this.files.controlSocket))
    if (adopted) {
      this.options.log(`vm: adopted the VM left running (pid ${adopted.pid})`)
      this.attach(adopted, true, true)
      this.state = 'running'
    } else if (this.config.options.startWithBerth && this.options.hypervisor) {
      void this.start().catch((err: Error) => this.options.log(`vm: start with Berth failed: ${err.message}`))
    }
    this.emit()
  }

  status(): VmStatus {
    const config = this.config
    const limits = this.limits ?? { maxCpus: 1, minMemoryMiB: 1024, maxMemoryMiB: 1024, minDiskGiB: 8, maxDiskGiB: 8 }
    return {
      state: this.state,
      supported: this.options.hypervisor !== undefined && this.options.recipeDir !== undefined,
      unsupportedReason: this.options.hypervisor ? (this.options.recipeDir ? undefined : 'Berth cannot find its VM recipe (resources/vm).') : this.options.unsupportedReason,
      engineId: VM_ENGINE_ID,
      resources: config?.resources ?? defaultResources(limits),
      pendingResources: config?.pendingResources,
      limits,
      options: config?.options ?? DEFAULT_OPTIONS,
      acceleration: this.acceleration,
      phases: this.phases,
      build: this.build,
      ports: this.ports,
      problem: this.problem,
      pid: this.current?.vm.pid,
      image: this.image ? { key: this.image.manifest.key, bytes: this.image.manifest.sizes.rootImageBytes, kernelVersion: this.image.manifest.kernelVersion } : undefined
    }
  }

  onStatus(listener: (status: VmStatus) => void): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  create(resources: VmResources, start: boolean): Promise<VmStatus> {
    return this.serially(async () => {
      if (this.config) throw new RpcError('CONFLICT', 'The Berth VM already exists: start it, or delete it first.')
      this.mustBeSupported()
      await this.refreshLimits()
      checkResources(resources, this.limits as VmStatus['limits'])
      await ensureVmKey(this.files.privateKey)
      this.config = { resources, options: DEFAULT_OPTIONS, sshPort: await freePort() }
      await this.files.writeConfig(this.config)
      await growDataDisk(this.files.dataDisk, resources.diskGiB)
      this.state = 'stopped'
      this.problem = undefined
      await this.options.registry.replaceCandidate(vmCandidate(this.files, this.config.sshPort))
      this.emit()
      if (start) await this.boot()
      return this.status()
    })
  }

  start(): Promise<VmStatus> {
    return this.serially(async () => {
      await this.boot()
      return this.status()
    })
  }

  /** Graceful (power button, then hard after a timeout), or hard at once with `force`. */
  stop(force = false, graceMs = POWER_BUTTON_WAIT_MS): Promise<VmStatus> {
    // A guest still booting has no one listening to the power button yet: end it now.
    const midBoot = this.booting !== undefined
    this.booting?.abort()
    if (midBoot) force = true
    const running = this.current
    if (!running) return Promise.resolve(this.status())
    running.stopping = true
    this.state = 'stopping'
    this.emit()
    return (async () => {
      if (!force) {
        // Pressed again every few seconds: a guest that just came up may not listen to it yet
        // (its ACPI daemon starts after the engine), and a press it already heard changes nothing.
        const press = () => void running.vm.powerButton().catch((err: Error) => this.options.log(`vm: power button: ${err.message}`))
        press()
        const again = setInterval(press, POWER_BUTTON_REPEAT_MS)
        const ended = await Promise.race([running.vm.exited.then(() => true), new Promise<boolean>((r) => setTimeout(() => r(false), graceMs))])
        clearInterval(again)
        if (!ended) this.options.log(`vm: the guest did not power off within ${graceMs / 1000} s: ending QEMU`)
      }
      await running.vm.kill()
      await running.vm.exited
      return this.status()
    })()
  }

  restart(): Promise<VmStatus> {
    return this.serially(async () => {
      await this.stop()
      await this.boot()
      return this.status()
    })
  }

  delete(): Promise<void> {
    return this.serially(async () => {
      if (!this.config) return
      if (this.options.registry.activeSummary().id === VM_ENGINE_ID) {
        throw new RpcError('CONFLICT', 'The Berth VM is the engine in use: switch to another engine first, then delete it.')
      }
      await this.stop(true)
      await this.options.registry.remove(VM_ENGINE_ID).catch(() => {})
      await rm(this.files.dir, { recursive: true, force: true })
      this.config = undefined
      this.state = 'absent'
      this.phases = []
      this.problem = undefined
      await this.refreshLimits()
      this.emit()
    })
  }

  /** New resources: applied now when stopped, at the next start when running (or now with `restart`). */
  setResources(resources: VmResources, restart: boolean): Promise<VmStatus> {
    return this.serially(async () => {
      const config = this.mustExist()
      await this.refreshLimits()
      checkResources(resources, this.limits as VmStatus['limits'])
      if (this.current) {
        this.config = { ...config, pendingResources: resources }
        await this.files.writeConfig(this.config)
        this.emit()
        if (!restart) return this.status()
        await this.stop()
      }
      await this.applyPending(resources)
      if (restart) await this.boot()
      return this.status()
    })
  }

  async setOptions(patch: Partial<VmOptions>): Promise<VmStatus> {
    const config = this.mustExist()
    this.config = { ...config, options: { ...config.options, ...patch } }
    await this.files.writeConfig(this.config)
    this.emit()
    return this.status()
  }

  /** Berth is quitting: the VM stops with it unless it was started to keep running. */
  async shutdown(): Promise<void> {
    const running = this.current
    if (!running) return
    if (running.detached) {
      running.ports.stop()
      this.options.log(`vm: left running (pid ${running.vm.pid}), as chosen`)
      return
    }
    await this.stop(false, QUIT_POWER_BUTTON_WAIT_MS)
  }

  private async boot(): Promise<void> {
    const config = this.mustExist()
    this.mustBeSupported()
    if (this.current) return
    const hypervisor = this.options.hypervisor as Hypervisor
    this.problem = undefined
    this.phases = []
    const booting = new AbortController()
    this.booting = booting
    try {
      if (config.pendingResources) await this.applyPending(config.pendingResources)
      this.state = 'building'
      this.emit()
      this.image = await ensureImage(this.options.recipeDir as string, this.options.cacheDir, (build) => {
        this.build = build
        this.emit()
      }, booting.signal, this.options.log)
      booting.signal.throwIfAborted()
      this.build = undefined
      this.state = 'starting'
      this.emit()
      this.acceleration = await hypervisor.acceleration(this.image.kernel, this.image.initrd)
      booting.signal.throwIfAborted()
      const sshPort = await this.sshPortFor()
      const publicKey = await ensureVmKey(this.files.privateKey)
      const resources = (this.config as VmConfig).resources
      const detached = (this.config as VmConfig).options.keepRunning
      await growDataDisk(this.files.dataDisk, resources.diskGiB)
      await rm(this.files.knownHosts, { force: true })
      // Boot phases are timed from QEMU's launch: the image build before it has its own progress.
      const startedAt = Date.now()
      this.mark('starting', startedAt)
      const vm = await hypervisor.boot({
        cpus: resources.cpus,
        memoryMiB: resources.memoryMiB,
        kernel: this.image.kernel,
        initrd: this.image.initrd,
        rootImage: this.image.rootImage,
        dataDisk: this.files.dataDisk,
        cmdline: guestCmdline(this.image.manifest.cmdline, publicKey, resources.swapMiB),
        sshPort,
        controlSocket: this.files.controlSocket,
        acceleration: this.acceleration.kind,
        detached
      })
      const watch = watchBoot(vm, { knownHostsFile: this.files.knownHosts, sshPort, mark: (phase) => this.mark(phase, startedAt), log: this.options.log })
      const running = this.attach(vm, detached)
      await this.files.writeRun({ pid: vm.pid, sshPort, startedAt })
      const timeout = READY_TIMEOUT_MS[this.acceleration.kind]
      try {
        await withTimeout(watch.guestEngineReady, timeout, `the engine was not ready after ${timeout / 1000} s (see the serial log)`)
        await this.engineConnected(timeout - (Date.now() - startedAt))
      } finally {
        watch.stop()
      }
      this.booting = undefined
      running.ports.start()
      this.mark('engine', startedAt)
      this.state = 'running'
      this.options.log(`vm: engine ready in ${((Date.now() - startedAt) / 1000).toFixed(1)} s (${this.acceleration.kind})`)
      this.emit()
    } catch (err) {
      this.build = undefined
      this.booting = undefined
      if (booting.signal.aborted) {
        // Stopped by the person while it booted: not a failure.
        if (this.current) await this.stop(true)
        this.state = this.config ? 'stopped' : 'absent'
        this.emit()
        throw new RpcError('CANCELLED', 'The VM was stopped while it started.')
      }
      const why = err instanceof Error ? err.message : String(err)
      this.problem = `The VM did not start: ${why}.`
      this.options.log(`vm: ${this.problem}`)
      if (this.current) await this.stop(true)
      this.state = this.config ? 'stopped' : 'absent'
      this.emit()
      throw err instanceof RpcError ? err : new RpcError('ENGINE_UNAVAILABLE', this.problem)
    }
  }

  /** Follows a booted VM: its ports, and its end (asked for, or behind Berth's back). */
  private attach(vm: RunningVm, detached: boolean, adopted = false): { ports: VmPorts } {
    const registry = this.options.registry
    const ports = new VmPorts(vm, () => (registry.get(VM_ENGINE_ID).state === 'connected' ? registry.connectionOf(VM_ENGINE_ID)?.client : undefined), (list) => {
      this.ports = list
      this.emit()
    }, this.options.log)
    const running = { vm, ports, stopping: false, detached }
    this.current = running
    // An adopted VM is up already; a booting one starts following ports once its engine answers.
    if (adopted) ports.start()
    void vm.exited.then(async (exit) => {
      ports.stop()
      if (this.current !== running) return
      this.current = undefined
      this.ports = []
      if (!running.stopping) {
        this.problem = `The VM stopped unexpectedly: ${describeExit(exit)}. Start it again; its containers and images are kept.`
        this.options.log(`vm: ${this.problem}`)
      }
      this.state = this.config ? 'stopped' : 'absent'
      await this.files.writeRun(undefined)
      this.emit()
      // The engine is gone too: say so now rather than at the next health check.
      void this.options.registry.connectNow(VM_ENGINE_ID).catch(() => {})
    })
    return running
  }

  /** The engine listed and connected over SSH (the registry's own connection, the one everything uses). */
  private async engineConnected(budgetMs: number): Promise<void> {
    const deadline = Date.now() + Math.max(budgetMs, 5000)
    for (;;) {
      const summary = await this.options.registry.connectNow(VM_ENGINE_ID)
      if (summary.state === 'connected') return
      if (!this.current) throw new Error('QEMU ended before the engine was reachable')
      if (Date.now() > deadline) throw new Error(`Berth could not reach the engine over SSH: ${summary.error ?? 'no answer'}`)
      await new Promise((resolve) => setTimeout(resolve, 250))
    }
  }

  private async sshPortFor(): Promise<number> {
    const config = this.config as VmConfig
    if (await portIsFree(config.sshPort)) return config.sshPort
    const sshPort = await freePort()
    this.options.log(`vm: port ${config.sshPort} is taken here: SSH to the VM moves to ${sshPort}`)
    this.config = { ...config, sshPort }
    await this.files.writeConfig(this.config)
    await this.options.registry.replaceCandidate(vmCandidate(this.files, sshPort))
    return sshPort
  }

  private async applyPending(resources: VmResources): Promise<void> {
    const config = this.mustExist()
    this.config = { ...config, resources, pendingResources: undefined }
    await this.files.writeConfig(this.config)
    await growDataDisk(this.files.dataDisk, resources.diskGiB)
    await this.refreshLimits()
    this.emit()
  }



  private async refreshLimits(): Promise<void> {
    const size = await stat(this.files.dataDisk).then((s) => Math.round(s.size / GiB), () => undefined)
    this.limits = await hostLimits(this.files.dir, size)
  }

  private mark(phase: PhaseMark['phase'], startedAt: number): void {
    if (this.phases.some((p) => p.phase === phase)) return
    this.phases = [...this.phases, { phase, atMs: Date.now() - startedAt }]
    this.emit()
  }

  private mustExist(): VmConfig {
    if (!this.config) throw new RpcError('NOT_FOUND', 'There is no Berth VM yet: create it on the Engines page.')
    return this.config
  }

  private mustBeSupported(): void {
    const status = this.status()
    if (!status.supported) throw new RpcError('UNSUPPORTED', status.unsupportedReason ?? 'The Berth VM is not available here.')
  }

  private serially<T>(work: () => Promise<T>): Promise<T> {
    const next = this.queue.then(work, work)
    this.queue = next.catch(() => {})
    return next
  }

  private emit(): void {
    const status = this.status()
    for (const listener of this.listeners) listener(status)
  }
}
