#!/usr/bin/env node
/**
 * `npm run bench`: compiles bench/main.ts (and what it imports from test/) into one CommonJS
 * file with rolldown, then runs it with this Node.
 *
 * Why rolldown: Node 20 cannot run TypeScript (no --experimental-strip-types), vite-node and
 * esbuild are not installed, and rolldown is vite 8's own bundler, so it is always present with
 * our pinned vite. Packages stay external (resolved from node_modules at run time); only our
 * TypeScript is bundled. The bundle goes to .berth-test/bench/ (git-ignored).
 */
import { spawn } from 'node:child_process'
import { mkdirSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { rolldown } from 'rolldown'

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..')
/** `npm run bench` runs the container-list bench; `npm run bench -- <scenario>` runs one area's. */
const SCENARIOS = { list: 'bench/main.ts', logs: 'bench/logs-main.ts', terminal: 'bench/terminal-main.ts', stats: 'bench/stats-main.ts' }
const scenario = process.argv[2] && !process.argv[2].startsWith('-') ? process.argv[2] : 'list'
if (!(scenario in SCENARIOS)) {
  console.error(`bench: no scenario "${scenario}"; pick one of ${Object.keys(SCENARIOS).join(', ')}`)
  process.exit(2)
}
const outDir = join(root, '.berth-test/bench')
const outFile = join(outDir, `bench-${scenario}.cjs`)

mkdirSync(outDir, { recursive: true })
const bundle = await rolldown({
  input: join(root, SCENARIOS[scenario]),
  platform: 'node',
  // Bare specifiers (packages, node: builtins) load at run time; relative imports are ours and get bundled.
  external: (id) => !id.startsWith('.') && !id.startsWith('/') && !id.startsWith('\0'),
  logLevel: 'warn'
})
await bundle.write({ file: outFile, format: 'cjs', sourcemap: true })
await bundle.close()

const child = spawn(process.execPath, ['--enable-source-maps', outFile, ...process.argv.slice(scenario === process.argv[2] ? 3 : 2)], { stdio: 'inherit', cwd: root })
// Ctrl-C goes to the child too (same process group); wait for it so its cleanup can finish.
process.on('SIGINT', () => {})
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)))
