/**
 * The core: settings + engine registry + handler table, wired together. Both the Electron main
 * process and browser mode (serve.ts) create exactly one, and tests create their own with a temp
 * config dir and DOCKER_HOST pointing at the test engine. Plain Node only.
 */
import { homedir } from 'node:os'
import { join } from 'node:path'
import type { HandlerTable } from './rpc/handlers'
import { discoverEngines } from './engine/discovery'
import { EngineRegistry } from './engine/registry'
import { createHandlerTable } from './handlers'
import { DockerConfigCredentials } from './credentials/store'
import type { HostDialogs } from './host-dialogs'
import { transfersFor } from './handlers/transfers'
import { httpTransfersFor } from './transfers'
import { SettingsStore, defaultConfigDir } from './settings'
import { prefetchGuardFor } from './prefetch-guard'
import type { PrefetchGuard } from './rpc/prefetch'
import { createVmManager, existingVmCandidate } from './vm/vm-setup'

export interface CoreOptions {
  env?: NodeJS.ProcessEnv
  configDir?: string
  homeDir?: string
  log?: (msg: string) => void
  /** The desktop app's native file dialogs (browser mode has none). */
  hostDialogs?: HostDialogs
}

export interface Core {
  handlers: HandlerTable
  engines: EngineRegistry
  /** Decides whether a list read started before the client asked may answer its call. */
  prefetchGuard: () => PrefetchGuard
  /** Stops health checks and reconnects, closes engine sockets and SSH connections. */
  close(): Promise<void>
}

/**
 * Resolves quickly whatever the engines' state: discovery only looks at env and files, and the
 * registry connects in the background (engines say `connecting`, then `connected` or `unavailable`).
 */
export async function createCore(options: CoreOptions = {}): Promise<Core> {
  const env = options.env ?? process.env
  const homeDir = options.homeDir ?? homedir()
  const log = options.log ?? (() => {})
  const configDir = options.configDir ?? env.BERTH_CONFIG_DIR ?? defaultConfigDir(env, homeDir)

  const settings = await SettingsStore.load(configDir, log)
  // The Berth VM made earlier is a candidate from the start, so a remembered choice of it holds.
  const candidates = [...discoverEngines({ env, homeDir }), ...(await existingVmCandidate(configDir))]
  const engines = new EngineRegistry({ candidates, settings, env, homeDir, log, cacheDir: join(configDir, 'cache') })
  engines.start()

  const vm = createVmManager({ env, homeDir, configDir, registry: engines, log })
  // Lists the VM made earlier (and adopts one kept running); never holds up the start.
  const vmReady = vm.init().catch((err: Error) => log(`vm: ${err.message}`))

  const credentials = new DockerConfigCredentials(env, homeDir)
  const handlers = createHandlerTable({ engines, env, homeDir, configDir, log, credentials, hostDialogs: options.hostDialogs, vm })
  return {
    handlers,
    engines,
    prefetchGuard: prefetchGuardFor(engines),
    async close() {
      await vmReady
      // Before the engines: a VM that stops with Berth powers off while its SSH still works.
      await vm.shutdown().catch((err: Error) => log(`vm: ${err.message}`))
      await engines.close()
      // Uploads still open (a window closed mid-upload) leave no temp files behind.
      await transfersFor(engines).uploads.close()
      httpTransfersFor(engines).close()
      await settings.flush()
    }
  }
}
