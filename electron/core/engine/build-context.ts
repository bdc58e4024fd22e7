/**
 * The build context: a folder on the machine running Berth, checked and listed here, then sent
 * to the engine as a tar built while it is sent (build-pack.ts).
 *
 * Which files go is decided the way the docker CLI decides it: `.dockerignore` patterns matched
 * by @balena/dockerignore (a port of the engine's own matcher, case-sensitive as on Linux); the
 * Dockerfile and .dockerignore are always sent (added as exceptions, as the CLI does); an
 * excluded directory is still walked when an exception pattern could re-include something
 * beneath it; symlinks go as symlinks; modes are kept; owners are root, as the CLI sends them.
 * A Dockerfile outside the context travels inside the tar under a private name, also like the CLI.
 */
import ignore from '@balena/dockerignore'
import { accessSync, constants, lstatSync, type Stats } from 'node:fs'
import { access, readFile, readdir, readlink, stat } from 'node:fs/promises'
import { randomBytes } from 'node:crypto'
import { isAbsolute, join, relative, resolve, sep } from 'node:path'
import { TimeSlice } from './time-slice'

/** A Dockerfile bigger than this is not a Dockerfile (it is read whole, to plan the steps). */
export const MAX_DOCKERFILE_BYTES = 1024 * 1024

export class ContextProblem extends Error {
  constructor(
    readonly field: 'contextPath' | 'dockerfile',
    message: string
  ) {
    super(message)
    this.name = 'ContextProblem'
  }
}

export interface ResolvedContext {
  root: string
  /** The Dockerfile's name inside the tar (posix, relative), as the engine's `dockerfile` parameter. */
  dockerfileName: string
  dockerfileText: string
  /** Set when the Dockerfile lives outside the context: it is added to the tar under `dockerfileName`. */
  externalDockerfile: boolean
}

export interface ContextEntry {
  /** Posix path inside the tar. */
  name: string
  absPath: string
  type: 'file' | 'directory' | 'symlink'
  mode: number
  size: number
  mtime: Date
  linkname?: string
}

export interface ContextListing {
  root: string
  entries: ContextEntry[]
  totalBytes: number
  /** The Dockerfile's bytes, when it is added from outside the context. */
  extra: Array<{ name: string; body: Buffer }>
}

export function words(err: unknown): string {
  const code = (err as NodeJS.ErrnoException).code
  if (code === 'ENOENT') return 'it does not exist'
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied'
  if (code === 'ENOTDIR') return 'a part of the path is not a folder'
  if (code === 'ELOOP') return 'too many symbolic links'
  return (err as Error).message
}

function expandHome(path: string, homeDir: string): string {
  if (path === '~') return homeDir
  if (path.startsWith('~/')) return join(homeDir, path.slice(2))
  return path
}

export const toPosix = (path: string): string => path.split(sep).join('/')

export const unreadable = (name: string, err: unknown): ContextProblem =>
  new ContextProblem('contextPath', `Berth couldn't read ${name} while sending the build context: ${words(err)}`)

/** Checks the folder and Dockerfile, reads the Dockerfile; problems name the field they belong to. */
export async function resolveContext(contextPath: string, dockerfile: string, homeDir: string): Promise<ResolvedContext> {
  const root = resolve(expandHome(contextPath, homeDir))
  try {
    if (!(await stat(root)).isDirectory()) throw new ContextProblem('contextPath', `${root} is not a folder`)
    await access(root, constants.R_OK | constants.X_OK)
  } catch (err) {
    if (err instanceof ContextProblem) throw err
    throw new ContextProblem('contextPath', `Berth can't open ${root}: ${words(err)}`)
  }
  const dockerfilePath = isAbsolute(dockerfile) || dockerfile.startsWith('~') ? resolve(expandHome(dockerfile, homeDir)) : resolve(root, dockerfile)
  let dockerfileText: string
  try {
    const info = await stat(dockerfilePath)
    if (!info.isFile()) throw new ContextProblem('dockerfile', `${dockerfilePath} is not a file`)
    if (info.size > MAX_DOCKERFILE_BYTES) throw new ContextProblem('dockerfile', `${dockerfilePath} is ${info.size} bytes; a Dockerfile is at most 1 MiB`)
    dockerfileText = await readFile(dockerfilePath, 'utf8')
  } catch (err) {
    if (err instanceof ContextProblem) throw err
    const shown = relative(root, dockerfilePath).startsWith('..') ? dockerfilePath : relative(root, dockerfilePath)
    throw new ContextProblem('dockerfile', `Berth can't read ${shown}: ${words(err)}`)
  }
  const inside = relative(root, dockerfilePath)
  const external = inside === '' || inside.startsWith('..') || isAbsolute(inside)
  return {
    root,
    dockerfileName: external ? `.dockerfile.${randomBytes(10).toString('hex')}` : toPosix(inside),
    dockerfileText,
    externalDockerfile: external
  }
}

