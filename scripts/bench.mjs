#!/usr/bin/env node
/**
 * `npm run bench`: compiles each scenario's entry (bench/*-main.ts, and what it imports from
 * test/) into one CommonJS file with rolldown, then runs it with this Node.
 *   npm run bench                 every scenario, one after another, then a one-line-each summary
 *   npm run bench -- logs [args]  one scenario
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
  ssh: 'bench/ssh-main.ts'
}

const requested = process.argv[2] && !process.argv[2].startsWith('-') ? process.argv[2] : undefined
if (requested && !(requested in SCENARIOS)) {
  console.error(`bench: no scenario "${requested}"; pick one of ${Object.keys(SCENARIOS).join(', ')}`)
  process.exit(2)
}
const extraArgs = process.argv.slice(requested ? 3 : 2)
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

function run(file) {
  return new Promise((resolveRun) => {
    const child = spawn(process.execPath, ['--enable-source-maps', file, ...extraArgs], { stdio: 'inherit', cwd: root })
    child.on('exit', (code, signal) => resolveRun(code ?? (signal ? 1 : 0)))
  })
}

// Ctrl-C goes to the child too (same process group); waiting lets its cleanup finish.
process.on('SIGINT', () => {})

const names = requested ? [requested] : Object.keys(SCENARIOS)
const results = []
for (const name of names) {
  if (names.length > 1) console.log(`\n===== bench: ${name} =====\n`)
  const started = Date.now()
  const code = await run(await bundleScenario(name))
  results.push({ name, code, seconds: (Date.now() - started) / 1000 })
}
if (names.length > 1) {
  console.log('\n===== bench summary =====')
  for (const r of results) console.log(`${r.name.padEnd(9)} ${r.code === 0 ? 'ok' : `exit ${r.code}`}  (${r.seconds.toFixed(0)} s)`)
}
process.exit(results.every((r) => r.code === 0) ? 0 : 1)
