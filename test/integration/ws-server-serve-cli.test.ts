/**
 * The browser-mode CLI (out/main/serve.js) as a person runs it: built once (main only) into a
 * scratch dir inside the repo (so node_modules resolves), then spawned with the test engine.
 */
import { spawn, spawnSync, type ChildProcessWithoutNullStreams } from 'node:child_process'
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { loadTestHost } from '../support/testHost'
import { openConnection } from './support/wsClient'

const repoRoot = resolve(__dirname, '../..')
const buildRoot = join(repoRoot, '.berth-test')
let outDir: string
let scratch: string
let serveJs: string
const children: ChildProcessWithoutNullStreams[] = []

const LINE = /^Berth is serving at (http:\/\/127\.0\.0\.1:(\d+)\/)\?token=([A-Za-z0-9_-]+)$/

beforeAll(() => {
  mkdirSync(buildRoot, { recursive: true })
  outDir = mkdtempSync(join(buildRoot, 'serve-cli-'))
  const cli = join(repoRoot, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js')
  const built = spawnSync(process.execPath, [cli, 'build', '--outDir', outDir, '--logLevel', 'error'], {
    cwd: repoRoot,
    env: { ...process.env, BERTH_BUILD_ONLY: 'main' },
    encoding: 'utf8'
  })
  if (built.status !== 0) throw new Error(`build failed: ${built.stderr}`)
  serveJs = join(outDir, 'main', 'serve.js')
  mkdirSync(join(outDir, 'renderer'))
  writeFileSync(join(outDir, 'renderer', 'index.html'), '<!doctype html><title>Berth</title><div id="root"></div>')
  scratch = mkdtempSync(join(tmpdir(), 'berth-serve-cli-'))
})

afterAll(() => {
  for (const child of children) if (child.exitCode === null) child.kill('SIGKILL')
  rmSync(outDir, { recursive: true, force: true })
  rmSync(scratch, { recursive: true, force: true })
})

function serveEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const { dockerHost } = loadTestHost()
  return { PATH: process.env.PATH, HOME: scratch, BERTH_CONFIG_DIR: join(scratch, 'config'), DOCKER_HOST: dockerHost, ...extra }
}

interface Started {
  child: ChildProcessWithoutNullStreams
  line: string
  stderr: () => string
  /** The exit code, or the signal's name if a signal killed it. */
  exit: Promise<number | string | null>
}

/** Spawns serve.js and resolves with its first stdout line. */
function startServe(args: string[], env = serveEnv()): Promise<Started> {
  const child = spawn(process.execPath, [serveJs, ...args], { env })
  children.push(child)
  let stdout = ''
  let stderr = ''
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk))
  const exit = new Promise<number | string | null>((done) => child.once('exit', (code, signal) => done(code ?? signal)))
  return new Promise((resolveStart, reject) => {
    const timer = setTimeout(() => reject(new Error(`no address line; stderr: ${stderr}`)), 15_000)
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk
      const newline = stdout.indexOf('\n')
      if (newline >= 0) {
        clearTimeout(timer)
        resolveStart({ child, line: stdout.slice(0, newline), stderr: () => stderr, exit })
      }
    })
    void exit.then((code) => reject(new Error(`serve.js exited with ${code} before printing; stderr: ${stderr}`)))
  })
}