/** Reads .dockerignore the way the CLI does and returns the matcher plus the exception patterns (for walking into excluded folders). */
async function loadIgnore(root: string, dockerfileName: string): Promise<{ ignores: (path: string) => boolean; exceptions: string[] }> {
  let text = ''
  try {
    text = await readFile(join(root, '.dockerignore'), 'utf8')
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw new ContextProblem('contextPath', `Berth can't read .dockerignore: ${words(err)}`)
  }
  const patterns = text.split(/\r?\n/).map((line) => line.trim()).filter((line) => line !== '' && !line.startsWith('#'))
  const matcher = ignore({ ignorecase: false }).add(patterns)
  // The build files always travel, whatever the patterns say (the CLI appends these exceptions).
  for (const always of ['.dockerignore', dockerfileName]) if (matcher.ignores(always)) patterns.push(`!${always}`)
  const final = ignore({ ignorecase: false }).add(patterns)
  const exceptions = patterns
    .filter((p) => p.startsWith('!'))
    .map((p) => toPosix(p.slice(1).trim()).replace(/^\/+/, '').replace(/\/+$/, ''))
  return { ignores: (path) => final.ignores(path), exceptions }
}

const byteOrder = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0)

interface Looked {
  name: string
  absPath: string
  info: Stats
  /** Set for files that can't be read. */
  unreadable?: unknown
}

/**
 * The entries of one folder, looked at with plain system calls (lstat, access): through
 * fs/promises each costs a thread-pool round trip, which for a context of many small files was
 * most of the difference from the docker CLI on a cached build. The event loop is let go every
 * few milliseconds.
 */
async function lookAt(dir: string, names: string[], slice: TimeSlice): Promise<Looked[]> {
  const looked: Looked[] = []
  for (const name of names) {
    await slice.maybeYield()
    const absPath = join(dir, name)
    const info = lstatSync(absPath)
    if (!info.isFile()) {
      looked.push({ name, absPath, info })
      continue
    }
    let unreadable: unknown
    try {
      accessSync(absPath, constants.R_OK)
    } catch (err) {
      unreadable = err
    }
    looked.push({ name, absPath, info, unreadable })
  }
  return looked
}

/**
 * Walks the context (lexical order, as the CLI's walk) and lists what will be sent, checking
 * that every file can be read before a single byte goes to the engine.
 */
export async function listContext(context: ResolvedContext): Promise<ContextListing> {
  const { ignores, exceptions } = await loadIgnore(context.root, context.dockerfileName)
  const entries: ContextEntry[] = []
  let totalBytes = 0
  const slice = new TimeSlice()
  const walk = async (dir: string, prefix: string): Promise<void> => {
    let names: string[]
    try {
      names = (await readdir(dir)).sort(byteOrder)
    } catch (err) {
      throw new ContextProblem('contextPath', `Berth can't read the folder ${prefix || '.'} in the build context: ${words(err)}. Fix its permissions or add it to .dockerignore.`)
    }
    for (const { name, absPath, info, unreadable } of await lookAt(dir, names, slice)) {
      const rel = prefix ? `${prefix}/${name}` : name
      const isDir = info.isDirectory()
      if (ignores(rel)) {
        // An excluded folder is walked only when an exception could re-include something in it.
        if (isDir && exceptions.some((pattern) => `${pattern}/`.startsWith(`${rel}/`))) await walk(absPath, rel)
        continue
      }
      const base = { name: rel, absPath, mode: info.mode & 0o7777, mtime: info.mtime }
      if (info.isSymbolicLink()) {
        entries.push({ ...base, type: 'symlink', size: 0, linkname: await readlink(absPath) })
      } else if (isDir) {
        entries.push({ ...base, type: 'directory', size: 0 })
        await walk(absPath, rel)
      } else if (info.isFile()) {
        if (unreadable) {
          throw new ContextProblem('contextPath', `Berth can't read ${rel} in the build context: ${words(unreadable)}. Fix its permissions or add it to .dockerignore.`)
        }
        entries.push({ ...base, type: 'file', size: info.size })
        totalBytes += info.size
      }
      // Sockets, pipes and devices are skipped: the engine could not use them in an image layer.
    }
  }
  await walk(context.root, '')
  const extra = context.externalDockerfile ? [{ name: context.dockerfileName, body: Buffer.from(context.dockerfileText, 'utf8') }] : []
  for (const file of extra) totalBytes += file.body.length
  return { root: context.root, entries, totalBytes, extra }
}
