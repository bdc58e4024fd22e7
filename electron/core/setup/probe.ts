/**
 * The few ways detection looks at the machine, behind one small interface: read a file, look for
 * a program, list processes, ask a socket for /_ping, run a harmless read-only command. The real
 * one reads this machine; unit tests hand detection a description of another distribution.
 * Nothing here writes, starts or escalates anything.
 */
import { execFile } from 'node:child_process'
import { accessSync, constants, existsSync, readFileSync, readdirSync, statSync } from 'node:fs'
import { userInfo } from 'node:os'
import { delimiter, join } from 'node:path'
import type { ProcessInfo } from './daemons'
import { pingUnixSocket, type PingResult } from './ping'

export type { ProcessInfo }

export interface HostProbe {
  platform: NodeJS.Platform
  env: NodeJS.ProcessEnv
  uid: number
  userName: string
  /** Group ids of this process (what the session carries now). */
  sessionGroups: number[]
  readText(path: string): string | undefined
  exists(path: string): boolean
  /** Absolute path of an executable found on PATH or in the system bin folders, else undefined. */
  which(program: string): string | undefined
  processes(): ProcessInfo[]
  ping(socketPath: string): Promise<PingResult>
  /** Runs a read-only command (a --version, `systemctl is-active`): its stdout, or undefined when it failed to run. */
  output(argv: string[]): Promise<{ code: number | null; stdout: string } | undefined>
}

/**
 * Non-root sessions often lack the sbin folders on PATH, though dockerd lives there; looking
 * there too keeps "not installed" from being said about an installed engine.
 */
const SYSTEM_BIN_DIRS = ['/usr/local/sbin', '/usr/local/bin', '/usr/sbin', '/usr/bin', '/sbin', '/bin']
const COMMAND_TIMEOUT_MS = 4_000

function isExecutableFile(path: string): boolean {
  try {
    if (!statSync(path).isFile()) return false
    accessSync(path, constants.X_OK)
    return true
  } catch {
    return false
  }
}

export function findProgram(program: string, env: NodeJS.ProcessEnv): string | undefined {
  const dirs = [...(env.PATH ?? '').split(delimiter).filter((dir) => dir.startsWith('/')), ...SYSTEM_BIN_DIRS]
  for (const dir of new Set(dirs)) {
    const candidate = join(dir, program)
    if (isExecutableFile(candidate)) return candidate
  }
  return undefined
}

function readProcesses(): ProcessInfo[] {
  let entries: string[]
  try {
    entries = readdirSync('/proc').filter((entry) => /^\d+$/.test(entry))
  } catch {
    return []
  }
  const found: ProcessInfo[] = []
  for (const entry of entries) {
    try {
      const name = readFileSync(`/proc/${entry}/comm`, 'utf8').trim()
      const argv = readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0').filter((part) => part !== '')
      found.push({ pid: Number(entry), name, argv })
    } catch {
      // Gone between listing and reading, or not ours to read: neither matters here.
    }
  }
  return found
}

export function nodeHostProbe(env: NodeJS.ProcessEnv = process.env): HostProbe {
  const user = userInfo()
  return {
    platform: process.platform,
    env,
    uid: process.getuid?.() ?? -1,
    userName: user.username,
    sessionGroups: process.getgroups?.() ?? [],
    readText(path) {
      try {
        return readFileSync(path, 'utf8')
      } catch {
        return undefined
      }
    },
    exists: (path) => existsSync(path),
    which: (program) => findProgram(program, env),
    processes: readProcesses,
    ping: (socketPath) => pingUnixSocket(socketPath, AbortSignal.timeout(2_000)),
    output(argv) {
      return new Promise((resolve) => {
        execFile(
          argv[0],
          argv.slice(1),
          { timeout: COMMAND_TIMEOUT_MS, env: { ...env, LC_ALL: 'C' }, maxBuffer: 256 * 1024 },
          (err, stdout) => {
            if (err && typeof (err as NodeJS.ErrnoException).code === 'string') resolve(undefined) // ENOENT & co: didn't run
            else resolve({ code: err ? ((err as { code?: number }).code ?? null) : 0, stdout: String(stdout) })
          }
        )
      })
    }
  }
}
