/**
 * The docker CLI's config.json, read and written without losing anything: Berth changes only the
 * `auths` entry it means to and keeps every other key (proxies, aliases, plugins, keys Berth does
 * not know), where the CLI itself would drop unknown keys. Writes are atomic (a temp file in the
 * same folder, mode 0600, then rename) so a crash never leaves half a file, and a config.json that
 * is a symlink (dotfile managers) is written through to its target, as the CLI does.
 */
import { chmod, mkdir, readFile, realpath, rename, rm, writeFile } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import { randomBytes } from 'node:crypto'
import { RpcError } from '../../../shared/errors'

export type DockerConfig = Record<string, unknown>

/** One `auths` entry as the CLI writes it: base64 "user:password" in `auth`, or nothing (a helper holds it). */
export interface AuthEntry {
  auth?: string
  username?: string
  password?: string
  identitytoken?: string
  [key: string]: unknown
}

export function dockerConfigDir(env: NodeJS.ProcessEnv, homeDir: string): string {
  return env.DOCKER_CONFIG ?? join(homeDir, '.docker')
}

export function dockerConfigPath(env: NodeJS.ProcessEnv, homeDir: string): string {
  return join(dockerConfigDir(env, homeDir), 'config.json')
}

/** The whole file; {} when there is none. A file that is not JSON is an error, never silently replaced. */
export async function readDockerConfig(path: string): Promise<DockerConfig> {
  let text: string
  try {
    text = await readFile(path, 'utf8')
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return {}
    throw new RpcError('INTERNAL', `Cannot read ${path}: ${(err as Error).message}.`)
  }
  if (text.trim() === '') return {}
  let parsed: unknown
  try {
    parsed = JSON.parse(text)
  } catch (err) {
    throw new RpcError('INTERNAL', `${path} is not valid JSON (${(err as Error).message}); fix or remove it, then try again.`)
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new RpcError('INTERNAL', `${path} does not hold a JSON object; fix or remove it, then try again.`)
  }
  return parsed as DockerConfig
}

export function authsOf(config: DockerConfig): Record<string, AuthEntry> {
  const auths = config.auths
  if (typeof auths !== 'object' || auths === null || Array.isArray(auths)) return {}
  return auths as Record<string, AuthEntry>
}

export function stringMap(value: unknown): Record<string, string> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return {}
  return Object.fromEntries(Object.entries(value).filter((entry): entry is [string, string] => typeof entry[1] === 'string'))
}

async function writeTarget(path: string): Promise<string> {
  try {
    return await realpath(path)
  } catch {
    return path // no file yet (or a dangling link's target we cannot resolve): write the path itself
  }
}

/** Writes are chained per file so two quick logins never race on one temp file or lose an update. */
const queues = new Map<string, Promise<unknown>>()

/**
 * Reads config.json, lets `change` edit it, writes it back atomically (mode 0600). The read
 * happens inside the queue, so concurrent edits apply one after the other, each on the latest file.
 * `change` returns false when it changed nothing: then nothing is written (no file is created).
 */
export function updateDockerConfig(path: string, change: (config: DockerConfig) => boolean | void): Promise<void> {
  const previous = queues.get(path) ?? Promise.resolve()
  const next = previous.catch(() => {}).then(async () => {
    const config = await readDockerConfig(path)
    if (change(config) === false) return
    const target = await writeTarget(path)
    await mkdir(dirname(target), { recursive: true, mode: 0o700 })
    const temp = join(dirname(target), `.config.json.${randomBytes(6).toString('hex')}.tmp`)
    try {
      // The CLI indents with tabs; keeping its style keeps diffs of dotfile repositories small.
      await writeFile(temp, JSON.stringify(config, null, '\t'), { mode: 0o600 })
      await chmod(temp, 0o600) // writeFile's mode is filtered by the umask; credentials must not be world-readable
      await rename(temp, target)
    } catch (err) {
      await rm(temp, { force: true })
      throw new RpcError('INTERNAL', `Cannot write ${target}: ${(err as Error).message}.`)
    }
  })
  queues.set(path, next)
  void next.finally(() => {
    if (queues.get(path) === next) queues.delete(path)
  }).catch(() => {})
  return next
}
