/**
 * ExecApi: TTY sessions on the engine, the raw parts only (flow control and batching live in
 * ../exec-sessions.ts). A session is a hijacked socket: POST /exec/{id}/start or
 * POST /containers/{id}/attach upgraded to a raw byte stream. With a TTY the engine sends the
 * terminal's bytes unframed, so no demuxing is needed.
 */
import type Docker from 'dockerode'
import { Readable, type Duplex } from 'node:stream'
import { RpcError } from '../../../shared/errors'
import type { ShellChoice } from '../../../shared/exec-models'
import { inspectedName } from './mapping'
import { engineStatus } from './failures'
import { dial } from './modem'

export interface TtySession {
  /** The raw terminal byte stream (both directions). Destroying it ends the session. */
  readonly socket: Duplex
  /** What runs in the session, for people to read. */
  readonly shell: string[]
  /**
   * False while the session itself is still saying which shell it picked (the automatic choice is
   * made inside the container, and reported in the PID marker, to save a round trip before the
   * first byte); `ready` waits for it.
   */
  readonly shellKnown: boolean
  resize(cols: number, rows: number): Promise<void>
  /** After the socket ended: the process's exit code, or null when the engine cannot say. */
  exitCode(): Promise<number | null>
  /** Strips session bookkeeping from the output (the PID marker); identity when there is none. */
  filterOutput(chunk: Buffer): Buffer
  /**
   * Ends what runs in the session. Needed because the engine does NOT stop an exec when its
   * hijacked connection closes (moby#9098): the shell would live on, orphaned. Attach sessions
   * only detach: the container's own process is not ours to end.
   */
  terminate(): Promise<void>
}

export interface ExecApi {
  /** Starts a shell (or the given command) in a running container, with a TTY. */
  openExec(containerId: string, shell: ShellChoice, size: { cols: number; rows: number }): Promise<TtySession>
  /** Attaches to the TTY of a container created with -it (stdin open, TTY on). */
  attach(containerId: string, size: { cols: number; rows: number }): Promise<TtySession>
}

/**
 * The automatic shell: bash when the container has it, else sh, decided INSIDE the container by
 * the same sh that reports its PID, so opening a terminal costs one exec and no probe. The marker
 * carries the choice: ESC ] berth-pid;PID;SHELL BEL.
 */
const AUTO_SHELL_SCRIPT =
  'if [ -x /bin/bash ]; then s=/bin/bash; else s=/bin/sh; fi; printf "\\033]berth-pid;%s;%s\\007" "$$" "$s"; exec "$s"'

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
  /** The container's inspect answer and its name for sentences, once it is known to run. */
  async function requireRunning(containerId: string): Promise<{ info: ContainerJson; name: string }> {
    const info = (await docker.getContainer(containerId).inspect()) as ContainerJson
    const name = inspectedName(info.Name, containerId)
    if (!info.State?.Running) throw new RpcError('CONFLICT', `Container ${name} is not running. Start it, then open a terminal.`)
    if (info.State.Paused) throw new RpcError('CONFLICT', `Container ${name} is paused. Resume it, then open a terminal.`)
    return { info, name }
  }

  return {
    async openExec(containerId, shell, size) {
      const command = shell === 'auto' ? null : shell
      // The state check runs beside the exec, not before it: it only matters when the exec fails,
      // and then it is what explains why in words.
      const running = requireRunning(containerId)
      running.catch(() => {}) // awaited below, whichever way the exec goes
      const created = docker.getContainer(containerId).exec({
        Cmd: command ? withPidMarker(command) : ['/bin/sh', '-c', AUTO_SHELL_SCRIPT],
        AttachStdin: true,
        AttachStdout: true,
        AttachStderr: true,
        Tty: true,
        // Shells colour prompts and `ls` only when they know the terminal; COLORTERM tells
        // programs that 24-bit colours are painted (renderer's trueColour.ts, under the CSP).
        Env: ['TERM=xterm-256color', 'COLORTERM=truecolor']
      })
      // The engine refuses to create an exec in a stopped or paused container, so a created one
      // needs no answer from the state check: the start goes out at once.
      const exec = await created.catch(async (err: unknown) => {
        await running
        throw err
      })
      const untyped = exec as unknown as DockerodeExecUntyped
      const socket = await untyped.start({ hijack: true, stdin: true, Tty: true })
      const marker = new PidMarkerReader()
      const session: TtySession = {
        socket,
        get shell() {
          return command ?? (marker.shell ? [marker.shell] : ['bash or sh'])
        },
        get shellKnown() {
          return command !== null || marker.settled
        },
        filterOutput: (chunk) => marker.filter(chunk),
        async terminate() {
          const pid = marker.pid
          if (pid === undefined) return
          const killer = await docker.getContainer(containerId).exec({ Cmd: ['/bin/sh', '-c', hangUpSessionScript(pid)] })
          // Detached: nothing to read back, and Podman refuses a non-detached exec that has no
          // stream attached ("must provide at least one stream to attach to").
          const answer: unknown = await killer.start({ Detach: true })
          if (answer instanceof Readable) answer.resume()
        },
        resize: (cols, rows) => resizeWithRetry(() => untyped.resize({ h: rows, w: cols })),
        async exitCode() {
          const state = await untyped.inspect()
          return typeof state.ExitCode === 'number' && !state.Running ? state.ExitCode : null
        }
      }
      // Not awaited: the first output should not wait a round trip. Best effort; the panel's next
      // resize sends the size again.
      session.resize(size.cols, size.rows).catch(() => {})
      return session
    },

    async attach(containerId, size) {
      const { info, name } = await requireRunning(containerId)
      if (!info.Config?.Tty || !info.Config.OpenStdin) {
        throw new RpcError(
          'CONFLICT',
          `Container ${name} was not created with -it (interactive + TTY), so there is no terminal to attach to. Open a shell in it instead.`
        )
      }
      const container = docker.getContainer(containerId)
      // Through the modem with an empty body (Content-Length: 0): dockerode's attach sends its
      // options as a JSON body, which Docker ignores but Podman hands to the container as typed
      // input; and with no length at all Podman waits for a chunked body before it answers.
      const socket = (await dial(docker, {
        path: `/containers/${encodeURIComponent(containerId)}/attach?`,
        method: 'POST',
        isStream: true,
        hijack: true,
        openStdin: true,
        statusCodes: { 101: true, 200: true, 404: 'no such container', 409: 'conflict', 500: 'server error' },
        file: Buffer.alloc(0),
        headers: { 'Content-Type': 'text/plain' },
        options: { _query: { stream: true, stdin: true, stdout: true, stderr: true } }
      })) as Duplex
      const session: TtySession = {
        socket,
        shell: [...(info.Config.Entrypoint ?? []), ...(info.Config.Cmd ?? [])],
        shellKnown: true,
        resize: (cols, rows) => resizeWithRetry(() => container.resize({ h: rows, w: cols })),
        filterOutput: (chunk) => chunk,
        terminate: async () => {},
        async exitCode() {
          try {
            const state = (await container.inspect()) as ContainerJson
            return state.State?.Running ? null : (state.State?.ExitCode ?? null)
          } catch {
            return null
          }
        }
      }
      // Awaited, unlike exec's: the attached shell is already running and `ready` follows at once,
      // so input typed right away (`stty size`) must find the panel's size in place (one round trip).
      await session.resize(size.cols, size.rows).catch(() => {})
      return session
    }
  }
}

