/**
 * `npm run bench -- distribution`: push and pull of a ~100 MB multi-layer image through the test
 * registry (127.0.0.1:5000), Berth against the docker CLI in the same run.
 *
 * Berth's side is its handler path as the UI drives it: a `sub` frame into the Peer over the core's
 * handler table, frames JSON-encoded as the WebSocket would send them, timed until `end`. The CLI's
 * side is the preinstalled `docker` client on the same engine (DOCKER_HOST) with a temporary
 * DOCKER_CONFIG logged in by `docker login`; Berth's core reads that same config, so both send the
 * same credentials. Between runs the local image is removed (a pull always downloads and extracts
 * every layer but the shared base), and every push sends a freshly built image (new random layers)
 * so the registry never has the blobs already; who goes first alternates. One push and one pull
 * each go first as a warm-up and are not counted (the first transfer of a run also pays for the
 * registry's and engine's cold caches). Prints wall times and the ratio of medians (goal ≤ 1.05×)
 * and writes artifacts/bench-distribution.json.
 *
 * Each push leaves its blobs in the registry (only manifests can be deleted over the API; blobs go
 * with the registry's garbage collection): BENCH_DIST_RUNS × 2 × BENCH_DIST_MB per run.
 * Environment: BENCH_DIST_MB (100), BENCH_DIST_LAYERS (5), BENCH_DIST_RUNS (5), BENCH_STRICT=1.
 */
import { spawn } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createCore, type Core } from '../electron/core/app'
import { Peer } from '../electron/core/rpc/peer'
import type { ServerFrame } from '../shared/wire'
import type { EngineApi } from '../test/e2e/support/engine-api'
import { build, removeImage } from '../test/e2e/support/image-api'
import type { TestHost } from '../test/support/testHost'
import { positiveIntFromEnv, runBench, writeArtifact } from './harness'
import { printTable } from './stats'

const LABELS = { 'berth.test': '1', 'berth.test.area': 'distribution', 'berth.test.suite': 'bench-distribution' }
const GOAL_RATIO = 1.05

interface Timing {
  ms: number
  events: number
}

/** Runs a command, its output discarded (the CLI prints progress without a TTY too); rejects on a non-zero exit. */
function run(command: string, args: string[], env: NodeJS.ProcessEnv, input?: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { env, stdio: ['pipe', 'ignore', 'pipe'] })
    let stderr = ''
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
    child.on('error', reject)
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`${command} ${args.join(' ')} exited ${code}: ${stderr.trim()}`))))
    child.stdin.end(input ?? '')
  })
}

async function timeCli(args: string[], env: NodeJS.ProcessEnv): Promise<Timing> {
  const started = performance.now()
  await run('docker', args, env)
  return { ms: performance.now() - started, events: 0 }
}

/** One pull or push through the Peer, frames serialised as the WebSocket transport would. */
function timeBerth(core: Core, method: 'images.pull' | 'images.push', reference: string): Promise<Timing> {
  return new Promise((resolve, reject) => {
    let events = 0
    const started = performance.now()
    const peer = new Peer(core.handlers, (frame: ServerFrame) => {
      JSON.stringify(frame)
      if (frame.t === 'ev') events += 1
      else if (frame.t === 'end') resolve({ ms: performance.now() - started, events })
      else if (frame.t === 'err') reject(new Error(`${method} ${reference}: ${frame.error.message}`))
    })
    peer.receive({ t: 'sub', id: 1, method, input: { reference } })
  })
}

function layeredDockerfile(testImage: string, totalBytes: number, layers: number): string {
  const each = Math.floor(totalBytes / layers)
  // The nonce changes every later step's cache key: each build makes new random layers.
  return [`FROM ${testImage}`, `ENV BENCH_NONCE=${randomBytes(8).toString('hex')}`, ...Array.from({ length: layers }, (_, i) => `RUN head -c ${each} /dev/urandom > /layer-${i}.bin`)].join('\n')
}

async function deleteManifest(host: TestHost, repository: string, tag: string): Promise<void> {
  const authorization = `Basic ${Buffer.from(`${host.registry.user}:${host.registry.password}`).toString('base64')}`
  const head = await fetch(`${host.registry.url}/v2/${repository}/manifests/${tag}`, {
    method: 'HEAD',
    headers: { authorization, accept: 'application/vnd.docker.distribution.manifest.v2+json' }
  })
  const digest = head.headers.get('docker-content-digest')
  if (digest) await fetch(`${host.registry.url}/v2/${repository}/manifests/${digest}`, { method: 'DELETE', headers: { authorization } })
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  const middle = Math.floor(sorted.length / 2)
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
}

