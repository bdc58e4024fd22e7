/**
 * Browser mode: serves the built renderer and the RPC WebSocket from plain Node (no Electron).
 *   node out/main/serve.js [--host 127.0.0.1] [--port 7780] [--token-file PATH]
 * Prints exactly one line to stdout (the address with its token); everything else goes to stderr,
 * so scripts and tests can read the address from stdout alone.
 */
import { randomBytes } from 'node:crypto'
import { closeSync, fchmodSync, openSync, writeSync } from 'node:fs'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { createCore } from './core/app'
import { startServer, type ServerLog } from './core/rpc/ws-server'
import { httpTransfersFor } from './core/transfers'

const USAGE = `Usage: berth-serve [options]

Serves Berth's UI to a browser. The printed address carries a secret token: anyone with it
can manage your containers, so share it like a password.

Options:
  --host HOST         address to listen on (default 127.0.0.1; anything else exposes Berth to your network)
  --port PORT         port to listen on (default 7780; 0 picks any free port)
  --token-file PATH   also write the token to PATH (file mode 0600)
  --help              show this help

Environment:
  BERTH_TOKEN         use this token instead of a random one (at least 16 characters)
  DOCKER_HOST         the Docker engine to manage (default: discovered, e.g. /var/run/docker.sock)
`

interface ServeArgs {
  host: string
  port: number
  tokenFile?: string
  help: boolean
}

class UsageError extends Error {
  /** False for problems with the environment rather than the command line: the usage text would not help. */
  constructor(message: string, readonly showUsage = true) {
    super(message)
  }
}

function parseServeArgs(argv: string[]): ServeArgs {
  let parsed
  try {
    parsed = parseArgs({
      args: argv,
      options: {
        host: { type: 'string' },
        port: { type: 'string' },
        'token-file': { type: 'string' },
        help: { type: 'boolean', short: 'h' }
      },
      strict: true,
      allowPositionals: false
    })
  } catch (err) {
    throw new UsageError((err as Error).message)
  }
  const { values } = parsed
  const portText = values.port ?? '7780'
  if (!/^\d{1,5}$/.test(portText) || Number(portText) > 65535) {
    throw new UsageError(`--port must be a number from 0 to 65535, not "${portText}".`)
  }
  const host = values.host ?? '127.0.0.1'
  if (host.length === 0) throw new UsageError('--host must not be empty.')
  return { host, port: Number(portText), tokenFile: values['token-file'], help: values.help === true }
}

function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || host.startsWith('127.')
}

function chooseToken(env: NodeJS.ProcessEnv): string {
  const fixed = env.BERTH_TOKEN
  if (fixed !== undefined && fixed !== '') {
    if (fixed.length < 16) throw new UsageError('BERTH_TOKEN must be at least 16 characters long.')
    if (!/^[A-Za-z0-9._~-]+$/.test(fixed)) {
      throw new UsageError('BERTH_TOKEN may contain only letters, digits and . _ ~ - (it goes into a URL).')
    }
    return fixed
  }
  return randomBytes(32).toString('base64url')
}

const FILE_PROBLEMS: Readonly<Record<string, string>> = {
  ENOENT: 'its folder does not exist',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  EISDIR: 'it is a folder',
  ENOTDIR: 'part of the path is not a folder',
  EROFS: 'the file system is read-only'
}

function writeTokenFile(path: string, token: string): void {
  let fd: number | undefined
  try {
    fd = openSync(path, 'w', 0o600)
    // open()'s mode only applies to a new file: an existing 0644 one would keep showing the token to everyone.
    fchmodSync(fd, 0o600)
    writeSync(fd, `${token}\n`)
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? ''
    const reason = FILE_PROBLEMS[code] ?? (err as Error).message
    throw new UsageError(`cannot write the token to --token-file ${path}: ${reason}.`, false)
  } finally {
    if (fd !== undefined) closeSync(fd)
  }
}

const stderrLog: ServerLog = {
  info: (message) => process.stderr.write(`berth: ${message}\n`),
  warn: (message) => process.stderr.write(`berth: warning: ${message}\n`),
  error: (message) => process.stderr.write(`berth: error: ${message}\n`)
}

async function main(): Promise<number> {
  let args: ServeArgs
  let token: string
  try {
    args = parseServeArgs(process.argv.slice(2))
    if (args.help) {
      process.stdout.write(USAGE)
      return 0
    }
    token = chooseToken(process.env)
    if (args.tokenFile) writeTokenFile(args.tokenFile, token)
  } catch (err) {
    if (!(err instanceof UsageError)) throw err
    process.stderr.write(err.showUsage ? `berth: ${err.message}\n\n${USAGE}` : `berth: ${err.message}\n`)
    return 2
  }

  if (!isLoopback(args.host)) {
    stderrLog.warn(
      `listening on ${args.host}, not on loopback: other machines can reach Berth and, with the token, ` +
        'control your Docker engine. Use --host 127.0.0.1 unless you mean it.'
    )
  }

  const core = await createCore({ log: (message) => stderrLog.info(message) })
  let server
  try {
    server = await startServer({
      host: args.host,
      port: args.port,
      token,
      staticDir: join(__dirname, '../renderer'),
      handlers: core.handlers,
      transfers: httpTransfersFor(core.engines),
      prefetchGuard: core.prefetchGuard,
      log: stderrLog
    })
  } catch (err) {
    await core.close()
    stderrLog.error(`cannot listen on ${args.host}:${args.port}: ${(err as Error).message}`)
    return 1
  }
  const running = server
  // Handlers go in BEFORE the line is printed: whoever reads the line may signal us at once.
  const stopped = new Promise<void>((resolveStop) => {
    let signals = 0
    // Kept installed for the whole shutdown: a second Ctrl+C must not kill us half-closed by default.
    const stop = (signal: NodeJS.Signals): void => {
      signals++
      stderrLog.info(signals === 1 ? `${signal}: shutting down` : `${signal} again: still shutting down`)
      resolveStop()
    }
    process.on('SIGINT', stop)
    process.on('SIGTERM', stop)
  })
  process.stdout.write(`Berth is serving at ${server.url}?token=${token}\n`)
  await stopped
  // A stuck engine connection must not keep the process alive after it was told to stop.
  const deadline = setTimeout(() => {
    stderrLog.warn('shutdown took longer than 5 s; exiting anyway')
    process.exit(0)
  }, 5_000)
  deadline.unref()
  await Promise.allSettled([running.close(), core.close()])
  return 0
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    stderrLog.error(err instanceof Error ? (err.stack ?? err.message) : String(err))
    process.exit(1)
  }
)
