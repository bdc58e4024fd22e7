#!/usr/bin/env node
/**
 * postinstall: makes sure Electron's binary is present, without ever failing the install.
 * package.json keeps npm from running electron's own install script (it fails where its download
 * host is unreachable, which would fail `npm ci`). Here we run that same script ourselves, bounded
 * in time, and where it cannot work we say so in one line: Berth then runs in the browser.
 */
import { spawn } from 'node:child_process'
import { existsSync } from 'node:fs'
import { connect } from 'node:net'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { electronBinaryPresent } from './electron-binary.mjs'

const INSTALL_TIMEOUT_MS = Number(process.env.BERTH_ELECTRON_FETCH_TIMEOUT_MS ?? 60_000)
const PROBE_TIMEOUT_MS = 5_000

const projectRoot = join(dirname(fileURLToPath(import.meta.url)), '..')
const electronDir = join(projectRoot, 'node_modules', 'electron')

function unavailable(reason) {
  console.log(`desktop window unavailable: ${reason}; \`npm start\` will serve Berth in your browser`)
  process.exit(0)
}

/** Where @electron/get will download from (it honours these variables too). */
function downloadEndpoint() {
  const mirror = process.env.ELECTRON_MIRROR ?? process.env.npm_config_electron_mirror
  if (!mirror) return { host: 'github.com', port: 443 }
  try {
    const url = new URL(mirror)
    return { host: url.hostname, port: Number(url.port) || (url.protocol === 'http:' ? 80 : 443) }
  } catch {
    return undefined
  }
}

/** Fails fast (DNS error, refused) where the host cannot be reached, instead of waiting a minute. */
function probe({ host, port }) {
  return new Promise((resolveProbe) => {
    const socket = connect({ host, port })
    const done = (problem) => {
      socket.destroy()
      resolveProbe(problem)
    }
    socket.setTimeout(PROBE_TIMEOUT_MS, () => done(`${host} did not answer`))
    socket.once('connect', () => done(undefined))
    socket.once('error', (err) => done(`cannot reach ${host} (${err.code ?? err.message})`))
  })
}

function runInstaller() {
  return new Promise((resolveRun) => {
    const child = spawn(process.execPath, [join(electronDir, 'install.js')], {
      cwd: electronDir,
      stdio: ['ignore', 'ignore', 'pipe'],
      // Its own process group, so a timeout also stops anything it started.
      detached: process.platform !== 'win32'
    })
    let stderr = ''
    child.stderr.on('data', (chunk) => {
      stderr = (stderr + chunk).slice(-4000)
    })
    const timer = setTimeout(() => {
      try {
        if (process.platform === 'win32') child.kill()
        else process.kill(-child.pid, 'SIGKILL')
      } catch {
        // Already gone.
      }
      resolveRun({ ok: false, reason: `download did not finish within ${Math.round(INSTALL_TIMEOUT_MS / 1000)} s` })
    }, INSTALL_TIMEOUT_MS)
    child.once('error', (err) => {
      clearTimeout(timer)
      resolveRun({ ok: false, reason: err.message })
    })
    child.once('exit', (code) => {
      clearTimeout(timer)
      if (code === 0) return resolveRun({ ok: true })
      const firstLine = stderr.split('\n').map((l) => l.trim()).find((l) => l.length > 0 && !l.startsWith('at '))
      resolveRun({ ok: false, reason: (firstLine ?? `installer exited with ${code}`).replace(/^Error:\s*/, '').slice(0, 160) })
    })
  })
}

async function main() {
  if (!existsSync(join(electronDir, 'package.json'))) return // A production install without dev tools.
  if (electronBinaryPresent(electronDir)) return
  if (process.env.ELECTRON_SKIP_BINARY_DOWNLOAD && process.env.ELECTRON_SKIP_BINARY_DOWNLOAD !== '0') {
    unavailable('ELECTRON_SKIP_BINARY_DOWNLOAD is set')
  }
  if (process.env.CI && process.env.CI !== 'false' && !process.env.BERTH_FETCH_ELECTRON) {
    unavailable('CI environment (set BERTH_FETCH_ELECTRON=1 to download anyway)')
  }
  const usesProxy = ['HTTPS_PROXY', 'https_proxy', 'npm_config_https_proxy'].some((name) => process.env[name])
  const endpoint = downloadEndpoint()
  if (endpoint && !usesProxy) {
    const problem = await probe(endpoint)
    if (problem) unavailable(problem)
  }
  const result = await runInstaller()
  if (result.ok && electronBinaryPresent(electronDir)) {
    console.log('Electron binary installed: `npm start` opens the desktop window')
    return
  }
  unavailable(result.ok ? 'the installer finished but no binary was found' : result.reason)
}

main().catch((err) => unavailable(err instanceof Error ? err.message : String(err)))
