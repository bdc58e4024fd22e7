#!/usr/bin/env node
/**
 * `npm start`: builds when out/ is missing or older than the sources, then opens the desktop
 * window where Electron's binary and a display exist, and otherwise serves Berth to a browser.
 *   npm start                      desktop if possible, else browser mode
 *   npm start -- --browser         browser mode even where Electron could run
 *   npm start -- --port 0 --host … flags for browser mode (see `node out/main/serve.js --help`)
 */
import { spawn, spawnSync } from 'node:child_process'
import { readdirSync, statSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { electronBinaryPresent } from './electron-binary.mjs'

const projectRoot = join(dirname(fileURLToPath(import.meta.url)), '..')
const outDir = join(projectRoot, 'out')
const OUTPUTS = ['main/index.js', 'main/serve.js', 'preload/index.js', 'renderer/index.html'].map((p) => join(outDir, p))
const SOURCES = ['electron', 'shared', 'renderer', 'resources', 'electron.vite.config.ts', 'package.json']

function mtime(path) {
  try {
    return statSync(path).mtimeMs
  } catch {
    return undefined
  }
}

/** Newest modification time under `path` (a file or a directory tree). */
function newestMtime(path) {
  let stat
  try {
    stat = statSync(path)
  } catch {
    return 0
  }
  if (!stat.isDirectory()) return stat.mtimeMs
  let newest = stat.mtimeMs
  for (const entry of readdirSync(path, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name.startsWith('.')) continue
    newest = Math.max(newest, newestMtime(join(path, entry.name)))
  }
  return newest
}

function buildIsStale() {
  const outputTimes = OUTPUTS.map(mtime)
  if (outputTimes.some((t) => t === undefined)) return true
  const oldestOutput = Math.min(...outputTimes)
  return SOURCES.some((source) => newestMtime(join(projectRoot, source)) > oldestOutput)
}

function build() {
  process.stderr.write('berth: building (out/ is missing or older than the sources)…\n')
  const cli = join(projectRoot, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js')
  const result = spawnSync(process.execPath, [cli, 'build'], { cwd: projectRoot, stdio: ['ignore', 2, 2] })
  if (result.status !== 0) {
    process.stderr.write('berth: the build failed; see the messages above.\n')
    process.exit(result.status ?? 1)
  }
}

function hasDisplay() {
  if (process.platform === 'darwin' || process.platform === 'win32') return true
  return Boolean(process.env.DISPLAY || process.env.WAYLAND_DISPLAY)
}

/** Runs `command` with our stdio, forwards Ctrl+C / SIGTERM, and exits with its status. */
function runChild(command, args) {
  const child = spawn(command, args, { cwd: projectRoot, stdio: 'inherit' })
  const forward = (signal) => child.kill(signal)
  process.on('SIGINT', forward)
  process.on('SIGTERM', forward)
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 0 : 1)))
  child.on('error', (err) => {
    process.stderr.write(`berth: could not start ${command}: ${err.message}\n`)
    process.exit(1)
  })
}

const args = process.argv.slice(2)
const forceBrowser = args.includes('--browser')
const passThrough = args.filter((arg) => arg !== '--browser')

if (buildIsStale()) build()

const electronDir = join(projectRoot, 'node_modules', 'electron')
let whyBrowser
if (forceBrowser) whyBrowser = '--browser was given'
else if (!electronBinaryPresent(electronDir)) whyBrowser = 'no Electron binary (see the install message)'
else if (!hasDisplay()) whyBrowser = 'no display (DISPLAY / WAYLAND_DISPLAY are not set)'
// Chromium refuses to run its sandbox as root, and Berth will not turn the sandbox off.
else if (process.platform === 'linux' && process.getuid?.() === 0) whyBrowser = 'running as root (Electron needs its sandbox)'

if (whyBrowser === undefined) {
  const { createRequire } = await import('node:module')
  const electronPath = createRequire(import.meta.url)(electronDir)
  runChild(electronPath, ['.', ...passThrough])
} else {
  process.stderr.write(`berth: browser mode: ${whyBrowser}.\n`)
  runChild(process.execPath, [join(outDir, 'main', 'serve.js'), ...passThrough])
}
