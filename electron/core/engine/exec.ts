/**
 * ExecApi: TTY sessions on the engine, the raw parts only (flow control and batching live in
 * ../exec-sessions.ts). A session is a hijacked socket: POST /exec/{id}/start or
 * POST /containers/{id}/attach upgraded to a raw byte stream. With a TTY the engine sends the
 * terminal's bytes unframed, so no demuxing is needed.
 */
import type Docker from 'dockerode'
import type { Duplex } from 'node:stream'
import { RpcError } from '../../../shared/errors'
import type { ShellChoice } from '../../../shared/exec-models'

export interface TtySession {
  /** The raw terminal byte stream (both directions). Destroying it ends the session. */
  readonly socket: Duplex
  /** What runs in the session, for people to read. */
  readonly shell: string[]
  resize(cols: number, rows: number): Promise<void>
  /** After the socket ended: the process's exit code, or null when the engine cannot say. */
  exitCode(): Promise<number | null>
}

export interface ExecApi {
  /** Starts a shell (or the given command) in a running container, with a TTY. */
  openExec(containerId: string, shell: ShellChoice, size: { cols: number; rows: number }): Promise<TtySession>
  /** Attaches to the TTY of a container created with -it (stdin open, TTY on). */
  attach(containerId: string, size: { cols: number; rows: number }): Promise<TtySession>
}

/** Used when the probe cannot tell: one exec, no extra round trip, the shell decides inside. */
const AUTO_SHELL_SCRIPT = ['/bin/sh', '-c', 'if [ -x /bin/bash ]; then exec /bin/bash; else exec /bin/sh; fi']

interface DockerodeExecUntyped {
  resize(options: { h: number; w: number }): Promise<unknown>
  inspect(): Promise<{ ExitCode?: number | null; Running?: boolean }>
  start(options: { hijack: boolean; stdin: boolean; Tty: boolean }): Promise<Duplex>
}

interface ContainerJson {
  Config?: { Tty?: boolean; OpenStdin?: boolean; Cmd?: string[] | null; Entrypoint?: string[] | null }
  State?: { Running?: boolean; Paused?: boolean; ExitCode?: number }
  Name?: string
}

export function createExecApi(docker: Docker): ExecApi {
  /**
   * Is /bin/bash there? A HEAD on the archive endpoint stats a path without starting a process
   * (a few ms, against ~100 ms for a probing exec). Symlinked /bin (merged /usr) resolves.
   */
  async function pickShell(containerId: string): Promise<string[]> {
    try {
      const container = docker.getContainer(containerId) as unknown as { infoArchive(o: { path: string }): Promise<unknown> }
      await container.infoArchive({ path: '/bin/bash' })
      return ['/bin/bash']
    } catch (err) {
      const status = (err as { statusCode?: number }).statusCode
      // HEAD has no body, so a missing container and a missing path both read 404 here; the
      // container check running beside this probe reports a missing container in words.
      if (status === 404) return ['/bin/sh']
      return AUTO_SHELL_SCRIPT
    }
  }

  async function requireRunning(containerId: string): Promise<ContainerJson> {
    const info = (await docker.getContainer(containerId).inspect()) as ContainerJson
    const name = (info.Name ?? containerId).replace(/^\//, '')
    if (!info.State?.Running) throw new RpcError('CONFLICT', `Container ${name} is not running. Start it, then open a terminal.`)
    if (info.State.Paused) throw new RpcError('CONFLICT', `Container ${name} is paused. Resume it, then open a terminal.`)
    return info
  }

  return {
    async openExec(containerId, shell, size) {
      const [, command] = await Promise.all([requireRunning(containerId), shell === 'auto' ? pickShell(containerId) : Promise.resolve(shell)])
      const exec = await docker.getContainer(containerId).exec({
        Cmd: command,
        AttachStdin: true,
        AttachStdout: true,
        AttachStderr: true,
        Tty: true,
        // Shells colour their prompts and `ls` only when they know the terminal.
        Env: ['TERM=xterm-256color', 'COLORTERM=truecolor']
      })
      const untyped = exec as unknown as DockerodeExecUntyped
      const socket = await untyped.start({ hijack: true, stdin: true, Tty: true })
      const session: TtySession = {
        socket,
        shell: command === AUTO_SHELL_SCRIPT ? ['bash or sh'] : command,
        resize: (cols, rows) => resizeWithRetry(() => untyped.resize({ h: rows, w: cols })),
        async exitCode() {
          const state = await untyped.inspect()
          return typeof state.ExitCode === 'number' && !state.Running ? state.ExitCode : null
        }
      }
      await session.resize(size.cols, size.rows).catch(() => {
        // The first size is best effort: the next panel resize sends it again.
      })
      return session
    },

    async attach(containerId, size) {
      const info = await requireRunning(containerId)
      const name = (info.Name ?? containerId).replace(/^\//, '')
      if (!info.Config?.Tty || !info.Config.OpenStdin) {
        throw new RpcError(
          'CONFLICT',
          `Container ${name} was not created with -it (interactive + TTY), so there is no terminal to attach to. Open a shell in it instead.`
        )
      }
      const container = docker.getContainer(containerId)
      const socket = (await container.attach({ stream: true, stdin: true, stdout: true, stderr: true, hijack: true })) as unknown as Duplex
      const session: TtySession = {
        socket,
        shell: [...(info.Config.Entrypoint ?? []), ...(info.Config.Cmd ?? [])],
        resize: (cols, rows) => resizeWithRetry(() => container.resize({ h: rows, w: cols })),
        async exitCode() {
          try {
            const state = (await container.inspect()) as ContainerJson
            return state.State?.Running ? null : (state.State?.ExitCode ?? null)
          } catch {
            return null
          }
        }
      }
      await session.resize(size.cols, size.rows).catch(() => {})
      return session
    }
  }
}

/**
 * The engine may refuse a resize that arrives a moment before the process has its TTY
 * ("process not found" / 409 / 500); one retry after a short pause covers that race.
 */
async function resizeWithRetry(resize: () => Promise<unknown>): Promise<void> {
  try {
    await resize()
  } catch {
    await new Promise((resolve) => setTimeout(resolve, 30))
    await resize()
  }
}
