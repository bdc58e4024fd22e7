#!/usr/bin/env node
/**
 * `npm run bench`: compiles each scenario's entry (bench/*-main.ts, and what it imports from
 * test/) into one CommonJS file with rolldown, then runs it with this Node.
 *   npm run bench                          every scenario on Docker, then the Podman ones, one after
 *                                          another, then a one-line-each summary labelled by engine
 *   npm run bench -- logs [args]           one scenario (on Docker)
 *   npm run bench -- logs --engine podman  one scenario on the test host's Podman
 *   npm run bench -- --engine podman       every scenario that runs on Podman
 *   npm run bench -- --dry-run             prints what would run, in order, and stops
 * The engine reaches the scenario as BENCH_ENGINE (bench/harness.ts reads it); setting that
 * variable directly is the same as --engine.
 *
 * Why rolldown: Node 20 cannot run TypeScript (no --experimental-strip-types), vite-node and
 * esbuild are not installed, and rolldown is vite 8's own bundler, so it is always present with
 * our pinned vite. Packages stay external (resolved from node_modules at run time); only our
 * TypeScript is bundled. The bundles go to .berth-test/bench/ (git-ignored).
 * Scenarios run one at a time: on a 2-core machine two benches at once measure each other.
 */
import { spawn } from 'node:child_process'
import { mkdirSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { rolldown } from 'rolldown'

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..')
const SCENARIOS = {
  list: 'bench/main.ts',
  logs: 'bench/logs-main.ts',
  terminal: 'bench/terminal-main.ts',
  stats: 'bench/stats-main.ts',
  build: 'bench/build-main.ts',
  volumes: 'bench/volumes-main.ts',
  files: 'bench/files-main.ts',
  distribution: 'bench/distribution-main.ts',
  images: 'bench/images-main.ts',
  ssh: 'bench/ssh-main.ts',
  vm: 'bench/vm-main.ts'
}

/** The scenarios that also measure the test host's Podman (against its own raw API); the rest are Docker only. */
const ON_PODMAN = new Set(['list', 'logs', 'terminal'])
const ENGINES = ['docker', 'podman']

function fail(message) {
  console.error(`bench: ${message}`)
  process.exit(2)
}

/** `--engine podman` (or `--engine=podman`) and `--dry-run`, anywhere after the scenario; taken out of what the scenario gets. */
function takeOptions(args) {
  const rest = []
  let engine = process.env.BENCH_ENGINE || undefined
  let dryRun = false
  for (let index = 0; index < args.length; index++) {
    const arg = args[index]
    if (arg === '--engine') engine = args[++index] ?? ''
    else if (arg.startsWith('--engine=')) engine = arg.slice('--engine='.length)
    else if (arg === '--dry-run') dryRun = true
    else rest.push(arg)
  }
  if (engine !== undefined && !ENGINES.includes(engine)) fail(`--engine takes ${ENGINES.join(' or ')}, not "${engine}"`)
  return { engine, dryRun, rest }
}

const requested = process.argv[2] && !process.argv[2].startsWith('-') ? process.argv[2] : undefined
if (requested && !(requested in SCENARIOS)) fail(`no scenario "${requested}"; pick one of ${Object.keys(SCENARIOS).join(', ')}`)
const { engine: chosenEngine, dryRun, rest: extraArgs } = takeOptions(process.argv.slice(requested ? 3 : 2))
const onEngine = (engine) => (name) => engine === 'docker' || ON_PODMAN.has(name)
if (requested && chosenEngine && !onEngine(chosenEngine)(requested)) {
  fail(`"${requested}" runs on Docker only; the scenarios on Podman are ${[...ON_PODMAN].join(', ')}`)
}
const outDir = join(root, '.berth-test/bench')
mkdirSync(outDir, { recursive: true })

async function bundleScenario(name) {
  const outFile = join(outDir, `bench-${name}.cjs`)
  const bundle = await rolldown({
    input: join(root, SCENARIOS[name]),
    platform: 'node',
    // Bare specifiers (packages, node: builtins) load at run time; relative imports are ours and get bundled.
    external: (id) => !id.startsWith('.') && !id.startsWith('/') && !id.startsWith('\0'),
    logLevel: 'warn'
  })
  await bundle.write({ file: outFile, format: 'cjs', sourcemap: true })
  await bundle.close()
  return outFile
}

function run(file, engine) {
  return new Promise((resolveRun) => {
    const env = { ...process.env, BENCH_ENGINE: engine }
    const child = spawn(process.execPath, ['--enable-source-maps', file, ...extraArgs], { stdio: 'inherit', cwd: root, env })
    child.on('exit', (code, signal) => resolveRun(code ?? (signal ? 1 : 0)))
  })
}

// Ctrl-C goes to the child too (same process group); waiting lets its cleanup finish.
process.on('SIGINT', () => {})

/** What runs, in order: [scenario, engine]. A full run does every Docker scenario first, then the Podman ones. */
function plan() {
  const names = requested ? [requested] : Object.keys(SCENARIOS)
  const engines = chosenEngine ? [chosenEngine] : requested ? ['docker'] : ENGINES
  return engines.flatMap((engine) => names.filter(onEngine(engine)).map((name) => ({ name, engine })))
}

const runs = plan()
if (dryRun) {
  for (const { name, engine } of runs) console.log(`${name} on ${engine} (${SCENARIOS[name]})`)
  process.exit(0)
}
const bundles = new Map()
const results = []
for (const { name, engine } of runs) {
  if (runs.length > 1) console.log(`\n===== bench: ${name} on ${engine} =====\n`)
  if (!bundles.has(name)) bundles.set(name, await bundleScenario(name))
  const started = Date.now()
  const code = await run(bundles.get(name), engine)
  results.push({ name, engine, code, seconds: (Date.now() - started) / 1000 })
}
if (runs.length > 1) {
  console.log('\n===== bench summary =====')
  for (const r of results) console.log(`${r.name.padEnd(13)} ${r.engine.padEnd(7)} ${r.code === 0 ? 'ok' : `exit ${r.code}`}  (${r.seconds.toFixed(0)} s)`)
}
process.exit(results.every((r) => r.code === 0) ? 0 : 1)
