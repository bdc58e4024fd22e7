/**
 * What a Dockerfile will run, step by step, in the classic builder's numbering: meta ARGs
 * (before the first FROM), then each stage's FROM and instructions up to the target stage, then
 * one LABEL per build-option label (sorted by key, appended to the last stage — how dockerd adds
 * them). Each step keeps its Dockerfile lines, so an error at "Step 4/7" points at a line, and
 * BuildKit's "[stage 2/3] RUN …" vertex names map to the same steps.
 * Parsing is dockerfile-ast's (continuation lines, escape directive, comments inside instructions).
 */
import { DockerfileParser, type From, type Instruction } from 'dockerfile-ast'
import type { PlannedStep, SourceLine } from '../../../shared/build-models'

const KEYWORDS = new Set([
  'ADD', 'ARG', 'CMD', 'COPY', 'ENTRYPOINT', 'ENV', 'EXPOSE', 'FROM', 'HEALTHCHECK', 'LABEL',
  'MAINTAINER', 'ONBUILD', 'RUN', 'SHELL', 'STOPSIGNAL', 'USER', 'VOLUME', 'WORKDIR'
])
/** Source lines shown for one failing instruction; a longer one is cut here. */
const MAX_SOURCE_LINES = 30

export class DockerfileProblem extends Error {
  constructor(
    readonly field: 'dockerfile' | 'target',
    message: string
  ) {
    super(message)
    this.name = 'DockerfileProblem'
  }
}

export interface BuildPlan {
  steps: PlannedStep[]
  /** Every stage's name, in order (AS name, else stage-N), for the target field. */
  stages: string[]
  /** ARG names declared anywhere, in order, once each. */
  args: string[]
  /** "stage|n" (BuildKit's per-stage numbering, FROM = 1) → global step index. */
  byStageStep: Map<string, number>
  singleStage: boolean
}

interface Stage {
  name: string
  instructions: Instruction[]
}

function describe(instruction: Instruction): string {
  const args = instruction.getArgumentsContent()
  return args ? `${instruction.getKeyword()} ${args}` : instruction.getKeyword()
}

function splitStages(instructions: Instruction[]): { metaArgs: Instruction[]; stages: Stage[] } {
  const metaArgs: Instruction[] = []
  const stages: Stage[] = []
  for (const instruction of instructions) {
    const keyword = instruction.getKeyword()
    const line = instruction.getRange().start.line + 1
    if (!KEYWORDS.has(keyword)) {
      throw new DockerfileProblem('dockerfile', `line ${line}: "${instruction.getInstruction()}" is not a Dockerfile instruction`)
    }
    if (keyword === 'FROM') {
      const name = (instruction as From).getBuildStage() ?? `stage-${stages.length}`
      stages.push({ name, instructions: [instruction] })
    } else if (stages.length === 0) {
      if (keyword !== 'ARG') throw new DockerfileProblem('dockerfile', `line ${line}: only ARG may come before the first FROM (found ${keyword})`)
      metaArgs.push(instruction)
    } else {
      stages[stages.length - 1].instructions.push(instruction)
    }
  }
  return { metaArgs, stages }
}

function declaredArgs(instructions: Instruction[]): string[] {
  const names: string[] = []
  for (const instruction of instructions) {
    if (instruction.getKeyword() !== 'ARG') continue
    const name = /^([A-Za-z_][A-Za-z0-9_]*)/.exec(instruction.getArgumentsContent() ?? '')?.[1]
    if (name && !names.includes(name)) names.push(name)
  }
  return names
}

export interface PlanOptions {
  target?: string
  labels?: Array<{ name: string; value: string }>
  /** BuildKit runs no step for meta ARGs or option labels (and numbers steps per stage). */
  builder?: 'classic' | 'buildkit'
}

export function planBuild(text: string, options: PlanOptions = {}): BuildPlan {
  const dockerfile = DockerfileParser.parse(text)
  const instructions = dockerfile.getInstructions()
  if (instructions.length === 0) throw new DockerfileProblem('dockerfile', 'the Dockerfile has no instructions')
  const { metaArgs, stages } = splitStages(instructions)
  if (stages.length === 0) throw new DockerfileProblem('dockerfile', 'the Dockerfile has no FROM instruction')
  const stageNames = stages.map((stage) => stage.name)

  let used = stages
  if (options.target) {
    const wanted = options.target.toLowerCase()
    const index = stages.findIndex((stage) => stage.name.toLowerCase() === wanted)
    if (index < 0) throw new DockerfileProblem('target', `there is no stage "${options.target}"; the stages are ${stageNames.join(', ')}`)
    used = stages.slice(0, index + 1)
  }

  const steps: PlannedStep[] = []
  const byStageStep = new Map<string, number>()
  const push = (instruction: string, line: number | null, endLine: number | null, stage: string): number => {
    steps.push({ index: steps.length + 1, instruction, line, endLine, stage })
    return steps.length
  }
  const classic = options.builder !== 'buildkit'
  for (const arg of classic ? metaArgs : []) {
    const range = arg.getRange()
    push(describe(arg), range.start.line + 1, range.end.line + 1, '')
  }
  for (const stage of used) {
    stage.instructions.forEach((instruction, i) => {
      const range = instruction.getRange()
      const index = push(describe(instruction), range.start.line + 1, range.end.line + 1, stage.name)
      byStageStep.set(`${stage.name.toLowerCase()}|${i + 1}`, index)
    })
  }
  const lastStage = used[used.length - 1].name
  for (const label of [...(classic ? (options.labels ?? []) : [])].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
    push(`LABEL ${label.name}=${label.value}`, null, null, lastStage)
  }
  return { steps, stages: stageNames, args: declaredArgs(instructions), byStageStep, singleStage: stages.length === 1 }
}

/** BuildKit names a Dockerfile vertex "[2/4] RUN …" (one stage) or "[builder 2/4] RUN …"; internal ones "[internal] …". */
export function stepForVertexName(plan: BuildPlan, name: string): { step: number; instruction: string } | null {
  const match = /^\[(?:(\S+) )?(\d+)\/\d+\] (.*)$/s.exec(name)
  if (!match) return null
  const stage = match[1]
  const n = Number(match[2])
  if (stage === undefined) {
    if (!plan.singleStage) return null
    const only = plan.steps.find((step) => step.stage !== '')?.stage
    if (only === undefined) return null
    const step = plan.byStageStep.get(`${only.toLowerCase()}|${n}`)
    return step === undefined ? null : { step, instruction: match[3] }
  }
  const step = plan.byStageStep.get(`${stage.toLowerCase()}|${n}`)
  return step === undefined ? null : { step, instruction: match[3] }
}

/** Lines `first..last` (1-based) of the Dockerfile, capped, for showing a failure in place. */
export function sourceLines(text: string, first: number, last: number): SourceLine[] {
  const lines = text.split(/\r?\n/)
  const end = Math.min(last, first + MAX_SOURCE_LINES - 1, lines.length)
  const shown: SourceLine[] = []
  for (let number = first; number <= end; number++) shown.push({ number, text: lines[number - 1] ?? '' })
  return shown
}
