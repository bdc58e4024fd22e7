/**
 * Runs a plan's steps one after another, streaming each step's start, output and end, and stops
 * at the first failure with what went wrong in words.
 * - command: runs to its end; stdout and stderr lines are interleaved in the order they arrive.
 * - daemon: started in the background in its own session (so it outlives Berth), its output
 *   appended to a log file Berth keeps beside a pidfile; done when its socket answers, failed
 *   when it exits first or never answers (with the log's last lines).
 * - wait: done when the socket answers (even if only root may open it: the next steps may be
 *   the ones that give the person access).
 * Cancelling stops after the current step; a command running as root can't be signalled by a
 * non-root Berth anyway, and interrupting a package manager half-way is worse than letting it end.
 */
import { spawn } from 'node:child_process'
import { closeSync, mkdirSync, openSync, readSync, statSync, writeFileSync, writeSync } from 'node:fs'
import { dirname } from 'node:path'
import type { Escalation, SetupPlan, SetupProgress, SetupStep } from '../../../shared/setup-models'
import { escalationProblem, explainDaemonExit, explainFailure } from './failures'
import { OutputLines } from './output'
import { pingUnixSocket } from './ping'

export interface RunContext {
  emit: (event: SetupProgress) => void
  signal: AbortSignal
  env: NodeJS.ProcessEnv
  /** sudo's password; only ever written to sudo's stdin. */
  password?: string
  daemonReadyMs?: number
  waitMs?: number
}

export interface StepResult {
  ok: boolean
  exitCode: number | null
  error?: string
  logTail?: string[]
}

export interface PlanResult {
  ok: boolean
  cancelled: boolean
  /** The failed step's error, in words. */
  error?: string
}

const DAEMON_READY_MS = 30_000
const WAIT_MS = 60_000
const POLL_MS = 150
const SYSTEM_PATH = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin'

type RunPlan = Pick<SetupPlan, 'steps' | 'escalation' | 'socket'>

function commandEnv(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  // English messages (the error words match them) and the sbin folders a desktop PATH lacks.
  return { ...env, LC_ALL: 'C', PATH: env.PATH ? `${env.PATH}:${SYSTEM_PATH}` : SYSTEM_PATH }
}

/** The password goes to sudo only, and only when sudo will read it (never into a command's stdin). */
function passwordFor(step: SetupStep, escalation: Escalation, ctx: RunContext): string | undefined {
  return step.privileged && escalation === 'sudo' && ctx.password !== undefined && ctx.password !== '' ? ctx.password : undefined
}

const delay = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms))

