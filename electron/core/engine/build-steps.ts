/**
 * StepTracker: the StepSink that turns parsed build progress into the events `build.run` streams,
 * and remembers what the result record needs (steps run, cache hits, image, tags, failure).
 *
 * Pacing: output lines are gathered for OUTPUT_INTERVAL_MS (or until a batch is full) and sent as
 * one event per step, so a RUN that prints a million lines becomes a few hundred frames; each step
 * sends at most MAX_STEP_OUTPUT_LINES / _CHARS (and the build MAX_BUILD_OUTPUT_CHARS) and then only
 * counts what it left out, so one noisy step cannot flood the socket. Any other event first flushes the gathered lines, keeping order.
 */
import {
  MAX_BUILD_OUTPUT_CHARS,
  MAX_STEP_OUTPUT_CHARS,
  MAX_STEP_OUTPUT_LINES,
  type BuildEvent,
  type BuildFailure,
  type PlannedStep
} from '../../../shared/build-models'
import { sourceLines } from './build-dockerfile'
import type { StepSink } from './build-progress'

export const OUTPUT_INTERVAL_MS = 50
const BATCH_MAX_LINES = 2000
const BATCH_MAX_CHARS = 256 * 1024
/** A single line longer than this is cut (minified output, progress spam without newlines). */
const MAX_LINE_CHARS = 8192
/** Key for output that belongs to no step. */
const GENERAL = 0

interface StepState {
  startedAt: number
  /** Set once the engine said how long (BuildKit) or once the next step began. */
  done: boolean
  cached: boolean
}

interface OutputBudget {
  lines: number
  chars: number
  dropped: number
}

export interface BuildSummary {
  stepsRun: number
  cachedSteps: number
  imageId: string | null
  tags: string[]
  failure: BuildFailure | null
}

export class StepTracker implements StepSink {
  private readonly steps = new Map<number, StepState>()
  private readonly budgets = new Map<number, OutputBudget>()
  private pending: Array<{ step: number | null; lines: string[] }> = []
  private pendingLines = 0
  private pendingChars = 0
  private timer: NodeJS.Timeout | undefined
  private image: string | null = null
  private readonly confirmedTags: string[] = []
  private failure: BuildFailure | null = null
  private total: number
  private sentChars = 0

  constructor(
    private readonly plan: PlannedStep[],
    private readonly dockerfileText: string,
    private readonly emit: (event: BuildEvent) => void,
    private readonly now: () => number = () => performance.now()
  ) {
    this.total = Math.max(1, plan.length)
  }

  started(step: number, total: number | null, instruction: string): void {
    if (total !== null) this.total = total
    if (this.steps.has(step)) return
    this.steps.set(step, { startedAt: this.now(), done: false, cached: false })
    this.send({ kind: 'step', index: step, total: Math.max(this.total, step), instruction })
  }

  output(step: number | null, line: string): void {
    const budget = this.budget(step ?? GENERAL)
    const text = line.length > MAX_LINE_CHARS ? `${line.slice(0, MAX_LINE_CHARS)}… (${line.length - MAX_LINE_CHARS} more characters)` : line
    const overBuild = this.sentChars + text.length > MAX_BUILD_OUTPUT_CHARS
    if (overBuild || budget.lines >= MAX_STEP_OUTPUT_LINES || budget.chars + text.length > MAX_STEP_OUTPUT_CHARS) {
      budget.dropped += 1
      return
    }
    budget.lines += 1
    budget.chars += text.length
    this.sentChars += text.length
    const last = this.pending[this.pending.length - 1]
    if (last && last.step === step) last.lines.push(text)
    else this.pending.push({ step, lines: [text] })
    this.pendingLines += 1
    this.pendingChars += text.length
    if (this.pendingLines >= BATCH_MAX_LINES || this.pendingChars >= BATCH_MAX_CHARS) this.flush()
    else this.timer ??= setTimeout(() => this.flush(), OUTPUT_INTERVAL_MS)
  }

  cached(step: number): void {
    const state = this.steps.get(step)
    if (!state || state.cached) return
    state.cached = true
    this.send({ kind: 'cached', step })
  }

  finished(step: number, durationMs?: number): void {
    const state = this.steps.get(step)
    if (!state || state.done) return
    state.done = true
    const budget = this.budget(step)
    this.send({
      kind: 'stepDone',
      step,
      durationMs: Math.round(durationMs ?? this.now() - state.startedAt),
      cached: state.cached,
      droppedLines: budget.dropped
    })
  }

  failed(step: number | null, message: string): void {
    if (this.failure) return
    const planned = step === null ? undefined : this.plan.find((s) => s.index === step)
    const line = planned?.line ?? lineFromMessage(message)
    this.failure = {
      step,
      instruction: planned?.instruction ?? null,
      line,
      source: line === null ? [] : sourceLines(this.dockerfileText, line, planned?.endLine ?? line),
      message: withHint(message)
    }
    this.flush()
  }

  imageId(id: string): void {
    this.image = id
  }

  tagged(tag: string): void {
    if (!this.confirmedTags.includes(tag)) this.confirmedTags.push(tag)
  }

  /** Sends what is gathered now. */
  flush(): void {
    clearTimeout(this.timer)
    this.timer = undefined
    const batches = this.pending
    this.pending = []
    this.pendingLines = 0
    this.pendingChars = 0
    for (const batch of batches) this.emit({ kind: 'output', step: batch.step, lines: batch.lines })
  }

  /** Stops the timer; gathered lines are dropped (the client is gone or the build is over). */
  close(): void {
    clearTimeout(this.timer)
    this.timer = undefined
    this.pending = []
  }

  summary(): BuildSummary {
    let cachedSteps = 0
    for (const state of this.steps.values()) if (state.cached) cachedSteps++
    return { stepsRun: this.steps.size, cachedSteps, imageId: this.image, tags: [...this.confirmedTags], failure: this.failure }
  }

  private budget(key: number): OutputBudget {
    let budget = this.budgets.get(key)
    if (!budget) {
      budget = { lines: 0, chars: 0, dropped: 0 }
      this.budgets.set(key, budget)
    }
    return budget
  }

  private send(event: BuildEvent): void {
    this.flush()
    this.emit(event)
  }
}

/** The engine's words, plus what to do when they are about registry credentials. */
function withHint(message: string): string {
  if (!/no basic auth credentials|unauthorized|authentication required|denied: requested access/i.test(message)) return message
  const registry = /https?:\/\/([^/\s]+)\/v2\//.exec(message)?.[1]
  return `${message}. Log in to ${registry ?? 'the registry'} (Registries page, or docker login) and build again.`
}

/** The engine's parse errors name the line themselves ("Dockerfile parse error line 3: …"). */
function lineFromMessage(message: string): number | null {
  const match = /\bline (\d+)\b/i.exec(message)
  return match ? Number(match[1]) : null
}
