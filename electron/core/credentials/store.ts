/**
 * Registry credentials, the Docker CLI's way: $DOCKER_CONFIG/config.json (or ~/.docker/config.json)
 * with `credHelpers` (per registry) first, then `credsStore`, then plain base64 `auths`. What
 * Berth reads is what `docker pull` would use, and what Berth saves is where `docker login`
 * would save it, so a login in either one is seen by the other. Secrets stay in the main
 * process: never logged, never sent to the renderer.
 */
import type { CredentialLocation, LoginStatus } from '../../../shared/registries-models'
import { authsOf, dockerConfigPath, readDockerConfig, stringMap, updateDockerConfig, type AuthEntry, type DockerConfig } from './config-file'
import { CredentialHelper, IDENTITY_TOKEN_USERNAME } from './helpers'
import { DOCKER_HUB_CONFIG_KEY, configKeyFor, credHelperKeysFor, isSameRegistry, registryIdOfKey } from './keys'

export { DOCKER_HUB_CONFIG_KEY, configKeysFor } from './keys'
export { dockerConfigDir } from './config-file'

/** What the engine's X-Registry-Auth header and registry clients need. */
export interface RegistryAuth {
  username: string
  password: string
  /** The registry as the user wrote it, e.g. "127.0.0.1:5000" or "https://index.docker.io/v1/". */
  serveraddress: string
  /** An OAuth refresh token a helper or config.json holds instead of a password (the engine's field name). */
  identitytoken?: string
}

export interface CredentialStore {
  /** Credentials for a registry host ("docker.io" for Docker Hub), or undefined when there are none. */
  authFor(registry: string, signal?: AbortSignal): Promise<RegistryAuth | undefined>
}

function decodeEntry(key: string, entry: AuthEntry): RegistryAuth | undefined {
  let username = typeof entry.username === 'string' ? entry.username : ''
  let password = typeof entry.password === 'string' ? entry.password : ''
  if (typeof entry.auth === 'string' && entry.auth !== '') {
    const decoded = Buffer.from(entry.auth, 'base64').toString('utf8')
    const colon = decoded.indexOf(':')
    if (colon > 0) {
      username = decoded.slice(0, colon)
      password = decoded.slice(colon + 1)
    }
  }
  const identitytoken = typeof entry.identitytoken === 'string' && entry.identitytoken !== '' ? entry.identitytoken : undefined
  if (!username && !identitytoken) return undefined
  return identitytoken ? { username, password, serveraddress: key, identitytoken } : { username, password, serveraddress: key }
}

/** The file-store lookup: the exact key first, then any key naming the same host (https://host/, http://host…), as the CLI does. */
function fileEntryFor(config: DockerConfig, registry: string): RegistryAuth | undefined {
  const auths = authsOf(config)
  const key = configKeyFor(registry)
  if (auths[key]) return decodeEntry(key, auths[key])
  const other = Object.keys(auths).find((candidate) => isSameRegistry(candidate, registry))
  return other ? decodeEntry(other, auths[other]) : undefined
}

export class DockerConfigCredentials implements CredentialStore {
  constructor(
    private readonly env: NodeJS.ProcessEnv,
    private readonly homeDir: string
  ) {}

  get configPath(): string {
    return dockerConfigPath(this.env, this.homeDir)
  }

  async authFor(registry: string, signal?: AbortSignal): Promise<RegistryAuth | undefined> {
    const config = await readDockerConfig(this.configPath)
    const helper = this.helperFor(config, registry)
    if (!helper) return fileEntryFor(config, registry)
    const key = configKeyFor(registry)
    const stored = await helper.get(key, signal)
    if (!stored) return undefined
    if (stored.username === IDENTITY_TOKEN_USERNAME) return { username: '', password: '', serveraddress: key, identitytoken: stored.secret }
    return { username: stored.username, password: stored.secret, serveraddress: key }
  }

