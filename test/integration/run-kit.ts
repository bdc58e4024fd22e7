/**
 * Helpers for the run/details integration tests: a RunSpec with everything off, an exec that
 * returns a command's output (read straight from the engine, not through Berth), and the
 * engine's own memory limit from a one-shot stats read.
 */
import type Docker from 'dockerode'
import type { InputOf } from '../../shared/contract'
import { TRAPPING_COMMAND, type TestCore } from './handlers-kit'

export type RunInput = InputOf<'containers.create'>

export function baseSpec(t: TestCore, overrides: Partial<RunInput> = {}): RunInput {
  return {
    image: t.host.testImage,
    command: TRAPPING_COMMAND,
    interactive: false,
    tty: false,
    ports: [],
    mounts: [],
    env: [],
    labels: Object.entries(t.labels).map(([key, value]) => ({ key, value })),
    restartPolicy: { name: 'no' },
    resources: {},
    start: true,
    ...overrides
  }
}

/** Runs a command in the container with a TTY (so the output is one plain stream) and returns it. */
export async function execOutput(docker: Docker, id: string, cmd: string[]): Promise<string> {
  const exec = await docker.getContainer(id).exec({ Cmd: cmd, AttachStdout: true, AttachStderr: true, Tty: true })
  const stream = await exec.start({ hijack: true, stdin: false, Tty: true })
  const chunks: Buffer[] = []
  await new Promise<void>((resolve, reject) => {
    stream.on('data', (chunk: Buffer) => chunks.push(chunk))
    stream.on('end', resolve)
    stream.on('error', reject)
  })
  return Buffer.concat(chunks).toString('utf8').trim()
}

/** The memory limit the engine reports in stats (what the Stats tab charts against). */
export async function statsMemoryLimit(docker: Docker, id: string): Promise<number> {
  const stats = (await docker.getContainer(id).stats({ stream: false })) as unknown as { memory_stats?: { limit?: number } }
  return stats.memory_stats?.limit ?? 0
}

/** cgroup v1 (this host) first, then the v2 file names. */
export async function cgroupValue(docker: Docker, id: string, v1: string, v2: string): Promise<string> {
  return execOutput(docker, id, ['sh', '-c', `cat /sys/fs/cgroup/${v1} 2>/dev/null || cat /sys/fs/cgroup/${v2}`])
}
