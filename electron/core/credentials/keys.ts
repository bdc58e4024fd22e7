/**
 * How config.json names registries. The CLI keys Docker Hub as "https://index.docker.io/v1/" and
 * every other registry by host[:port]; older files (and other tools) may have written
 * "https://host/", "http://host" or "host/v2/", which the CLI still matches by host name.
 */
import { DOCKER_HUB_ID, isDockerHub } from '../../../shared/registries-models'

/** Docker Hub's key in config.json, as the CLI writes it. */
export const DOCKER_HUB_CONFIG_KEY = 'https://index.docker.io/v1/'

/** The key `docker login REGISTRY` writes for a registry id ("docker.io" or host[:port]). */
export function configKeyFor(registry: string): string {
  return isDockerHub(registry) ? DOCKER_HUB_CONFIG_KEY : registry
}

/** The keys config.json may use for one registry (the CLI writes Hub with its v1 URL). */
export function configKeysFor(registry: string): string[] {
  if (isDockerHub(registry)) return [DOCKER_HUB_CONFIG_KEY, 'docker.io', 'index.docker.io', 'registry-1.docker.io']
  return [registry, `https://${registry}`, `http://${registry}`]
}

/** Keys a person may have used in credHelpers for a registry (the CLI looks up the server address). */
export function credHelperKeysFor(registry: string): string[] {
  return configKeysFor(registry)
}

/** The CLI's ConvertToHostname: drop the scheme, then everything from the first "/". */
export function hostnameOfKey(key: string): string {
  return key.replace(/^https?:\/\//i, '').split('/')[0].toLowerCase()
}

/** The registry id a config.json key stands for ("docker.io" for any spelling of Hub); null for junk. */
export function registryIdOfKey(key: string): string | null {
  const host = hostnameOfKey(key)
  if (host === '') return null
  return isDockerHub(host) ? DOCKER_HUB_ID : host
}

export function isSameRegistry(key: string, registry: string): boolean {
  const id = registryIdOfKey(key)
  return id !== null && id === (isDockerHub(registry) ? DOCKER_HUB_ID : registry)
}
