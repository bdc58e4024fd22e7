/**
 * The state of one build as the dialog draws it, and the pure reducer that folds `build.run`
 * events into it. Output lines live in a per-step array that is appended to in place (no copy per
 * batch: a noisy step sends tens of thousands of lines); `outputVersion` changes whenever lines
 * arrive, so views that show output re-read it.
 */
import type { BuildEvent, BuildOptionsInput, BuildRecord, Builder, PlannedStep } from '../../../../shared/build-models'

export type StepState = 'pending' | 'running' | 'cached' | 'done' | 'failed' | 'skipped'
export type BuildPhase = 'preparing' | 'building' | 'succeeded' | 'failed' | 'cancelled' | 'error'

export interface StepView {
  index: number
  instruction: string
  line: number | null
  state: StepState
  cached: boolean
  durationMs: number | null
  /** When the step began (Date.now()), for a live duration while it runs. */
  startedAt: number | null
  outputCount: number
  droppedLines: number
}

export interface ActiveBuild {
  buildId: string
  options: BuildOptionsInput
  builder: Builder
  phase: BuildPhase
  steps: StepView[]
  context: { files: number; sentBytes: number; totalBytes: number }
  startedAt: number
  finishedAt: number | null
  record: BuildRecord | null
  /** Why the build could not run at all (stream failed), with the field it belongs to, if any. */
  error: { message: string; field: string | null } | null
  cancelling: boolean
  /** Lines by step index; 0 holds output that belongs to no step. Appended in place. */
  output: Map<number, string[]>
  outputVersion: number
}

export const GENERAL_OUTPUT = 0

export function newBuild(buildId: string, options: BuildOptionsInput, now: number): ActiveBuild {
  return {
    buildId,
    options,
    builder: options.builder ?? 'classic',
    phase: 'preparing',
    steps: [],
    context: { files: 0, sentBytes: 0, totalBytes: 0 },
    startedAt: now,
    finishedAt: null,
    record: null,
    error: null,
    cancelling: false,
    output: new Map(),
    outputVersion: 0
  }
}

export function isRunning(build: ActiveBuild | null): boolean {
  return build !== null && (build.phase === 'preparing' || build.phase === 'building')
}

function planned(step: PlannedStep): StepView {
  return { index: step.index, instruction: step.instruction, line: step.line, state: 'pending', cached: false, durationMs: null, startedAt: null, outputCount: 0, droppedLines: 0 }
}

function patchStep(steps: StepView[], index: number, patch: (step: StepView) => StepView, instruction = ''): StepView[] {
  const at = steps.findIndex((step) => step.index === index)
  if (at >= 0) return steps.map((step, i) => (i === at ? patch(step) : step))
  // A step the plan did not have (the engine knows best): add it in order.
  const added = patch({ ...planned({ index, instruction, line: null, endLine: null, stage: '' }) })
  return [...steps, added].sort((a, b) => a.index - b.index)
}

function finish(build: ActiveBuild, record: BuildRecord, now: number): ActiveBuild {
  const failedStep = record.failure?.step ?? null
  const steps = build.steps.map((step): StepView => {
    if (record.status === 'failed' && step.index === failedStep) {
      return { ...step, state: 'failed', durationMs: step.durationMs ?? (step.startedAt === null ? null : now - step.startedAt) }
    }
    if (step.state === 'running') return { ...step, state: record.status === 'succeeded' ? 'done' : 'skipped', durationMs: step.durationMs ?? (step.startedAt === null ? null : now - step.startedAt) }
    if (step.state === 'pending') return { ...step, state: 'skipped' }
    return step
  })
  return { ...build, steps, phase: record.status, record, finishedAt: now, cancelling: false }
}

/** Folds one event into the build. */
export function applyBuildEvent(build: ActiveBuild, event: BuildEvent, now: number): ActiveBuild {
  switch (event.kind) {
    case 'plan':
      return {
        ...build,
        builder: event.builder,
        phase: 'building',
        steps: event.steps.map(planned),
        context: { files: event.contextFiles, sentBytes: 0, totalBytes: event.contextBytes }
      }
    case 'context':
      return { ...build, context: { ...build.context, sentBytes: event.sentBytes, totalBytes: event.totalBytes } }
    case 'step':
      return { ...build, steps: patchStep(build.steps, event.index, (step) => ({ ...step, instruction: event.instruction || step.instruction, state: step.cached ? 'cached' : 'running', startedAt: now }), event.instruction) }
    case 'cached':
      return { ...build, steps: patchStep(build.steps, event.step, (step) => ({ ...step, cached: true, state: 'cached' })) }
    case 'stepDone':
      return {
        ...build,
        steps: patchStep(build.steps, event.step, (step) => ({ ...step, state: event.cached ? 'cached' : 'done', cached: event.cached, durationMs: event.durationMs, droppedLines: event.droppedLines }))
      }
    case 'output': {
      const key = event.step ?? GENERAL_OUTPUT
      const lines = build.output.get(key)
      if (lines) for (const line of event.lines) lines.push(line)
      else build.output.set(key, [...event.lines])
      const count = build.output.get(key)?.length ?? 0
      const steps = event.step === null ? build.steps : patchStep(build.steps, event.step, (step) => ({ ...step, outputCount: count }))
      return { ...build, steps, outputVersion: build.outputVersion + 1 }
    }
    case 'result':
      return finish(build, event.record, now)
  }
}

/** The stream failed before a result (bad input, engine gone). */
export function failBuild(build: ActiveBuild, message: string, field: string | null, now: number): ActiveBuild {
  return { ...build, phase: 'error', error: { message, field }, finishedAt: now, cancelling: false }
}

export function stepsFinished(build: ActiveBuild): number {
  return build.steps.filter((step) => step.state === 'done' || step.state === 'cached').length
}
