/**
 * The guest image: built by resources/vm/build.sh from Debian's packages into a cache shared by
 * every VM (and every test run), keyed by the recipe's own hash, so a second build is instant and
 * a recipe change builds a new image beside the old one. The build prints
 * `berth-vm-build: <step> (<seconds>s)` lines, turned here into progress, and its last line is
 * the image folder, whose manifest.json says what the manager needs (kernel command line, sizes).
 */
import { spawn } from 'node:child_process'
import { existsSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import { homedir } from 'node:os'
import { join, resolve } from 'node:path'
import { z } from 'zod'
import { RpcError } from '../../../shared/errors'
import type { VmBuildProgress } from '../../../shared/vm-models'

export const ImageManifest = z.object({
  key: z.string(),
  kernelVersion: z.string(),
  cmdline: z.string(),
  sizes: z.object({ vmlinuz: z.number(), initrd: z.number(), rootImageBytes: z.number(), rootImageAllocatedBytes: z.number().optional() })
})
export type ImageManifest = z.infer<typeof ImageManifest>

export interface GuestImage {
  dir: string
  kernel: string
  initrd: string
  rootImage: string
  manifest: ImageManifest
}

/** The build's steps, in order, as the recipe names them: the progress bar's denominator. */
const KNOWN_STEPS = ['debootstrap', 'kernel', 'modules', 'initramfs', 'configure', 'root.img', 'manifest', 'done']

export function vmCacheDir(env: NodeJS.ProcessEnv, home = homedir()): string {
  return env.BERTH_VM_CACHE || join(env.XDG_CACHE_HOME || join(home, '.cache'), 'berth', 'vm')
}

/** resources/vm, from the source tree (browser mode, tests) or beside the packaged app. */
export function findRecipeDir(env: NodeJS.ProcessEnv, starts: string[] = [process.cwd(), __dirname]): string | undefined {
  if (env.BERTH_VM_RECIPE) return env.BERTH_VM_RECIPE
  for (const start of starts) {
    let dir = resolve(start)
    for (let depth = 0; depth < 6; depth += 1) {
      const candidate = join(dir, 'resources', 'vm')
      if (existsSync(join(candidate, 'build.sh'))) return candidate
      dir = resolve(dir, '..')
    }
  }
  return undefined
}

export async function readImage(dir: string): Promise<GuestImage> {
  const manifest = ImageManifest.parse(JSON.parse(await readFile(join(dir, 'manifest.json'), 'utf8')))
  return { dir, kernel: join(dir, 'vmlinuz'), initrd: join(dir, 'initrd.img'), rootImage: join(dir, 'root.img'), manifest }
}

export function buildStepOf(line: string): string | undefined {
  return /^berth-vm-build: (.+?) \(\d+(?:\.\d+)?s\)\s*$/.exec(line.trim())?.[1]
}

/** Builds (or finds, when cached) the image; `onProgress` hears each step. */
export async function ensureImage(
  recipeDir: string,
  cacheDir: string,
  onProgress: (progress: VmBuildProgress) => void,
  signal?: AbortSignal,
  log?: (message: string) => void
): Promise<GuestImage> {
  const started = Date.now()
  const child = spawn('bash', [join(recipeDir, 'build.sh'), '--out', cacheDir], { stdio: ['ignore', 'pipe', 'pipe'], signal })
  let lastLine = ''
  let tail = ''
  let partial = ''
  child.stdout.setEncoding('utf8')
  child.stdout.on('data', (chunk: string) => {
    const lines = (partial + chunk).split('\n')
    partial = lines.pop() ?? ''
    for (const line of lines) {
      if (!line.trim()) continue
      lastLine = line.trim()
      const step = buildStepOf(line)
      if (step) {
        const index = KNOWN_STEPS.findIndex((known) => step.toLowerCase().startsWith(known))
        onProgress({ step, elapsedMs: Date.now() - started, done: index < 0 ? 0 : index + 1, total: KNOWN_STEPS.length })
      }
    }
  })
  child.stderr.setEncoding('utf8')
  child.stderr.on('data', (chunk: string) => (tail = (tail + chunk).slice(-4000)))
  const code = await new Promise<number | null>((resolveExit, reject) => {
    child.once('error', (err) => reject(err))
    child.once('close', (exitCode) => resolveExit(exitCode))
  }).catch((err: Error) => {
    if (signal?.aborted) throw new RpcError('CANCELLED', 'The VM image build was cancelled.')
    throw new RpcError('INTERNAL', `Could not run the VM image build: ${err.message}`)
  })
  if (partial.trim()) lastLine = partial.trim()
  if (code !== 0) {
    log?.(`vm: image build failed (exit ${code}): ${tail}`)
    const said = tail.trim().split('\n').slice(-3).join(' ').slice(0, 600)
    throw new RpcError('INTERNAL', `Building the VM image failed (exit ${code}): ${said || 'no message'}. The full output is in Berth's log.`)
  }
  return readImage(lastLine)
}
