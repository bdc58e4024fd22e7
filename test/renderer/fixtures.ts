import type { EngineCapabilities, EngineIdentity } from '../../shared/engines-models'
import type { ContainerSummary, EngineInfo, EngineSummary, ImageSummary } from '../../shared/models'

/** What the test host's dockerd and Podman say about themselves (their /version, read by the core). */
export const DOCKER_IDENTITY: EngineIdentity = { product: 'docker', productName: 'Docker', version: '20.10.24', apiVersion: '1.41', platform: '' }
export const PODMAN_IDENTITY: EngineIdentity = {
  product: 'podman',
  productName: 'Podman',
  version: '4.3.1',
  apiVersion: '1.41',
  nativeApiVersion: '4.3.1',
  platform: 'linux/amd64/debian-12'
}
export const FULLY_CAPABLE: EngineCapabilities = { liveLimits: { available: true }, restartPolicyUpdate: { available: true } }
/** The core's words for Podman 4.3 (electron/core/engine/capabilities.ts). */
export const PODMAN_4_3_CAPABILITIES: EngineCapabilities = {
  liveLimits: { available: false, reason: "Podman 4.3 can't change the limits of a running container; recreate it with new limits." },
  restartPolicyUpdate: {
    available: false,
    reason: "Podman 4.3 can't change a container's restart policy once it is created; recreate it with the policy you want."
  }
}

let counter = 0

/** A container summary with a unique 64-hex id; pass what the test cares about. */
export function makeContainer(overrides: Partial<ContainerSummary> & { name: string }): ContainerSummary {
  counter++
  const id = (overrides.id ?? counter.toString(16).padStart(4, '0').repeat(16)).slice(0, 64)
  return {
    id,
    image: 'busybox:latest',
    imageId: 'sha256:' + 'b'.repeat(64),
    command: 'sleep 1000',
    created: Math.floor(Date.now() / 1000) - 180,
    state: 'running',
    status: 'Up 3 minutes',
    ports: [],
    labels: {},
    ...overrides
  }
}

export function makeEngine(overrides: Partial<EngineSummary> = {}): EngineSummary {
  return {
    id: 'local',
    name: 'Docker (default socket)',
    kind: 'unix',
    source: 'well-known',
    endpoint: '/var/run/docker.sock',
    state: 'connected',
    active: true,
    version: '20.10.24',
    identity: DOCKER_IDENTITY,
    capabilities: FULLY_CAPABLE,
    ...overrides
  }
}

/** engines.info's answer for a 4-CPU, 4 GiB Docker host; pass what the test cares about. */
export function makeEngineInfo(overrides: Partial<EngineInfo> = {}): EngineInfo {
  return {
    engineId: 'local',
    version: '20.10.24',
    apiVersion: '1.41',
    os: 'linux',
    arch: 'x86_64',
    cpus: 4,
    memoryBytes: 4 * 1024 ** 3,
    containers: 1,
    images: 0,
    name: 'host',
    identity: DOCKER_IDENTITY,
    capabilities: FULLY_CAPABLE,
    ...overrides
  }
}

export function makeImage(overrides: Partial<ImageSummary> = {}): ImageSummary {
  counter++
  return {
    id: 'sha256:' + counter.toString(16).padStart(4, '0').repeat(16),
    repoTags: ['busybox:latest'],
    repoDigests: [],
    size: 1_234_567,
    created: Math.floor(Date.now() / 1000) - 3600,
    containers: 0,
    dangling: false,
    labels: {},
    ...overrides
  }
}
