/**
 * The build bench: one 10-step Dockerfile FROM the test image, with a context of small files and
 * one larger file, built cold (no cache) and cached by Berth's build path (the core's build.run
 * handler: context walk + .dockerignore, streamed tar, progress parsed into step events) and by
 * the docker CLI's classic builder (`DOCKER_BUILDKIT=0 docker build`) against the same engine,
 * alternating run by run so both see the same machine load.
 */
import { execFile } from 'node:child_process'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { randomBytes } from 'node:crypto'
import { createCore, type Core } from '../electron/core/app'
import { BuildOptions, type BuildEvent, type BuildRecord } from '../shared/build-models'
import type { EngineApi } from '../test/e2e/support/engine-api'

const run = promisify(execFile)

export const BENCH_LABELS = [
  { name: 'berth.test', value: '1' },
  { name: 'berth.test.area', value: 'build' },
  { name: 'berth.bench', value: 'build' }
]
export const BENCH_LABEL_FILTERS = BENCH_LABELS.map((label) => `${label.name}=${label.value}`)

export interface BuildBenchOptions {
  runs: number
  smallFiles: number
  largeFileBytes: number
}

export interface BuildBenchReport {
  steps: number
  contextBytes: number
  cold: { berthMs: number[]; cliMs: number[] }
  cached: { berthMs: number[]; cliMs: number[] }
  berthCachedSteps: number
}

/** FROM + 9 instructions = 10 steps (plus one LABEL step per label, the same for both builders). */
export function benchDockerfile(testImage: string): string {
  return [
    `FROM ${testImage}`,
    'ENV BENCH=1',
    'WORKDIR /app',
    'RUN echo one > /app/one && sync',
    'COPY small/ /app/small/',
    'RUN ls /app/small | wc -l > /app/count',
    'COPY large.bin /app/large.bin',
    'RUN md5sum /app/large.bin > /app/large.md5',
    'RUN for i in 1 2 3 4 5 6 7 8 9 10; do echo line $i; done',
    'CMD ["sh"]'
  ].join('\n')
}

export function makeBenchContext(testImage: string, options: BuildBenchOptions): string {
  const dir = mkdtempSync(join(tmpdir(), 'berth-bench-build-'))
  writeFileSync(join(dir, 'Dockerfile'), benchDockerfile(testImage))
  writeFileSync(join(dir, '.dockerignore'), 'ignored/\n*.tmp\n')
  mkdirSync(join(dir, 'small'))
  for (let i = 0; i < options.smallFiles; i++) writeFileSync(join(dir, 'small', `file-${i}.txt`), `small file ${i}\n`.repeat(20))
  mkdirSync(join(dir, 'ignored'))
  writeFileSync(join(dir, 'ignored', 'skip.bin'), randomBytes(1024 * 1024))
  writeFileSync(join(dir, 'large.bin'), randomBytes(options.largeFileBytes))
  return dir
}

async function berthBuild(core: Core, contextPath: string, tag: string, noCache: boolean): Promise<{ ms: number; record: BuildRecord }> {
  const options = BuildOptions.parse({ contextPath, tags: [tag], noCache, labels: BENCH_LABELS })
  let record: BuildRecord | undefined
  const started = performance.now()
  await core.handlers['build.run']({ ...options, buildId: `bench-${randomBytes(6).toString('hex')}` }, (event: BuildEvent) => {
    if (event.kind === 'result') record = event.record
  }, new AbortController().signal)
  const ms = performance.now() - started
  if (!record || record.status !== 'succeeded') throw new Error(`Berth's build failed: ${record?.failure?.message ?? 'no result'}`)
  return { ms, record }
}

async function cliBuild(dockerHost: string, contextPath: string, tag: string, noCache: boolean): Promise<number> {
  // Plain `docker build`, as the goal names it: with -q the engine would leave out the step output
  // that Berth asks for (it shows it), and the two would not be doing the same work.
  const args = ['build', '-t', tag, ...BENCH_LABELS.flatMap((label) => ['--label', `${label.name}=${label.value}`])]
  if (noCache) args.push('--no-cache')
  args.push(contextPath)
  const started = performance.now()
  await run('docker', args, { env: { ...process.env, DOCKER_BUILDKIT: '0', DOCKER_HOST: dockerHost }, maxBuffer: 16 * 1024 * 1024 })
  return performance.now() - started
}

/** Removes the bench's images (tagged and the untagged ones no-cache runs leave), until none is left. */
export async function removeBenchImages(engine: EngineApi): Promise<number> {
  let total = 0
  for (let pass = 0; pass < 5; pass++) {
    const removed = await engine.removeImagesLabelled(BENCH_LABEL_FILTERS)
    total += removed
    if (removed === 0) break
  }
  return total
}

export async function runBuildBench(
  dockerHost: string,
  testImage: string,
  options: BuildBenchOptions,
  log: (line: string) => void
): Promise<BuildBenchReport> {
  const contextPath = makeBenchContext(testImage, options)
  const configDir = mkdtempSync(join(tmpdir(), 'berth-bench-config-'))
  const core = await createCore({ env: { PATH: process.env.PATH, DOCKER_HOST: dockerHost }, configDir, homeDir: configDir })
  const report: BuildBenchReport = { steps: 0, contextBytes: 0, cold: { berthMs: [], cliMs: [] }, cached: { berthMs: [], cliMs: [] }, berthCachedSteps: 0 }
  const berthTag = 'build-bench-berth:latest'
  const cliTag = 'build-bench-cli:latest'
  try {
    // Warm-up: both paths once (page cache, engine's first-build costs), not counted.
    const warm = await berthBuild(core, contextPath, berthTag, false)
    await cliBuild(dockerHost, contextPath, cliTag, false)
    report.steps = warm.record.steps
    report.contextBytes = warm.record.contextBytes
    for (const [kind, noCache] of [['cold', true], ['cached', false]] as const) {
      for (let i = 0; i < options.runs; i++) {
        // Alternate who goes first so neither always meets a warmer (or busier) engine.
        const berthFirst = i % 2 === 0
        if (!berthFirst) report[kind].cliMs.push(await cliBuild(dockerHost, contextPath, cliTag, noCache))
        const berth = await berthBuild(core, contextPath, berthTag, noCache)
        report[kind].berthMs.push(berth.ms)
        if (kind === 'cached') report.berthCachedSteps = berth.record.cachedSteps
        if (berthFirst) report[kind].cliMs.push(await cliBuild(dockerHost, contextPath, cliTag, noCache))
        log(`  ${kind} run ${i + 1}/${options.runs}: Berth ${report[kind].berthMs.at(-1)?.toFixed(0)} ms, docker ${report[kind].cliMs.at(-1)?.toFixed(0)} ms`)
      }
    }
    return report
  } finally {
    await core.close()
    rmSync(contextPath, { recursive: true, force: true })
    rmSync(configDir, { recursive: true, force: true })
  }
}