describe('serve.js', () => {
  it('--help prints the usage and exits 0', () => {
    const result = spawnSync(process.execPath, [serveJs, '--help'], { env: serveEnv(), encoding: 'utf8' })
    expect(result.status).toBe(0)
    for (const flag of ['--host', '--port', '--token-file', 'BERTH_TOKEN']) expect(result.stdout).toContain(flag)
  })

  it('refuses unknown flags and bad ports with exit 2 and a reason', () => {
    const unknown = spawnSync(process.execPath, [serveJs, '--frobnicate'], { env: serveEnv(), encoding: 'utf8' })
    expect(unknown.status).toBe(2)
    expect(unknown.stderr).toMatch(/frobnicate/)
    const badPort = spawnSync(process.execPath, [serveJs, '--port', '70000'], { env: serveEnv(), encoding: 'utf8' })
    expect(badPort.status).toBe(2)
    expect(badPort.stderr).toMatch(/--port/)
  })

  it('--port 0 prints one address line that works, writes the token file 0600, and exits 0 on SIGTERM', async () => {
    const tokenFile = join(scratch, 'token')
    const started = await startServe(['--port', '0', '--token-file', tokenFile])
    const match = LINE.exec(started.line)
    expect(match, started.line).not.toBeNull()
    const [, base, port, token] = match ?? []
    expect(readFileSync(tokenFile, 'utf8').trim()).toBe(token)
    expect(statSync(tokenFile).mode & 0o777).toBe(0o600)

    const signIn = await fetch(`${base}?token=${token}`, { redirect: 'manual' })
    expect(signIn.status).toBe(303)
    const cookie = (signIn.headers.get('set-cookie') ?? '').split(';')[0]
    const page = await fetch(new URL(signIn.headers.get('location') ?? '', base), { headers: { cookie } })
    expect(page.status).toBe(200)
    expect(await page.text()).toContain('<div id="root"></div>')
    expect((await fetch(base)).status).toBe(401)

    const c = await openConnection(`ws://127.0.0.1:${port}/rpc?token=${token}`)
    c.socket.send(JSON.stringify({ t: 'call', id: 1, method: 'engines.list', input: {} }))
    const [frame] = await c.waitFor(1)
    expect(frame).toMatchObject({ t: 'ok', id: 1 })
    c.socket.close()

    started.child.kill('SIGTERM')
    expect(await started.exit).toBe(0)
  })

  it('--token-file tightens an existing 0644 file to 0600 before writing the token into it', async () => {
    const tokenFile = join(scratch, 'token-was-public')
    writeFileSync(tokenFile, 'old contents\n')
    chmodSync(tokenFile, 0o644)
    const started = await startServe(['--port', '0', '--token-file', tokenFile])
    const token = LINE.exec(started.line)?.[3]
    expect(readFileSync(tokenFile, 'utf8')).toBe(`${token}\n`)
    expect((statSync(tokenFile).mode & 0o777).toString(8)).toBe('600')
    started.child.kill('SIGTERM')
    expect(await started.exit).toBe(0)
  })

  it('--token-file into a missing folder says so in one sentence (no stack) and exits 2', () => {
    const tokenFile = join(scratch, 'no-such-folder', 'token')
    const result = spawnSync(process.execPath, [serveJs, '--port', '0', '--token-file', tokenFile], { env: serveEnv(), encoding: 'utf8' })
    expect(result.status, result.stderr).toBe(2)
    expect(result.stderr).toBe(`berth: cannot write the token to --token-file ${tokenFile}: its folder does not exist.\n`)
    expect(result.stderr).not.toMatch(/^ {4}at /m)
    expect(result.stdout).toBe('')
  })

  it('uses BERTH_TOKEN when set and warns loudly on a non-loopback host', async () => {
    const fixed = 'fixed-token-for-tests-0123456789'
    const started = await startServe(['--port', '0', '--host', '0.0.0.0'], serveEnv({ BERTH_TOKEN: fixed }))
    expect(started.line).toMatch(new RegExp(`^Berth is serving at http://0\\.0\\.0\\.0:\\d+/\\?token=${fixed}$`))
    expect(started.stderr()).toMatch(/not on loopback/)
    started.child.kill('SIGINT')
    expect(await started.exit, started.stderr()).toBe(0)
  })

  it('refuses a BERTH_TOKEN that is too short', () => {
    const result = spawnSync(process.execPath, [serveJs, '--port', '0'], { env: serveEnv({ BERTH_TOKEN: 'short' }), encoding: 'utf8' })
    expect(result.status).toBe(2)
    expect(result.stderr).toMatch(/BERTH_TOKEN/)
  })
})
