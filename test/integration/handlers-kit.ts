/**
 * Shared helpers for the handler-table integration tests: a core pointed at the test engine
 * (temp config dir and HOME, so nothing of the real user leaks in), a typed call that maps
 * errors the way the peer does, and labelled container setup/cleanup straight on the engine.
 */
import Docker from 'dockerode'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { contract, type CallName, type InputOf, type OutputOf } from '../../shared/contract'
import { createCore, type Core } from '../../electron/core/app'
import { toRpcError } from '../../electron/core/rpc/errors'
import { TEST_LABELS, TEST_LABEL_KEY, loadTestHost, loadTestPodman, type TestHost } from '../support/testHost'

/** Which of the test host's engines a core talks to. */
export type TestEngine = 'docker' | 'podman'

/**
 * The engine suites run against unless they ask for one: the test host's dockerd, or its Podman
 * when BERTH_TEST_ENGINE=podman (the Podman subset in scripts/test.mjs runs Docker's tests so).
 */
export function defaultTestEngine(): TestEngine {
  return process.env.BERTH_TEST_ENGINE === 'podman' ? 'podman' : 'docker'
}

/**
 * Can the engine suites run against change a container after creation (containers.update)?
 * Podman 4's compatible API can't (electron/core/engine/capabilities.ts); Berth's refusal there
 * is tested in podman-engine.test.ts, and the tests of live updates are skipped on it.
 */
export const ENGINE_UPDATES_CONTAINERS = defaultTestEngine() !== 'podman'

export interface TestCore {
  core: Core
  host: TestHost
  engine: TestEngine
  /** The socket of the engine this core talks to (the test dockerd's or the test Podman's). */
  socket: string
  /** The same engine, raw, for setting things up and checking results independently of Berth. */
  docker: Docker
  /** berth.test=1 plus a label unique to this core, so cleanup never touches other suites' objects. */
  labels: Record<string, string>
  dispose(): Promise<void>
}

/** Other suites share the test engine at the same time: each run removes only its own objects. */
export const RUN_LABEL_KEY = 'berth.test.run'

export async function createTestCore(extraEnv: NodeJS.ProcessEnv = {}, engine: TestEngine = defaultTestEngine()): Promise<TestCore> {
  const host = loadTestHost()
  const socket = engine === 'podman' ? loadTestPodman(host) : { socket: host.dockerSocket, host: host.dockerHost }
  const dir = mkdtempSync(join(tmpdir(), 'berth-core-'))
  const core = await createCore({
    env: { PATH: process.env.PATH, DOCKER_HOST: socket.host, ...extraEnv },
    configDir: join(dir, 'config'),
    homeDir: join(dir, 'home')
  })
  const docker = new Docker({ socketPath: socket.socket })
  const labels = { ...TEST_LABELS, [RUN_LABEL_KEY]: `${process.pid}-${Math.random().toString(36).slice(2, 10)}` }
  return {
    core,
    host,
    engine,
    socket: socket.socket,
    docker,
    labels,
    async dispose() {
      await core.close()
      rmSync(dir, { recursive: true, force: true })
    }
  }
}

/**
 * Calls a handler the way the peer would: input parsed by the contract, errors mapped. The output
 * is also checked against the contract's output schema (which the peer trusts the compiler for):
 * types cannot see a NaN, an empty name or an unknown enum value, and the renderer relies on them.
 * The handler's own value is returned (as the peer sends it), not zod's parsed copy.
 */
export async function call<K extends CallName>(core: Core, method: K, input: InputOf<K>): Promise<OutputOf<K>> {
  const parsed = contract[method].input.parse(input) as Parameters<Core['handlers'][K]>[0]
  const handler = core.handlers[method] as (input: unknown, signal: AbortSignal) => Promise<OutputOf<K>>
  let output: OutputOf<K>
  try {
    output = await handler(parsed, new AbortController().signal)
  } catch (err) {
    throw toRpcError(err)
  }
  const checked = contract[method].output.safeParse(output)
  if (!checked.success) {
    const issues = checked.error.issues.map((issue) => `${issue.path.join('.') || '(output)'}: ${issue.message}`)
    throw new Error(`${method} returned an output its contract refuses: ${issues.slice(0, 5).join('; ')}`)
  }
  return output
}

/** A command that exits promptly on SIGTERM (PID 1 ignores TERM unless it traps it). */
export const TRAPPING_COMMAND = ['sh', '-c', 'trap "exit 0" TERM; while true; do sleep 0.1; done']

export async function createLabelledContainer(
  t: TestCore,
  options: { name?: string; start?: boolean; labels?: Record<string, string> } = {}
): Promise<string> {
  const container = await t.docker.createContainer({
    Image: t.host.testImage,
    Cmd: TRAPPING_COMMAND,
    name: options.name,
    Labels: { ...t.labels, ...options.labels }
  })
  if (options.start) await container.start()
  return container.id
}

/** Removes only what this run created (berth.test=1 and this core's run label). */
export async function removeLabelledContainers(t: TestCore): Promise<void> {
  const filters = JSON.stringify({ label: [`${TEST_LABEL_KEY}=1`, `${RUN_LABEL_KEY}=${t.labels[RUN_LABEL_KEY]}`] })
  const mine = await t.docker.listContainers({ all: true, filters })
  await Promise.all(mine.map((c) => t.docker.getContainer(c.Id).remove({ force: true, v: true }).catch(() => {})))
}

export function uniqueName(prefix: string): string {
  return `${prefix}-${process.pid}-${Math.random().toString(36).slice(2, 8)}`
}
