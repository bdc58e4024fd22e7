/**
 * Registry credentials, the Docker CLI's way: ~/.docker/config.json (or $DOCKER_CONFIG) `auths`,
 * `credsStore` and `credHelpers`. This first version reads only plain `auths` entries; the
 * registries area extends it (credential helpers, log in / log out, validation against the
 * registry). Secrets stay in the main process: never logged, never sent to the renderer.
 */
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'

/** What the engine's X-Registry-Auth header and registry clients need. */
export interface RegistryAuth {
  username: string
  password: string
  /** The registry as the user wrote it, e.g. "127.0.0.1:5000" or "https://index.docker.io/v1/". */
  serveraddress: string
}

export interface CredentialStore {
  /** Credentials for a registry host ("docker.io" for Docker Hub), or undefined when there are none. */
  authFor(registry: string, signal?: AbortSignal): Promise<RegistryAuth | undefined>
}

/** Docker Hub's key in config.json, as the CLI writes it. */
export const DOCKER_HUB_CONFIG_KEY = 'https://index.docker.io/v1/'

export function dockerConfigDir(env: NodeJS.ProcessEnv, homeDir: string): string {
  return env.DOCKER_CONFIG ?? join(homeDir, '.docker')
}

/** The keys config.json may use for one registry (the CLI writes Hub with its v1 URL). */
export function configKeysFor(registry: string): string[] {
  if (registry === 'docker.io' || registry === 'index.docker.io' || registry === 'registry-1.docker.io') {
    return [DOCKER_HUB_CONFIG_KEY, 'docker.io', 'index.docker.io', 'registry-1.docker.io']
  }
  return [registry, `https://${registry}`, `http://${registry}`]
}

interface ConfigFile {
  auths?: Record<string, { auth?: string; username?: string; password?: string }>
}

export class DockerConfigCredentials implements CredentialStore {
  constructor(
    private readonly env: NodeJS.ProcessEnv,
    private readonly homeDir: string
  ) {}

  async authFor(registry: string): Promise<RegistryAuth | undefined> {
    let config: ConfigFile
    try {
      config = JSON.parse(await readFile(join(dockerConfigDir(this.env, this.homeDir), 'config.json'), 'utf8')) as ConfigFile
    } catch {
      return undefined // no config (or unreadable): anonymous
    }
    for (const key of configKeysFor(registry)) {
      const entry = config.auths?.[key]
      if (!entry) continue
      if (entry.auth) {
        const decoded = Buffer.from(entry.auth, 'base64').toString('utf8')
        const colon = decoded.indexOf(':')
        if (colon > 0) return { username: decoded.slice(0, colon), password: decoded.slice(colon + 1), serveraddress: key }
      }
      if (entry.username && entry.password) return { username: entry.username, password: entry.password, serveraddress: key }
    }
    return undefined
  }
}