  /** Who is logged in to `registry` and where the secret lives; a failing helper is a `problem`, not a throw. */
  async status(registry: string, signal?: AbortSignal): Promise<LoginStatus> {
    let storedIn: CredentialLocation = { kind: 'file', path: this.configPath }
    try {
      const config = await readDockerConfig(this.configPath)
      storedIn = this.locationFor(config, registry)
      const auth = await this.authFor(registry, signal)
      const username = auth ? auth.username || (auth.identitytoken ? 'a token' : null) : null
      return { registry, username, storedIn, problem: null }
    } catch (err) {
      if ((err as Error).name === 'AbortError') throw err
      return { registry, username: null, storedIn, problem: (err as Error).message }
    }
  }

  /** Saves credentials the registry has already accepted, where `docker login` would. */
  async save(registry: string, username: string, secret: string, signal?: AbortSignal): Promise<void> {
    const config = await readDockerConfig(this.configPath)
    const helper = this.helperFor(config, registry)
    const key = configKeyFor(registry)
    if (helper) await helper.store(key, { username, secret }, signal)
    await updateDockerConfig(this.configPath, (latest) => {
      const auths = { ...authsOf(latest) }
      // With a helper the CLI still records the registry in `auths`, without any secret.
      auths[key] = helper ? {} : { auth: Buffer.from(`${username}:${secret}`, 'utf8').toString('base64') }
      latest.auths = auths
    })
  }

  /** Logs out the way `docker logout` does: the helper forgets it, and config.json's entries for that host go. */
  async erase(registry: string, signal?: AbortSignal): Promise<void> {
    const config = await readDockerConfig(this.configPath)
    const helper = this.helperFor(config, registry)
    if (helper) {
      const key = configKeyFor(registry)
      const keys = key === DOCKER_HUB_CONFIG_KEY ? [key] : [key, `http://${key}`, `https://${key}`]
      for (const serverUrl of keys) await helper.erase(serverUrl, signal)
    }
    await updateDockerConfig(this.configPath, (latest) => {
      const auths = authsOf(latest)
      const doomed = Object.keys(auths).filter((candidate) => isSameRegistry(candidate, registry))
      if (doomed.length === 0) return false
      latest.auths = Object.fromEntries(Object.entries(auths).filter(([candidate]) => !doomed.includes(candidate)))
    })
  }

  /** Registries config.json knows (CLI logins, per-registry helpers, what the default helper holds), as registry ids. */
  async knownRegistries(signal?: AbortSignal): Promise<string[]> {
    const config = await readDockerConfig(this.configPath)
    const keys = [...Object.keys(authsOf(config)), ...Object.keys(stringMap(config.credHelpers))]
    const storeName = typeof config.credsStore === 'string' && config.credsStore !== '' ? config.credsStore : null
    if (storeName) {
      try {
        keys.push(...Object.keys(await new CredentialHelper(storeName, this.env).list(signal)))
      } catch {
        // A missing or failing helper shows on each registry's login state; the list still works.
      }
    }
    const ids = keys.map((key) => registryIdOfKey(key)).filter((id): id is string => id !== null)
    return [...new Set(ids)]
  }

  locationFor(config: DockerConfig, registry: string): CredentialLocation {
    const helper = this.helperName(config, registry)
    return helper ? { kind: 'helper', helper, path: this.configPath } : { kind: 'file', path: this.configPath }
  }

  private helperName(config: DockerConfig, registry: string): string | null {
    const perRegistry = stringMap(config.credHelpers)
    for (const key of credHelperKeysFor(registry)) if (perRegistry[key]) return perRegistry[key]
    return typeof config.credsStore === 'string' && config.credsStore !== '' ? config.credsStore : null
  }

  private helperFor(config: DockerConfig, registry: string): CredentialHelper | null {
    const name = this.helperName(config, registry)
    return name ? new CredentialHelper(name, this.env) : null
  }
}
