/**
 * What the test host provides (written by scripts/test-host/start.sh to /run/berth-test/env.json).
 * Integration and E2E tests read it through loadTestHost(); they never guess paths.
 */
import { readFileSync } from 'node:fs'
import { z } from 'zod'

export interface TestHost {
  /** The private test engine's socket path, e.g. /run/berth-test/docker.sock. */
  dockerSocket: string
  /** The same as a DOCKER_HOST value, e.g. unix:///run/berth-test/docker.sock. */
  dockerHost: string
  /** The test host's private Podman service (scripts/test-host/podman.sh), when this env.json names one. */
  podmanSocket?: string
  /** The same as a DOCKER_HOST value, e.g. unix:///run/berth-test/podman.sock. */
  podmanHost?: string
  /** A tiny image built from busybox-static, present on the test engine, e.g. berth-test/busybox:latest. */
  testImage: string
  registry: { url: string; host: string; user: string; password: string }
  ssh: { host: string; port: number; user: string; privateKeyPath: string; knownHostsPath: string }
}

/** Every object a test creates carries this label; cleanup removes only labelled objects. */
export const TEST_LABEL_KEY = 'berth.test'
export const TEST_LABELS: Record<string, string> = { [TEST_LABEL_KEY]: '1' }

export const TEST_HOST_ENV_PATH = process.env.BERTH_TEST_HOST_ENV ?? '/run/berth-test/env.json'

/** The shape start.sh writes; checked so a stale or hand-edited file fails with a clear message. */
const testHostSchema = z.object({
  dockerSocket: z.string().min(1),
  dockerHost: z.string().startsWith('unix://'),
  podmanSocket: z.string().min(1).optional(),
  podmanHost: z.string().startsWith('unix://').optional(),
  testImage: z.string().min(1),
  registry: z.object({ url: z.url(), host: z.string().min(1), user: z.string().min(1), password: z.string().min(1) }),
  ssh: z.object({
    host: z.string().min(1),
    port: z.number().int().positive(),
    user: z.string().min(1),
    privateKeyPath: z.string().min(1),
    knownHostsPath: z.string().min(1)
  })
})

export function loadTestHost(): TestHost {
  let raw: unknown
  try {
    raw = JSON.parse(readFileSync(TEST_HOST_ENV_PATH, 'utf8'))
  } catch (err) {
    throw new Error(
      `The test host is not running (${TEST_HOST_ENV_PATH}: ${(err as Error).message}). ` +
        'Start it with `bash scripts/test-host/start.sh` (npm test does this for you).',
      { cause: err }
    )
  }
  const parsed = testHostSchema.safeParse(raw)
  if (!parsed.success) {
    throw new Error(
      `${TEST_HOST_ENV_PATH} does not describe a test host (${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}). ` +
        'Run `bash scripts/test-host/start.sh` again to rewrite it.'
    )
  }
  return parsed.data
}

/** The test Podman: its socket and the same as a DOCKER_HOST value; the image is the test host's testImage. */
export interface TestPodman {
  socket: string
  host: string
}

/**
 * The test host's Podman service. BERTH_TEST_PODMAN_SOCKET overrides env.json's, so a private
 * service (`BERTH_PODMAN_RUN_DIR=… bash scripts/test-host/podman.sh start`) can be used beside a
 * shared test host started before Podman was part of it.
 */
export function loadTestPodman(host: TestHost = loadTestHost()): TestPodman {
  const socket = process.env.BERTH_TEST_PODMAN_SOCKET ?? host.podmanSocket
  if (!socket) {
    throw new Error(
      `${TEST_HOST_ENV_PATH} names no Podman service: restart the test host (\`bash scripts/test-host/start.sh\`) ` +
        'or set BERTH_TEST_PODMAN_SOCKET to the socket of one started with scripts/test-host/podman.sh.'
    )
  }
  return { socket, host: `unix://${socket}` }
}