runBench('bench distribution', async ({ host, engine, onCleanup }) => {
  const megabytes = positiveIntFromEnv('BENCH_DIST_MB', 100)
  const layers = positiveIntFromEnv('BENCH_DIST_LAYERS', 5)
  const runs = positiveIntFromEnv('BENCH_DIST_RUNS', 5)
  const totalBytes = megabytes * 1_000_000
  const id = randomBytes(3).toString('hex')
  const registry = host.registry.host

  const dockerConfig = mkdtempSync(join(tmpdir(), 'berth-bench-docker-config-'))
  const cliEnv = { ...process.env, DOCKER_HOST: host.dockerHost, DOCKER_CONFIG: dockerConfig }
  await run('docker', ['login', registry, '-u', host.registry.user, '--password-stdin'], cliEnv, host.registry.password)
  const scratch = mkdtempSync(join(tmpdir(), 'berth-bench-dist-'))
  const core = await createCore({
    env: { PATH: process.env.PATH, DOCKER_HOST: host.dockerHost, DOCKER_CONFIG: dockerConfig },
    configDir: join(scratch, 'config'),
    homeDir: join(scratch, 'home')
  })
  const made: Array<{ repository: string; tag: string }> = []
  onCleanup(async () => {
    for (const { repository, tag } of made) {
      await removeImage(engine, `${registry}/${repository}:${tag}`, true).catch(() => {})
      await deleteManifest(host, repository, tag).catch(() => {})
    }
    await core.close()
    rmSync(dockerConfig, { recursive: true, force: true })
    rmSync(scratch, { recursive: true, force: true })
  })

  /** A fresh image (new random layers) named for the registry: what one push sends. */
  const freshImage = async (who: string, round: number): Promise<string> => {
    const repository = `distribution/bench-${id}-${who}-${round}`
    made.push({ repository, tag: 'v1' })
    const reference = `${registry}/${repository}:v1`
    await build(engine, reference, layeredDockerfile(host.testImage, totalBytes, layers), LABELS)
    return reference
  }

  console.log(`distribution: ${megabytes} MB in ${layers} layers, ${runs} runs each way, registry ${registry}`)
  const push = { berth: [] as Timing[], cli: [] as Timing[] }
  const pull = { berth: [] as Timing[], cli: [] as Timing[] }
  let pullReference = ''
  // Warm-up, not counted: one push each (and below, one pull each).
  for (const who of ['berth', 'cli'] as const) {
    const reference = await freshImage(`warm-${who}`, 0)
    if (who === 'berth') await timeBerth(core, 'images.push', reference)
    else await timeCli(['push', reference], cliEnv)
  }
  for (let round = 0; round < runs; round++) {
    const order = round % 2 === 0 ? (['berth', 'cli'] as const) : (['cli', 'berth'] as const)
    for (const who of order) {
      const reference = await freshImage(who, round)
      const timing = who === 'berth' ? await timeBerth(core, 'images.push', reference) : await timeCli(['push', reference], cliEnv)
      push[who].push(timing)
      console.log(`  push  ${who.padEnd(5)} ${(timing.ms / 1000).toFixed(2)} s${who === 'berth' ? ` (${timing.events} events)` : ''}`)
      pullReference ||= reference
    }
  }
  // Pulls: the first pushed image, removed locally before every pull.
  for (const who of ['berth', 'cli'] as const) {
    await removeLocal(engine, pullReference)
    if (who === 'berth') await timeBerth(core, 'images.pull', pullReference)
    else await timeCli(['pull', pullReference], cliEnv)
  }
  for (let round = 0; round < runs; round++) {
    const order = round % 2 === 0 ? (['berth', 'cli'] as const) : (['cli', 'berth'] as const)
    for (const who of order) {
      await removeLocal(engine, pullReference)
      const timing = who === 'berth' ? await timeBerth(core, 'images.pull', pullReference) : await timeCli(['pull', pullReference], cliEnv)
      pull[who].push(timing)
      console.log(`  pull  ${who.padEnd(5)} ${(timing.ms / 1000).toFixed(2)} s${who === 'berth' ? ` (${timing.events} events)` : ''}`)
    }
  }

  const rows = [['', 'Berth median', 'docker CLI median', 'ratio', `goal ≤ ${GOAL_RATIO}×`]]
  const results: Record<string, { berthMs: number; cliMs: number; ratio: number; met: boolean }> = {}
  for (const [name, timings] of Object.entries({ push, pull })) {
    const berthMs = median(timings.berth.map((t) => t.ms))
    const cliMs = median(timings.cli.map((t) => t.ms))
    const ratio = berthMs / cliMs
    results[name] = { berthMs, cliMs, ratio, met: ratio <= GOAL_RATIO }
    rows.push([name, `${(berthMs / 1000).toFixed(2)} s`, `${(cliMs / 1000).toFixed(2)} s`, `${ratio.toFixed(3)}×`, ratio <= GOAL_RATIO ? 'met' : 'MISSED'])
  }
  console.log('')
  printTable(rows)
  writeArtifact('bench-distribution.json', { when: new Date().toISOString(), megabytes, layers, runs, push, pull, results })
  return Object.values(results).every((result) => result.met)
})

/** Removes the image so the next pull fetches every layer again (the shared base layer stays, for both). */
async function removeLocal(engine: EngineApi, reference: string): Promise<void> {
  await removeImage(engine, reference, true).catch((err: { status?: number }) => {
    if (err.status !== 404) throw err
  })
}
