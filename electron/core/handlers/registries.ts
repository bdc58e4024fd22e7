/**
 * registries.*: thin adapters over RegistriesService (electron/core/registries). Input arrives
 * already checked against shared/methods/registries.ts; passwords go from here straight to the
 * registry check and the credential store, and only "logged in as USER" comes back.
 */
import type { registryMethods } from '../../../shared/methods/registries'
import { DockerConfigCredentials } from '../credentials/store'
import { searchDockerHub } from '../registries/hub'
import { RegistriesService } from '../registries/service'
import type { PartialHandlers } from '../rpc/handlers'
import type { CoreServices } from '../services'

export function registryHandlers(services: CoreServices): PartialHandlers<keyof typeof registryMethods> {
  // The same store pull and push read (services.credentials), so a login here is seen there at once.
  const credentials = services.credentials instanceof DockerConfigCredentials ? services.credentials : new DockerConfigCredentials(services.env, services.homeDir)
  const registries = new RegistriesService(credentials, services.configDir, services.log)
  return {
    'registries.list': (_input, signal) => registries.list(signal),
    'registries.add': ({ address }, signal) => registries.add(address, signal),
    'registries.remove': async ({ registry }) => {
      await registries.remove(registry)
      return { ok: true }
    },
    'registries.status': ({ registry }, signal) => registries.status(registry, signal),
    'registries.login': ({ registry, username, password }, signal) => registries.login(registry, username, password, signal),
    'registries.logout': ({ registry }, signal) => registries.logout(registry, signal),
    'registries.catalog': ({ registry, pageSize, last, filter }, signal) => registries.catalog(registry, pageSize, last, filter, signal),
    'registries.tags': ({ registry, repository, pageSize, last }, signal) => registries.tags(registry, repository, pageSize, last, signal),
    'registries.deleteTag': async ({ registry, repository, tag, digest }, signal) => {
      await registries.deleteTag(registry, repository, tag, digest, signal)
      return { ok: true }
    },
    'registries.hubSearch': ({ query }, signal) => searchDockerHub(query, signal)
  }
}
