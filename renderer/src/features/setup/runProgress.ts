/**
 * A plan's run as the dialog shows it: per step its state, output lines (the last few hundred),
 * exit status, duration and error; and the run's end. Pure: events in, a new view out.
 */
import type { SetupPlan, SetupProgress } from '../../../../shared/setup-models'

export type StepState = 'pending' | 'running' | 'done' | 'failed' | 'skipped'

export interface StepRun {
  state: StepState
  lines: string[]
  /** Lines dropped from the front to keep the view small. */
  dropped: number
  exitCode: number | null
  durationMs: number | null
  error?: string
  logTail?: string[]
}

export interface RunView {
  plan: SetupPlan
  steps: Record<number, StepRun>
  finished: { ok: boolean; message: string; engineId?: string } | null
  /** The run could not go on (Berth unreachable, refused input): in words. */
  error: string | null
}

const KEEP_LINES = 400

export function newRun(plan: SetupPlan): RunView {
  const steps: Record<number, StepRun> = {}
  for (const step of plan.steps) steps[step.index] = { state: 'pending', lines: [], dropped: 0, exitCode: null, durationMs: null }
  return { plan, steps, finished: null, error: null }
}

function withStep(run: RunView, index: number, change: (step: StepRun) => StepRun): RunView {
  const step = run.steps[index]
  if (!step) return run
  return { ...run, steps: { ...run.steps, [index]: change(step) } }
}

export function applyProgress(run: RunView, event: SetupProgress): RunView {
  switch (event.type) {
    case 'step-started':
      return withStep(run, event.index, (step) => ({ ...step, state: 'running' }))
    case 'output':
      return withStep(run, event.index, (step) => {
        const lines = [...step.lines, ...event.text.split('\n')]
        const over = Math.max(0, lines.length - KEEP_LINES)
        return { ...step, lines: over ? lines.slice(over) : lines, dropped: step.dropped + over }
      })
    case 'step-finished':
      return withStep(run, event.index, (step) => ({
        ...step,
        state: event.ok ? 'done' : 'failed',
        exitCode: event.exitCode,
        durationMs: event.durationMs,
        ...(event.error ? { error: event.error } : {}),
        ...(event.logTail ? { logTail: event.logTail } : {})
      }))
    case 'finished': {
      const steps = { ...run.steps }
      // Steps after a failure never ran: say so rather than leave them "waiting".
      for (const [index, step] of Object.entries(steps)) if (step.state === 'pending' && !event.ok) steps[Number(index)] = { ...step, state: 'skipped' }
      return { ...run, steps, finished: { ok: event.ok, message: event.message, ...(event.engineId ? { engineId: event.engineId } : {}) } }
    }
  }
}

export function failRun(run: RunView, error: string): RunView {
  const steps = { ...run.steps }
  for (const [index, step] of Object.entries(steps)) {
    if (step.state === 'pending' || step.state === 'running') steps[Number(index)] = { ...step, state: step.state === 'running' ? 'failed' : 'skipped' }
  }
  return { ...run, steps, error }
}

export function isRunning(run: RunView | null): boolean {
  return run !== null && run.finished === null && run.error === null
}
