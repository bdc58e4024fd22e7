/**
 * Turns the engine's /build answer (JSON lines) into step-shaped calls on a StepSink, for both
 * builders:
 * - classic: `{"stream":"Step 3/7 : RUN …"}` opens a step, " ---> Using cache" marks it cached,
 *   every other line is that step's output; `{"aux":{"ID":…}}` is the image, "Successfully
 *   tagged X" a tag, `{"errorDetail":…}` the failure of the step that was running.
 * - BuildKit: `moby.buildkit.trace` messages carry vertices (mapped to Dockerfile steps by their
 *   "[stage n/m]" names), their logs and warnings; `moby.image.id` is the image.
 * Stream text arrives in arbitrary pieces, so lines are assembled here; a carriage return inside
 * a line keeps only what a terminal would finally show (progress bars redraw with \r).
 */
import { decodeBuildkitStatus, type BuildkitVertex } from './build-buildkit'
import { stepForVertexName, type BuildPlan } from './build-dockerfile'

export interface StepSink {
  /** `total` is what the engine said ("Step 3/7"), null when it does not say (BuildKit). */
  started(step: number, total: number | null, instruction: string): void
  output(step: number | null, line: string): void
  cached(step: number): void
  /** `durationMs` when the engine measured it (BuildKit); otherwise the sink times it. */
  finished(step: number, durationMs?: number): void
  failed(step: number | null, message: string): void
  imageId(id: string): void
  tagged(tag: string): void
}

interface EngineBuildMessage {
  stream?: unknown
  status?: unknown
  id?: unknown
  progressDetail?: { current?: number; total?: number }
  aux?: unknown
  error?: unknown
  errorDetail?: { message?: unknown }
}

const STEP_LINE = /^Step (\d+)\/(\d+) : (.*)$/s
const USING_CACHE = /^ ---> Using cache$/
const BUILT = /^Successfully built [0-9a-f]+$/
const TAGGED = /^Successfully tagged (.+)$/

/** What a terminal shows for a line that redraws itself with \r. */
function settled(line: string): string {
  const cr = line.lastIndexOf('\r', line.length - 2)
  return (cr >= 0 ? line.slice(cr + 1) : line).replace(/\r$/, '')
}

/** Assembles lines from text that arrives in pieces. */
class Lines {
  private partial = ''

  push(text: string, onLine: (line: string) => void): void {
    const parts = (this.partial + text).split('\n')
    this.partial = parts.pop() ?? ''
    for (const part of parts) onLine(settled(part))
  }

  end(onLine: (line: string) => void): void {
    if (this.partial) onLine(settled(this.partial))
    this.partial = ''
  }
}

interface VertexState {
  step: number | null
  instruction: string
  announced: boolean
  cached: boolean
  done: boolean
  lines: Lines
}

export class BuildProgressParser {
  private current: number | null = null
  private readonly stream = new Lines()
  private readonly pullStatus = new Map<string, string>()
  private readonly vertices = new Map<string, VertexState>()
  private failedStep: number | null = null

  constructor(
    private readonly sink: StepSink,
    private readonly plan: BuildPlan
  ) {}

  push(value: unknown): void {
    if (typeof value !== 'object' || value === null) return
    const message = value as EngineBuildMessage
    if (message.errorDetail || typeof message.error === 'string') {
      this.stream.end((line) => this.classicLine(line))
      const text = typeof message.errorDetail?.message === 'string' ? message.errorDetail.message : String(message.error)
      this.sink.failed(this.failedStep ?? this.current, text)
      return
    }
    if (message.id === 'moby.buildkit.trace' && typeof message.aux === 'string') return this.trace(message.aux)
    const auxId = (message.aux as { ID?: unknown } | undefined)?.ID
    if (typeof auxId === 'string') this.sink.imageId(auxId)
    if (typeof message.stream === 'string') this.stream.push(message.stream, (line) => this.classicLine(line))
    if (typeof message.status === 'string') this.pull(message)
  }

  /** The answer ended: whatever step was running has finished. */
  end(): void {
    this.stream.end((line) => this.classicLine(line))
    for (const state of this.vertices.values()) state.lines.end((line) => this.sink.output(state.step, line))
    this.finishCurrent()
  }

  private finishCurrent(): void {
    if (this.current !== null) this.sink.finished(this.current)
    this.current = null
  }

  private classicLine(line: string): void {
    const step = STEP_LINE.exec(line)
    if (step) {
      this.finishCurrent()
      this.current = Number(step[1])
      this.sink.started(this.current, Number(step[2]), step[3])
      return
    }
    if (USING_CACHE.test(line) && this.current !== null) return this.sink.cached(this.current)
    if (BUILT.test(line)) this.finishCurrent()
    const tagged = TAGGED.exec(line)
    if (tagged) {
      this.finishCurrent()
      this.sink.tagged(tagged[1])
    }
    this.sink.output(this.current, line)
  }

  /** Pull progress (FROM an image not present, or `pull`): one line per layer per status change, not per tick. */
  private pull(message: EngineBuildMessage): void {
    const id = typeof message.id === 'string' ? message.id : ''
    const status = String(message.status)
    if (this.pullStatus.get(id) === status) return
    this.pullStatus.set(id, status)
    this.sink.output(this.current, id ? `${id}: ${status}` : status)
  }

  private trace(base64: string): void {
    let status
    try {
      status = decodeBuildkitStatus(base64)
    } catch {
      return // a message we cannot read is progress we do not show, not a failed build
    }
    for (const vertex of status.vertexes) this.vertex(vertex)
    for (const log of status.logs) {
      const state = this.vertices.get(log.vertex)
      if (!state) continue
      state.lines.push(log.msg.toString('utf8'), (line) => this.sink.output(state.step, line))
    }
    for (const warning of status.warnings) {
      const step = this.vertices.get(warning.vertex)?.step ?? null
      this.sink.output(step, `WARNING: ${warning.short}`)
    }
  }

  private vertex(vertex: BuildkitVertex): void {
    let state = this.vertices.get(vertex.digest)
    if (!state) {
      const mapped = stepForVertexName(this.plan, vertex.name)
      state = { step: mapped?.step ?? null, instruction: mapped?.instruction ?? vertex.name, announced: false, cached: false, done: false, lines: new Lines() }
      this.vertices.set(vertex.digest, state)
    }
    const { step } = state
    if (vertex.started !== null && !state.announced) {
      state.announced = true
      if (step === null) this.sink.output(null, vertex.name)
      else this.sink.started(step, null, state.instruction)
    }
    if (vertex.cached && !state.cached) {
      state.cached = true
      if (step !== null) this.sink.cached(step)
    }
    if (vertex.error) {
      if (step !== null) this.failedStep = step
      else this.sink.output(null, `ERROR: ${vertex.error}`)
    }
    if (vertex.completed !== null && !state.done) {
      state.done = true
      state.lines.end((line) => this.sink.output(step, line))
      if (step !== null && !vertex.error) {
        if (!state.announced) this.sink.started(step, null, state.instruction)
        state.announced = true
        this.sink.finished(step, vertex.started !== null ? Math.max(0, vertex.completed - vertex.started) : 0)
      }
    }
  }
}
