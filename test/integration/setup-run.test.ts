/**
 * Running setup steps for real on this machine, with commands that change nothing: progress for
 * each step (start, output, exit status), a failing command's error in words (apt's own "Unable
 * to locate package", from a simulated install), the steps after a failure not run, and a daemon
 * that dies at once reported with the last lines of its log. Also the handler's refusals.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { SetupPlan, SetupProgress, SetupStep } from '../../shared/setup-models'
import { RpcError } from '../../shared/errors'
import { contract } from '../../shared/contract'
import { displayCommand } from '../../electron/core/setup/escalate'
import { runSteps } from '../../electron/core/setup/runner'
import { toRpcError } from '../../electron/core/rpc/errors'
import { call, createTestCore, type TestCore } from './handlers-kit'

const NO_SUCH_PACKAGE = 'berth-test-no-such-package'

function step(index: number, kind: SetupStep['kind'], argv: string[], extra: Partial<SetupStep> = {}): SetupStep {
  return { index, kind, title: `step ${index}`, argv, display: displayCommand(argv), privileged: false, ...extra }
}

async function run(plan: Pick<SetupPlan, 'steps' | 'escalation' | 'socket'>, options: { daemonReadyMs?: number } = {}): Promise<{ events: SetupProgress[]; result: Awaited<ReturnType<typeof runSteps>> }> {
  const events: SetupProgress[] = []
  const result = await runSteps(plan, { emit: (event) => events.push(event), signal: new AbortController().signal, env: process.env, ...options })
  return { events, result }
}

const outputOf = (events: SetupProgress[], index: number): string =>
  events.flatMap((e) => (e.type === 'output' && e.index === index ? [e.text] : [])).join('\n')

describe('runSteps with real commands', () => {
  let dir: string
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'berth-setup-run-'))
  })
  afterAll(() => {
    rmSync(dir, { recursive: true, force: true })
  })

  it('streams each step, stops at the failing one and says why in words', async () => {
    const { events, result } = await run({
      escalation: 'none',
      socket: join(dir, 'unused.sock'),
      steps: [
        step(1, 'command', ['sh', '-c', 'echo first line; echo to stderr >&2; echo no newline at the end | tr -d "\\n"']),
        step(2, 'command', ['apt-get', 'install', '-s', NO_SUCH_PACKAGE]),
        step(3, 'command', ['sh', '-c', 'echo must not run'])
      ]
    })
    const kinds = events.filter((e) => e.type !== 'output').map((e) => `${e.type}:${'index' in e ? e.index : ''}`)
    expect(kinds).toEqual(['step-started:1', 'step-finished:1', 'step-started:2', 'step-finished:2'])
    // Whole lines from both pipes; their order across the two pipes is the order they arrived in.
    expect(outputOf(events, 1).split('\n').sort()).toEqual(['first line', 'no newline at the end', 'to stderr'])
    const first = events.find((e) => e.type === 'step-finished' && e.index === 1)
    expect(first).toMatchObject({ ok: true, exitCode: 0 })
    const failed = events.find((e) => e.type === 'step-finished' && e.index === 2)
    expect(failed).toMatchObject({ ok: false, exitCode: 100 })
    expect(failed?.type === 'step-finished' && failed.error).toBe(
      `The package ${NO_SUCH_PACKAGE} isn't in this distribution's package lists. Check that the distribution's standard repositories are enabled, then try again.`
    )
    expect(outputOf(events, 2)).toContain(`Unable to locate package ${NO_SUCH_PACKAGE}`)
    expect(result).toMatchObject({ ok: false, cancelled: false })
  })

  it('says a program is missing instead of a bare ENOENT', async () => {
    const { events } = await run({ escalation: 'none', socket: join(dir, 'x.sock'), steps: [step(1, 'command', ['berth-no-such-program', '--version'])] })
    const finished = events.find((e) => e.type === 'step-finished')
    expect(finished).toMatchObject({ ok: false, exitCode: null, error: "berth-no-such-program is not installed (or not on PATH), so Berth couldn't run it." })
  })

  it('reports a daemon that exits at once with its log: the reason and the last lines', async () => {
    const logFile = join(dir, 'logs', 'bad-dockerd.log')
    const socket = join(dir, 'bad-dockerd.sock')
    const { events, result } = await run(
      { escalation: 'none', socket, steps: [step(1, 'daemon', ['dockerd', '--berth-no-such-flag', '-H', `unix://${socket}`], { logFile })] },
      { daemonReadyMs: 20_000 }
    )
    const finished = events.find((e) => e.type === 'step-finished')
    expect(finished?.type === 'step-finished' && finished.ok).toBe(false)
    expect(finished?.type === 'step-finished' && finished.error).toMatch(/stopped right after it started \(exit status \d+\)\. The daemon doesn't know the option --berth-no-such-flag/)
    expect(finished?.type === 'step-finished' && finished.logTail?.join('\n')).toContain('unknown flag: --berth-no-such-flag')
    expect(result.ok).toBe(false)
    // The log Berth keeps holds the same lines, after its own header naming the command.
    const log = readFileSync(logFile, 'utf8')
    expect(log).toContain('Berth starts: dockerd --berth-no-such-flag')
    expect(log).toContain('unknown flag: --berth-no-such-flag')
    expect(existsSync(join(dir, 'logs', 'bad-dockerd.pid'))).toBe(true)
    expect(existsSync(socket)).toBe(false)
  })
})

describe('setup.run through the handler table', () => {
  let t: TestCore
  beforeAll(async () => {
    t = await createTestCore()
  })
  afterAll(async () => {
    await t.dispose()
  })

  async function runHandler(input: { planId: string; password?: string }): Promise<SetupProgress[]> {
    const events: SetupProgress[] = []
    const parsed = contract['setup.run'].input.parse(input)
    try {
      await t.core.handlers['setup.run'](parsed, (event) => events.push(event), new AbortController().signal)
    } catch (err) {
      throw toRpcError(err)
    }
    return events
  }

  it('runs only plans it composed, by id', async () => {
    await expect(runHandler({ planId: 'plan-0123456789abcdef' })).rejects.toMatchObject({ code: 'NOT_FOUND' })
    expect(() => contract['setup.run'].input.parse({ planId: 'rm -rf /' })).toThrow(/Not a setup plan id/)
    expect(() => contract['setup.run'].input.parse({ planId: 'plan-0123456789abcdef', steps: [] })).toThrow()
  })

  it('refuses a blocked plan with its reason, before running anything', async () => {
    // No engine-start.json in this core's config folder: "configured" can't be done.
    const plan = await call(t.core, 'setup.plan', { target: 'configured' })
    expect(plan.blocked).toMatch(/engine-start\.json/)
    expect(plan.steps).toEqual([])
    const err = await runHandler({ planId: plan.id }).catch((e: unknown) => e)
    expect(err).toBeInstanceOf(RpcError)
    expect(err).toMatchObject({ code: 'UNSUPPORTED', message: plan.blocked })
  })
})
