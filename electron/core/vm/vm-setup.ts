/**
 * Which VM backend this platform gets, and where the VM's things live: its own folder under
 * Berth's config dir, the image cache (shared by every VM), the recipe. QEMU on Linux today; on
 * macOS and Windows the VM is listed as not available yet, with the reason (docs/vm.md).
 */
import { join } from 'node:path'
import type { EngineCandidate } from '../engine/discovery'
import type { EngineRegistry } from '../engine/registry'
import { QemuHypervisor } from './qemu'
import { findRecipeDir, vmCacheDir } from './vm-image'
import { VmFiles } from './vm-files'
import { vmCandidate } from './vm-engine'
import { VmManager } from './vm-manager'

export interface VmSetupOptions {
  env: NodeJS.ProcessEnv
  homeDir: string
  configDir: string
  registry: EngineRegistry
  log: (message: string) => void
  platform?: NodeJS.Platform
}

/** The VM's engine when a VM was made earlier (none otherwise). */
export async function existingVmCandidate(configDir: string): Promise<EngineCandidate[]> {
  const files = new VmFiles(join(configDir, 'vm'))
  const config = await files.readConfig()
  return config ? [vmCandidate(files, config.sshPort)] : []
}

export function createVmManager(options: VmSetupOptions): VmManager {
  const platform = options.platform ?? process.platform
  const dir = join(options.configDir, 'vm')
  const cacheDir = vmCacheDir(options.env, options.homeDir)
  const files = new VmFiles(dir)
  const hypervisor =
    platform === 'linux'
      ? new QemuHypervisor({ binary: options.env.BERTH_QEMU || undefined, cacheDir, serialLog: files.serialLog, pidFile: files.pidFile, log: options.log })
      : undefined
  return new VmManager({
    dir,
    cacheDir,
    recipeDir: findRecipeDir(options.env),
    registry: options.registry,
    hypervisor,
    unsupportedReason: `The Berth VM runs on Linux (QEMU) for now; ${platform === 'darwin' ? 'the macOS backend (Virtualization.framework)' : 'the Windows backend (WSL2)'} is planned.`,
    log: options.log
  })
}