/**
 * The engine may refuse a resize that arrives a moment before the process has its TTY
 * ("process not found" / 409 / 500); one retry after a short pause covers that race. Podman
 * answers a resize that worked with 201 where Docker says 200 (dockerode takes it for an error).
 */
async function resizeWithRetry(resize: () => Promise<unknown>): Promise<void> {
  const tolerateCreated = (err: unknown): void => {
    if (engineStatus(err) !== 201) throw err
  }
  try {
    await resize().catch(tolerateCreated)
  } catch {
    await new Promise((resolve) => setTimeout(resolve, 30))
    await resize().catch(tolerateCreated)
  }
}

/**
 * Runs the command through sh, which first prints its PID in a private OSC sequence and then
 * exec()s the command (same PID). The marker is stripped before output leaves the main side.
 */
const PID_MARKER_PREFIX = '\x1b]berth-pid;'
function withPidMarker(command: string[]): string[] {
  return ['/bin/sh', '-c', 'printf "\\033]berth-pid;%s\\007" "$$"; exec "$@"', 'berth-terminal', ...command]
}

/** Reads the marker at the very start of the output; after that (or if absent) passes bytes through. */
export class PidMarkerReader {
  pid: number | undefined
  /** The shell the session picked, when the marker names one. */
  shell: string | undefined
  private head: Buffer | undefined = Buffer.alloc(0)

  /** The marker has been read (or was not there): pid and shell are final. */
  get settled(): boolean {
    return this.head === undefined
  }

  filter(chunk: Buffer): Buffer {
    if (!this.head) return chunk
    const head = Buffer.concat([this.head, chunk])
    const prefix = Buffer.from(PID_MARKER_PREFIX, 'latin1')
    const comparable = Math.min(head.length, prefix.length)
    if (!head.subarray(0, comparable).equals(prefix.subarray(0, comparable))) return this.done(head)
    const bell = head.indexOf(0x07, prefix.length)
    if (bell === -1) {
      if (head.length > 128) return this.done(head)
      this.head = head
      return Buffer.alloc(0)
    }
    const [pidText, shell] = head.subarray(prefix.length, bell).toString('latin1').split(';')
    const pid = Number(pidText)
    if (Number.isSafeInteger(pid) && pid > 0) this.pid = pid
    if (shell && /^\/[\w./-]+$/.test(shell)) this.shell = shell
    return this.done(head.subarray(bell + 1))
  }

  private done(rest: Buffer): Buffer {
    this.head = undefined
    return rest
  }
}

/**
 * Hangs up every process of the terminal's session (the exec'd process is the session leader
 * of its pty, so session id = its PID): background jobs included, not only the shell. Reads
 * /proc because pkill is missing from small images; fields after "comm)" are state ppid pgrp session.
 */
function hangUpSessionScript(pid: number): string {
  return [
    `for stat in /proc/[0-9]*/stat; do`,
    `  read -r line < "$stat" 2>/dev/null || continue`,
    `  set -- \${line##*) }`,
    `  if [ "$4" = ${pid} ]; then p=\${stat#/proc/}; kill -HUP "\${p%/stat}" 2>/dev/null; fi`,
    `done`,
    `kill -HUP ${pid} 2>/dev/null; true`
  ].join('\n')
}
