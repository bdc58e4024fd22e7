/**
 * Which product an engine is, read from its /version. Podman's Docker-compatible API answers with
 * Docker's shape, so the product is told by its components: Docker's main component is "Engine",
 * Podman's is "Podman Engine" (with its own libpod API version in Details.APIVersion). Platform.Name
 * decides when the components don't ("Docker Desktop …", "Docker Engine - Community").
 */
import type { EngineIdentity } from '../../../shared/engines-models'

export interface VersionComponentJson {
  Name?: string
  Version?: string
  Details?: Record<string, unknown>
}

/** GET /version, reduced to what Berth reads. */
export interface EngineVersionJson {
  Platform?: { Name?: string }
  Components?: VersionComponentJson[]
  Version?: string
  ApiVersion?: string
  MinAPIVersion?: string
}

const PODMAN_COMPONENT = 'Podman Engine'
const DOCKER_COMPONENT = 'Engine'

function stringDetail(component: VersionComponentJson | undefined, key: string): string | undefined {
  const value = component?.Details?.[key]
  return typeof value === 'string' && value ? value : undefined
}

export function identityFromVersion(json: EngineVersionJson): EngineIdentity {
  const platform = json.Platform?.Name ?? ''
  const components = json.Components ?? []
  const apiVersion = json.ApiVersion ?? 'unknown'
  const podman = components.find((c) => c.Name === PODMAN_COMPONENT)
  if (podman || /\bpodman\b/i.test(platform)) {
    const identity: EngineIdentity = {
      product: 'podman',
      productName: 'Podman',
      version: podman?.Version ?? json.Version ?? 'unknown',
      apiVersion,
      platform
    }
    const native = stringDetail(podman, 'APIVersion')
    if (native) identity.nativeApiVersion = native
    return identity
  }
  const docker = components.find((c) => c.Name === DOCKER_COMPONENT)
  if (docker || /\bdocker\b/i.test(platform)) {
    return { product: 'docker', productName: 'Docker', version: docker?.Version ?? json.Version ?? 'unknown', apiVersion, platform }
  }
  // Something else that speaks the API (a proxy, another product): name it as it names itself.
  const main = components[0]
  return { product: 'unknown', productName: main?.Name || platform || 'Engine', version: main?.Version ?? json.Version ?? 'unknown', apiVersion, platform }
}
