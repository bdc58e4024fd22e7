/**
 * Build area DTOs and rules: what a build takes (a context folder on the machine running Berth,
 * a Dockerfile, tags, args, target, labels, builder), the structured events a build streams
 * (plan, context bytes, steps with cache marks and durations, output batches, one result), and
 * the history record kept across restarts. The *Problem functions return a sentence or null so
 * the dialog and the zod schemas share one rule per field.
 */
import { z } from 'zod'
import { repositoryProblem, tagProblem } from './snapshots-models'

export const MAX_TAGS = 20
export const MAX_BUILD_ARGS = 100
export const MAX_LABELS = 100
/** History kept on disk: the newest records, the rest dropped. */
export const MAX_HISTORY = 100
/** Output lines one step may send; past this the step says how many it left out (BuildKit clips logs the same way). */
export const MAX_STEP_OUTPUT_LINES = 20_000
export const MAX_STEP_OUTPUT_CHARS = 4 * 1024 * 1024
/** And at most this much output for the whole build, however many steps. */
export const MAX_BUILD_OUTPUT_CHARS = 32 * 1024 * 1024

export const BUILDERS = ['classic', 'buildkit'] as const
export const Builder = z.enum(BUILDERS)
export type Builder = z.infer<typeof Builder>

const ABSOLUTE_PATH = /^(\/|~(\/|$)|[A-Za-z]:[\\/]|\\\\)/

export function contextPathProblem(path: string): string | null {
  if (path.trim().length === 0) return 'choose the folder to build from'
  if (path.length > 4096) return 'paths are at most 4096 characters'
  if (path.includes('\0')) return 'the path must not contain NUL characters'
  if (!ABSOLUTE_PATH.test(path)) return 'use a full path, e.g. /home/me/app (or ~/app)'
  return null
}

export function dockerfilePathProblem(path: string): string | null {
  if (path.trim().length === 0) return 'name the Dockerfile (usually Dockerfile)'
  if (path.length > 4096) return 'paths are at most 4096 characters'
  if (path.includes('\0')) return 'the path must not contain NUL characters'
  return null
}

/** A tag for the built image: `name[:tag]`, e.g. myapp, myapp:1.2 or 127.0.0.1:5000/team/app:dev. */
export function imageTagProblem(reference: string): string | null {
  const value = reference.trim()
  if (value.length === 0) return 'a tag is required (or remove the empty one)'
  if (value.includes('@')) return 'a build tag cannot name a digest (@sha256:…)'
  const slash = value.lastIndexOf('/')
  const colon = value.lastIndexOf(':')
  const hasTag = colon > slash
  const repository = hasTag ? value.slice(0, colon) : value
  const repoProblem = repositoryProblem(repository)
  if (repoProblem) return repoProblem
  if (hasTag) {
    const tag = value.slice(colon + 1)
    if (tag.length === 0) return 'nothing after ":": add a tag such as latest, or drop the colon'
    return tagProblem(tag)
  }
  return null
}

/** Build-arg names: what a Dockerfile's ARG can declare. */
export function buildArgNameProblem(name: string): string | null {
  if (name.length === 0) return 'a build arg needs a name'
  if (name.length > 256) return 'build arg names are at most 256 characters'
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) return 'use letters, digits and _ (not starting with a digit), e.g. VERSION'
  return null
}

export function labelKeyProblem(key: string): string | null {
  if (key.length === 0) return 'a label needs a key'
  if (key.length > 256) return 'label keys are at most 256 characters'
  if (/[\s=]/.test(key)) return 'label keys have no spaces or "=", e.g. org.example.team'
  return null
}

/** Stage names as FROM … AS name accepts them. */
export function targetProblem(target: string): string | null {
  if (target.length === 0) return null
  if (target.length > 128) return 'stage names are at most 128 characters'
  if (!/^[A-Za-z][A-Za-z0-9_.-]*$/.test(target)) return 'a stage name starts with a letter, then letters, digits, _ . or -'
  return null
}

const problemCheck = (check: (value: string) => string | null) => (value: string, ctx: z.RefinementCtx) => {
  const problem = check(value)
  if (problem) ctx.addIssue({ code: 'custom', message: problem })
}

const Pair = (keyCheck: (value: string) => string | null, what: string) =>
  z.object({ name: z.string().superRefine(problemCheck(keyCheck)), value: z.string().max(32_768, `a ${what} value is at most 32768 characters`) }).strict()

const uniqueNames = (items: Array<{ name: string }>) => new Set(items.map((item) => item.name)).size === items.length

