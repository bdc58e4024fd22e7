/**
 * What handlers may need beyond the engines: where the user's files are (HOME, for
 * ~/.docker/config.json and credential helpers), Berth's own config folder (history, settings),
 * the environment, and a log that never receives secrets.
 */
import type { CredentialStore } from './credentials/store'
import type { EngineRegistry } from './engine/registry'
import type { HostDialogs } from './host-dialogs'
import type { VmManager } from './vm/vm-manager'

export interface CoreServices {
  engines: EngineRegistry
  env: NodeJS.ProcessEnv
  homeDir: string
  configDir: string
  log: (message: string) => void
  /** Registry credentials, read and written the Docker CLI's way. */
  credentials: CredentialStore
  /** Native file dialogs: only the desktop app has them. */
  hostDialogs?: HostDialogs
  /** The Berth VM (its engine is listed by the registry like any other). */
  vm: VmManager
}