function runCommand(step: SetupStep, escalation: Escalation, ctx: RunContext, out: OutputLines): Promise<StepResult> {
  return new Promise((resolve) => {
    const password = passwordFor(step, escalation, ctx)
    const child = spawn(step.argv[0], step.argv.slice(1), {
      cwd: '/',
      env: commandEnv(ctx.env),
      stdio: [password === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe']
    })
    if (password !== undefined) child.stdin?.end(`${password}\n`)
    child.stdout?.setEncoding('utf8').on('data', (text: string) => out.write(text))
    child.stderr?.setEncoding('utf8').on('data', (text: string) => out.write(text, 'stderr'))
    const onAbort = (): void => {
      if (!step.privileged) child.kill('SIGTERM')
    }
    ctx.signal.addEventListener('abort', onAbort, { once: true })
    let spawnError: string | undefined
    child.once('error', (err: NodeJS.ErrnoException) => {
      spawnError = err.code ?? err.message
    })
    child.once('close', (code, signal) => {
      ctx.signal.removeEventListener('abort', onAbort)
      out.end()
      if (code === 0 && !spawnError) {
        resolve({ ok: true, exitCode: 0 })
        return
      }
      // A program that never started has no exit status (node reports the errno as one).
      const exitCode = spawnError ? null : code
      const error = explainFailure({ argv: step.argv, exitCode, signal, output: out.tail, escalation, spawnError })
      resolve({ ok: false, exitCode, error, logTail: out.tail.slice(-15) })
    })
  })
}

/** New text appended to a file since `offset`. */
function readFrom(path: string, offset: number): { text: string; offset: number } {
  let fd: number | undefined
  try {
    const size = statSync(path).size
    if (size <= offset) return { text: '', offset }
    fd = openSync(path, 'r')
    const buffer = Buffer.alloc(Math.min(size - offset, 1024 * 1024))
    const read = readSync(fd, buffer, 0, buffer.length, offset)
    return { text: buffer.subarray(0, read).toString('utf8'), offset: offset + read }
  } catch {
    return { text: '', offset }
  } finally {
    if (fd !== undefined) closeSync(fd)
  }
}

async function runDaemon(step: SetupStep, plan: RunPlan, ctx: RunContext, out: OutputLines): Promise<StepResult> {
  const logFile = step.logFile ?? '/dev/null'
  mkdirSync(dirname(logFile), { recursive: true })
  const fd = openSync(logFile, 'a', 0o600)
  writeSync(fd, `--- ${new Date().toISOString()} Berth starts: ${step.display}\n`)
  let offset = statSync(logFile).size
  const password = passwordFor(step, plan.escalation, ctx)
  let exited: { code: number | null } | undefined
  let spawnError: string | undefined
  try {
    const child = spawn(step.argv[0], step.argv.slice(1), {
      cwd: '/',
      env: commandEnv(ctx.env),
      detached: true,
      stdio: [password === undefined ? 'ignore' : 'pipe', fd, fd]
    })
    if (password !== undefined) child.stdin?.end(`${password}\n`)
    child.once('error', (err: NodeJS.ErrnoException) => (spawnError = err.code ?? err.message))
    child.once('exit', (code) => (exited = { code }))
    child.unref()
    // Berth's own record of what it started, beside the log: the pid the daemon runs as (pkexec
    // and unshare exec it; with sudo it is sudo's, which passes signals on).
    if (child.pid !== undefined && step.logFile) writeFileSync(step.logFile.replace(/\.log$/, '') + '.pid', `${child.pid}\n`)
  } finally {
    closeSync(fd)
  }
  const deadline = Date.now() + (ctx.daemonReadyMs ?? DAEMON_READY_MS)
  const socket = plan.socket
  const fail = (error: string, exitCode: number | null): StepResult => {
    out.end()
    return { ok: false, exitCode, error, logTail: out.tail.slice(-15) }
  }
  for (;;) {
    const fresh = readFrom(logFile, offset)
    offset = fresh.offset
    if (fresh.text) out.write(fresh.text)
    if (spawnError) return fail(explainFailure({ argv: step.argv, exitCode: null, output: [], escalation: plan.escalation, spawnError }), null)
    const ping = await pingUnixSocket(socket, AbortSignal.timeout(1_000))
    if (ping.state !== 'stopped') {
      // The daemon may log its last start-up lines just after it began answering.
      await delay(POLL_MS)
      const last = readFrom(logFile, offset)
      if (last.text) out.write(last.text)
      out.end()
      return { ok: true, exitCode: null }
    }
    if (exited) {
      const final = readFrom(logFile, offset)
      if (final.text) out.write(final.text)
      out.end()
      const refused = escalationProblem({ argv: step.argv, exitCode: exited.code, output: out.tail, escalation: plan.escalation }, out.tail.join('\n'))
      return fail(refused ?? explainDaemonExit(exited.code, out.tail), exited.code)
    }
    if (Date.now() > deadline || ctx.signal.aborted) {
      return fail(`The daemon runs but nothing answered on ${socket} within ${Math.round((ctx.daemonReadyMs ?? DAEMON_READY_MS) / 1000)} s. It keeps running; its last log lines are shown with this step.`, null)
    }
    await delay(POLL_MS)
  }
}

async function runWait(plan: RunPlan, ctx: RunContext): Promise<StepResult> {
  const deadline = Date.now() + (ctx.waitMs ?? WAIT_MS)
  let last = ''
  while (!ctx.signal.aborted) {
    const ping = await pingUnixSocket(plan.socket, AbortSignal.timeout(1_000))
    if (ping.state !== 'stopped') return { ok: true, exitCode: null }
    last = ping.detail ?? last
    if (Date.now() > deadline) break
    await delay(POLL_MS)
  }
  return {
    ok: false,
    exitCode: null,
    error: `Nothing answered on ${plan.socket} within ${Math.round((ctx.waitMs ?? WAIT_MS) / 1000)} s${last ? ` (${last})` : ''}. The engine may have failed to start: its service log says why (journalctl -u docker, or /var/log/docker.log).`
  }
}

/**
 * sudo set up without a password (NOPASSWD) reads nothing, even with -S: the line meant for it
 * would reach the command's stdin. Asking `sudo -n -k true` first tells the two apart.
 */
function sudoAsksNoPassword(env: NodeJS.ProcessEnv): Promise<boolean> {
  return new Promise((resolve) => {
    const child = spawn('sudo', ['-n', '-k', '--', 'true'], { env: commandEnv(env), stdio: 'ignore' })
    child.once('error', () => resolve(false))
    child.once('close', (code) => resolve(code === 0))
  })
}

export async function runSteps(plan: RunPlan, context: RunContext): Promise<PlanResult> {
  let ctx = context
  if (plan.escalation === 'sudo' && ctx.password && (await sudoAsksNoPassword(ctx.env))) ctx = { ...ctx, password: undefined }
  for (const step of plan.steps) {
    if (ctx.signal.aborted) return { ok: false, cancelled: true }
    const started = Date.now()
    ctx.emit({ type: 'step-started', index: step.index })
    const out = new OutputLines((text) => ctx.emit({ type: 'output', index: step.index, text }))
    const result =
      step.kind === 'command' ? await runCommand(step, plan.escalation, ctx, out) : step.kind === 'daemon' ? await runDaemon(step, plan, ctx, out) : await runWait(plan, ctx)
    ctx.emit({
      type: 'step-finished',
      index: step.index,
      ok: result.ok,
      exitCode: result.exitCode,
      durationMs: Date.now() - started,
      ...(result.error ? { error: result.error } : {}),
      ...(result.logTail && !result.ok ? { logTail: result.logTail } : {})
    })
    if (!result.ok) return { ok: false, cancelled: ctx.signal.aborted, error: result.error }
  }
  return { ok: !ctx.signal.aborted, cancelled: ctx.signal.aborted }
}