export const BuildOptions = z
  .object({
    contextPath: z.string().superRefine(problemCheck(contextPathProblem)),
    dockerfile: z.string().superRefine(problemCheck(dockerfilePathProblem)).default('Dockerfile'),
    tags: z.array(z.string().superRefine(problemCheck(imageTagProblem))).max(MAX_TAGS, `at most ${MAX_TAGS} tags`).default([]),
    buildArgs: z
      .array(Pair(buildArgNameProblem, 'build arg'))
      .max(MAX_BUILD_ARGS, `at most ${MAX_BUILD_ARGS} build args`)
      .refine(uniqueNames, 'each build arg name once')
      .default([]),
    target: z.string().superRefine(problemCheck(targetProblem)).optional(),
    noCache: z.boolean().default(false),
    pull: z.boolean().default(false),
    labels: z.array(Pair(labelKeyProblem, 'label')).max(MAX_LABELS, `at most ${MAX_LABELS} labels`).refine(uniqueNames, 'each label key once').default([]),
    builder: Builder.default('classic')
  })
  .strict()
export type BuildOptions = z.output<typeof BuildOptions>
export type BuildOptionsInput = z.input<typeof BuildOptions>

/** A client-chosen id for one build, so `build.cancel` can name it. */
export const BuildId = z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, 'a build id is 8–64 letters, digits, _ or -')

/** One Dockerfile instruction the build will run, in the engine's order. */
export const PlannedStep = z.object({
  /** 1-based, as the classic builder numbers its steps ("Step 3/7"). */
  index: z.number().int().min(1),
  instruction: z.string(),
  /** First and last Dockerfile line (1-based; continuation lines make them differ); null for steps the options add (labels). */
  line: z.number().int().min(1).nullable(),
  endLine: z.number().int().min(1).nullable(),
  /** The stage's name (AS name, else stage-N). */
  stage: z.string()
})
export type PlannedStep = z.infer<typeof PlannedStep>

/** A line of the Dockerfile, for showing where a failure is. */
export const SourceLine = z.object({ number: z.number().int().min(1), text: z.string() })
export type SourceLine = z.infer<typeof SourceLine>

export const BuildFailure = z.object({
  /** The failing step, or null when the build failed before or after the steps (context, parse, tagging). */
  step: z.number().int().min(1).nullable(),
  instruction: z.string().nullable(),
  line: z.number().int().min(1).nullable(),
  /** The failing instruction's lines (capped), to show in place. */
  source: z.array(SourceLine),
  /** The engine's own words. */
  message: z.string()
})
export type BuildFailure = z.infer<typeof BuildFailure>

export const BuildStatus = z.enum(['succeeded', 'failed', 'cancelled'])
export type BuildStatus = z.infer<typeof BuildStatus>

export const BuildRecord = z.object({
  id: z.string(),
  options: BuildOptions,
  /** The engine this ran on (its Berth id) and the Dockerfile name sent to it. */
  engineId: z.string(),
  startedAt: z.number(),
  durationMs: z.number(),
  status: BuildStatus,
  imageId: z.string().nullable(),
  /** Tags the engine confirmed. */
  tags: z.array(z.string()),
  steps: z.number().int().min(0),
  cachedSteps: z.number().int().min(0),
  contextBytes: z.number().min(0),
  failure: BuildFailure.nullable()
})
export type BuildRecord = z.infer<typeof BuildRecord>

export const BuildEvent = z.discriminatedUnion('kind', [
  /** First: what will run (from the Dockerfile), before any byte goes to the engine. */
  z.object({ kind: z.literal('plan'), buildId: z.string(), builder: Builder, dockerfile: z.string(), steps: z.array(PlannedStep), contextFiles: z.number(), contextBytes: z.number() }),
  /** The context as it is sent (throttled). */
  z.object({ kind: z.literal('context'), sentBytes: z.number(), totalBytes: z.number() }),
  z.object({ kind: z.literal('step'), index: z.number().int().min(1), total: z.number().int().min(1), instruction: z.string() }),
  /** A batch of output lines; `step` null is output that belongs to no step (preparing, exporting, tagging). */
  z.object({ kind: z.literal('output'), step: z.number().int().min(1).nullable(), lines: z.array(z.string()) }),
  z.object({ kind: z.literal('cached'), step: z.number().int().min(1) }),
  z.object({ kind: z.literal('stepDone'), step: z.number().int().min(1), durationMs: z.number(), cached: z.boolean(), droppedLines: z.number().int().min(0) }),
  /** Last: the outcome, exactly as history keeps it. */
  z.object({ kind: z.literal('result'), record: BuildRecord })
])
export type BuildEvent = z.infer<typeof BuildEvent>

/** What `build.inspectContext` says about a context + Dockerfile before a build: a field's problem, or what the Dockerfile declares. */
export const ContextCheck = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(false), field: z.enum(['contextPath', 'dockerfile', 'target']), message: z.string() }),
  z.object({
    ok: z.literal(true),
    /** Stage names, for the target field. */
    stages: z.array(z.string()),
    /** ARG names the Dockerfile declares, for the build-args rows. */
    args: z.array(z.string()),
    steps: z.number().int().min(0)
  })
])
export type ContextCheck = z.infer<typeof ContextCheck>

export const BuildersInfo = z.object({ buildkit: z.boolean(), reason: z.string().nullable() })
export type BuildersInfo = z.infer<typeof BuildersInfo>
