import type { ContainerSummary, EngineSummary, ImageSummary } from '../../shared/models'

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
