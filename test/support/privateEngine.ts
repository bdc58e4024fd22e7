/**
 * Throwaway Docker engines for tests that kill, restart or otherwise abuse an engine — never the
 * shared test engine. Each one gets its own containerd, data root, exec root and socket under
 * /run/berth-test/extra/NAME, so it needs no host setup. dockerd runs in a network namespace of
 * its own (`unshare --net`), so the default bridge it makes (or tidies away) at start-up is that
 * namespace's, never the developer's own docker0. Its containers need no network (NetworkMode none).
 *
 *   const engine = await startPrivateEngine('reconnect')
 *   await engine.kill()   // SIGKILL: clients now see ECONNREFUSED
 *   await engine.start()  // same roots: containers and images survive
 *   await engine.stop()   // gone, directory removed
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import { closeSync, copyFileSync, existsSync, mkdirSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { basename, join } from 'node:path'
import { waitForPing } from './engineHttp'

export const EXTRA_ENGINES_DIR = '/run/berth-test/extra'

export interface PrivateEngine {
  name: string
  socketPath: string
  /** DOCKER_HOST form of socketPath. */
  dockerHost: string
  /** SIGKILL the engine (not its containerd) and wait until the process is gone. */
  kill(): Promise<void>
  /** Start the engine again with the same roots; resolves when /_ping answers. */
  start(): Promise<void>
  /** Stop engine and containerd and remove everything under the engine's directory. */
  stop(): Promise<void>
  /**
   * The exact command start() runs (unshare --net -- dockerd …), for tests where Berth itself
   * starts this engine; containerd must be running (it is, until stop()).
   */
  dockerdCommand: string[]
  /** Where dockerd records its pid (whoever started it). */
  dockerPidFile: string
  /** Copies dockerd's and containerd's logs into `dir` (before stop() removes them), for a failed test. */
  keepLogs(dir: string): string[]
}

const NAME_PATTERN = /^[a-z0-9][a-z0-9-]{0,30}$/
const READY_TIMEOUT_MS = 30_000

interface Layout {
  dir: string
  socketPath: string
  dockerPidFile: string
  containerdSocket: string
  containerdPidFile: string
  dockerLog: string
  containerdLog: string
}

function layoutFor(name: string): Layout {
  const dir = join(EXTRA_ENGINES_DIR, name)
  return {
    dir,
    socketPath: join(dir, 'docker.sock'),
    dockerPidFile: join(dir, 'docker.pid'),
    containerdSocket: join(dir, 'containerd.sock'),
    containerdPidFile: join(dir, 'containerd.pid'),
    dockerLog: join(dir, 'dockerd.log'),
    containerdLog: join(dir, 'containerd.log')
  }
}

function tail(path: string): string {
  try {
    return `Last lines of ${path}:\n${readFileSync(path, 'utf8').split('\n').slice(-15).join('\n')}`
  } catch {
    return `(no log at ${path})`
  }
}

/** Spawns a daemon in its own process group, logging to a file; it outlives nothing but our calls. */
function spawnDaemon(command: string, args: string[], logPath: string): ChildProcess {
  const log = openSync(logPath, 'a')
  try {
    const child = spawn(command, args, { detached: true, stdio: ['ignore', log, log] })
    // Don't let a forgotten engine keep the test runner alive; stop() is still expected.
    child.unref()
    return child
  } finally {
    closeSync(log)
  }
}

function exited(child: ChildProcess): boolean {
  return child.exitCode !== null || child.signalCode !== null
}

async function terminate(child: ChildProcess, signal: NodeJS.Signals, timeoutMs: number): Promise<void> {
  if (exited(child)) return
  // The daemons are unref'd so a forgotten engine can't keep a runner alive; while we wait for one
  // to end, hold the event loop open, or a plain Node process (a bench) exits mid-clean-up and
  // leaves containerd running.
  child.ref()
  const gone = new Promise<void>((resolve) => child.once('exit', () => resolve()))
  child.kill(signal)
  let timer: NodeJS.Timeout | undefined
  const timeout = new Promise<'timeout'>((resolve) => (timer = setTimeout(() => resolve('timeout'), timeoutMs)))
  try {
    if ((await Promise.race([gone, timeout])) === 'timeout') {
      child.kill('SIGKILL')
      await gone
    }
  } finally {
    clearTimeout(timer)
  }
}

