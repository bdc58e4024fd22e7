/**
 * Runs Berth's browser mode (out/main/serve.js) as a child process, the way a person would:
 * `node out/main/serve.js --port 0`, then reads the one line it prints with the URL and token.
 * Also makes sure the build exists and is not older than the sources it was made from.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'

/** The folder of Berth's package.json, found by walking up (this file also runs bundled, from elsewhere). */
function findRepoRoot(start: string): string {
  for (let dir = start; dir !== dirname(dir); dir = dirname(dir)) {
    const manifest = join(dir, 'package.json')
    if (existsSync(manifest) && (JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string }).name === 'berth') return dir
  }
  throw new Error(`no Berth package.json above ${start}`)
}

export const REPO_ROOT = findRepoRoot(__dirname)
export const SERVE_ENTRY = join(REPO_ROOT, 'out/main/serve.js')

/** What a spec needs to reach a running browser-mode server; JSON-serialisable. */
export interface ServeInfo {
  /** The URL the server printed, token included. */
  url: string
  /** http://127.0.0.1:PORT */
  origin: string
  token: string
  pid: number
  dockerHost: string
}

export interface ServeHandle extends ServeInfo {
  stop(): Promise<void>
}

export interface ServeOptions {
  dockerHost: string
  /** Settings folder; a fresh temporary one when omitted (removed again on stop). */
  configDir?: string
  startTimeoutMs?: number
  /** More environment for the server, e.g. its own DOCKER_CONFIG with registry logins (never ~/.docker). */
  env?: NodeJS.ProcessEnv
}

const SERVING_LINE = /Berth is serving at (http:\/\/[^\s/]+)\/\?token=([^\s&]+)/

function newestMtime(dir: string): number {
  let newest = 0
  if (!existsSync(dir)) return newest
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules') continue
    const path = join(dir, entry.name)
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs)
  }
  return newest
}

/** Builds with electron-vite when out/main/serve.js is missing or older than any source file. */
export function ensureBuilt(log: (line: string) => void = console.log): void {
  const sources = ['electron', 'renderer', 'shared'].map((dir) => newestMtime(join(REPO_ROOT, dir)))
  const built = existsSync(SERVE_ENTRY) ? statSync(SERVE_ENTRY).mtimeMs : 0
  if (built > Math.max(...sources) && process.env.BERTH_E2E_REBUILD !== '1') return
  log(built ? 'e2e: sources changed since the last build; rebuilding' : 'e2e: no build yet; running electron-vite build')
  const started = Date.now()
  const result = spawnSync('npx', ['electron-vite', 'build'], { cwd: REPO_ROOT, encoding: 'utf8' })
  if (result.status !== 0 || !existsSync(SERVE_ENTRY)) {
    throw new Error(`electron-vite build failed (exit ${result.status}):\n${result.stdout}\n${result.stderr}`)
  }
  log(`e2e: build done in ${((Date.now() - started) / 1000).toFixed(1)} s`)
}

export async function startServe(options: ServeOptions): Promise<ServeHandle> {
  const ownConfigDir = options.configDir === undefined
  const configDir = options.configDir ?? mkdtempSync(join(tmpdir(), 'berth-e2e-config-'))
  const token = randomBytes(24).toString('hex')
  const tokenFile = join(configDir, 'e2e-token')
  const child = spawn(process.execPath, [SERVE_ENTRY, '--port', '0', '--token-file', tokenFile], {
    cwd: REPO_ROOT,
    env: { ...process.env, ...options.env, BERTH_TOKEN: token, BERTH_CONFIG_DIR: configDir, DOCKER_HOST: options.dockerHost },
    stdio: ['ignore', 'pipe', 'pipe']
  })
  let output = ''
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()))

  const { origin } = await new Promise<{ origin: string }>((resolvePromise, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL')
      reject(new Error(`serve.js printed no "Berth is serving at" line within ${options.startTimeoutMs ?? 15_000} ms:\n${output}`))
    }, options.startTimeoutMs ?? 15_000)
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString()
      const match = SERVING_LINE.exec(output)
      if (match) {
        clearTimeout(timer)
        if (match[2] !== token) reject(new Error(`serve.js ignored BERTH_TOKEN: printed ${match[2]}`))
        else resolvePromise({ origin: match[1] })
      }
    })
    child.once('exit', (code, signal) => {
      clearTimeout(timer)
      reject(new Error(`serve.js exited (${code ?? signal}) before serving:\n${output}`))
    })
  })
  // Keep draining stdout so a chatty server never blocks on a full pipe.
  child.stdout?.resume()

  return {
    url: `${origin}/?token=${token}`,
    origin,
    token,
    pid: child.pid ?? -1,
    dockerHost: options.dockerHost,
    stop: () => stopChild(child).then(() => {
      if (ownConfigDir) rmSync(configDir, { recursive: true, force: true })
    })
  }
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return
  const exited = new Promise<void>((resolvePromise) => child.once('exit', () => resolvePromise()))
  child.kill('SIGTERM')
  const timer = setTimeout(() => child.kill('SIGKILL'), 5_000)
  await exited
  clearTimeout(timer)
}