/** A previous test run that crashed may have left this engine behind: end it by its recorded pid. */
async function killLeftover(pidFile: string): Promise<void> {
  if (!existsSync(pidFile)) return
  const pid = Number(readFileSync(pidFile, 'utf8').trim())
  if (!Number.isInteger(pid) || pid <= 1) return
  try {
    process.kill(pid, 'SIGKILL')
  } catch {
    return // not running
  }
  const deadline = Date.now() + 10_000
  while (Date.now() < deadline) {
    try {
      process.kill(pid, 0)
    } catch {
      return
    }
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
}

/**
 * A dockerd that something other than this helper started on this engine's roots (Berth's
 * one-click setup, in its tests) is stopped gracefully by the pid it recorded, so stop() can
 * reap and remove as usual. Only a live process that is a dockerd counts (pids get reused).
 */
async function stopForeignDockerd(pidFile: string, own: ChildProcess | undefined): Promise<void> {
  if (!existsSync(pidFile)) return
  const pid = Number(readFileSync(pidFile, 'utf8').trim())
  if (!Number.isInteger(pid) || pid <= 1 || (own && !exited(own) && own.pid === pid)) return
  let comm: string
  try {
    comm = readFileSync(`/proc/${pid}/comm`, 'utf8').trim()
  } catch {
    return // not running
  }
  if (comm !== 'dockerd') return
  process.kill(pid, 'SIGTERM')
  const deadline = Date.now() + 30_000
  // An orphan that exited stays a zombie until PID 1 reaps it: that counts as gone.
  const alive = (): boolean => {
    try {
      return readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.[0] !== 'Z'
    } catch {
      return false
    }
  }
  while (alive()) {
    if (Date.now() > deadline) {
      process.kill(pid, 'SIGKILL')
      break
    }
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
}

/** Overlay and shm mounts of containers live under the data root; they must go before rm -rf. */
function unmountUnder(dir: string): void {
  const mountPoints = readFileSync('/proc/self/mountinfo', 'utf8')
    .split('\n')
    .map((line) => line.split(' ')[4])
    .filter((mountPoint): mountPoint is string => !!mountPoint && mountPoint.startsWith(`${dir}/`))
    .sort((a, b) => b.length - a.length)
  for (const mountPoint of mountPoints) spawnSync('umount', ['-l', mountPoint])
}

async function startContainerd(layout: Layout, name: string): Promise<ChildProcess> {
  const config = join(layout.dir, 'containerd.toml')
  writeFileSync(
    config,
    [
      'version = 2',
      `root = "${join(layout.dir, 'containerd-root')}"`,
      `state = "${join(layout.dir, 'containerd-state')}"`,
      'disabled_plugins = ["io.containerd.grpc.v1.cri"]',
      '[grpc]',
      `  address = "${layout.containerdSocket}"`,
      '[ttrpc]',
      `  address = "${layout.containerdSocket}.ttrpc"`,
      ''
    ].join('\n')
  )
  const child = spawnDaemon('containerd', ['--config', config], layout.containerdLog)
  writeFileSync(layout.containerdPidFile, String(child.pid))
  const deadline = Date.now() + READY_TIMEOUT_MS
  while (!existsSync(layout.containerdSocket)) {
    if (exited(child) || Date.now() > deadline) {
      throw new Error(`containerd for private engine ${name} did not start. ${tail(layout.containerdLog)}`)
    }
    await new Promise((resolve) => setTimeout(resolve, 25))
  }
  return child
}

function dockerdCommand(layout: Layout, name: string): string[] {
  return [
    // unshare execs dockerd: the child's pid is dockerd's, so kill() and the pidfile agree.
    'unshare', '--net', '--', 'dockerd',
    '--config-file', join(layout.dir, 'daemon.json'),
    '--containerd', layout.containerdSocket,
    '--containerd-namespace', `berth-extra-${name}`,
    '--containerd-plugins-namespace', `berth-extra-${name}-plugins`,
    '-H', `unix://${layout.socketPath}`,
    '--data-root', join(layout.dir, 'data'),
    '--exec-root', join(layout.dir, 'exec'),
    '--pidfile', layout.dockerPidFile,
    '--iptables=false', '--ip-masq=false', '--ip-forward=false',
    '--cgroup-parent', `/berth-extra-${name}`
  ]
}

function startDockerd(layout: Layout, name: string): ChildProcess {
  const daemonJson = join(layout.dir, 'daemon.json')
  if (!existsSync(daemonJson)) writeFileSync(daemonJson, '{}')
  const [command, ...args] = dockerdCommand(layout, name)
  return spawnDaemon(command, args, layout.dockerLog)
}

export async function startPrivateEngine(name: string): Promise<PrivateEngine> {
  if (!NAME_PATTERN.test(name)) {
    throw new Error(`private engine name "${name}" must be lowercase letters, digits and dashes (≤ 31 chars)`)
  }
  if (process.getuid?.() !== 0) throw new Error('private engines need root (dockerd runs as root)')
  const layout = layoutFor(name)
  await killLeftover(layout.dockerPidFile)
  await killLeftover(layout.containerdPidFile)
  unmountUnder(layout.dir)
  rmSync(layout.dir, { recursive: true, force: true })
  mkdirSync(layout.dir, { recursive: true })

  const containerd = await startContainerd(layout, name)
  let dockerd: ChildProcess | undefined

  const start = async (): Promise<void> => {
    if (dockerd && !exited(dockerd)) throw new Error(`private engine ${name} is already running`)
    dockerd = startDockerd(layout, name)
    await waitForPing(layout.socketPath, READY_TIMEOUT_MS, () => tail(layout.dockerLog))
  }

  const kill = async (): Promise<void> => {
    if (!dockerd || exited(dockerd)) throw new Error(`private engine ${name} is not running`)
    await terminate(dockerd, 'SIGKILL', 10_000)
  }

  const stop = async (): Promise<void> => {
    await stopForeignDockerd(layout.dockerPidFile, dockerd)
    // A killed engine may have left containers running in containerd; starting it once lets it
    // reap them (no live-restore) before the graceful shutdown stops everything.
    if (!dockerd || exited(dockerd)) await start()
    if (dockerd) await terminate(dockerd, 'SIGTERM', 30_000)
    await terminate(containerd, 'SIGTERM', 15_000)
    unmountUnder(layout.dir)
    rmSync(layout.dir, { recursive: true, force: true })
  }

  try {
    await start()
  } catch (err) {
    if (dockerd) await terminate(dockerd, 'SIGKILL', 10_000)
    await terminate(containerd, 'SIGKILL', 10_000)
    throw err
  }
  return {
    name,
    socketPath: layout.socketPath,
    dockerHost: `unix://${layout.socketPath}`,
    kill,
    start,
    stop,
    dockerdCommand: dockerdCommand(layout, name),
    dockerPidFile: layout.dockerPidFile,
    keepLogs(dir: string): string[] {
      mkdirSync(dir, { recursive: true })
      return [layout.dockerLog, layout.containerdLog].flatMap((from) => {
        if (!existsSync(from)) return []
        const to = join(dir, `${name}-${basename(from)}`)
        copyFileSync(from, to)
        return [to]
      })
    }
  }
}

/** Re-exported so a test holding a private engine finds the image helper beside it. */
export { ensureTestImage, TEST_IMAGE } from './testImage'
