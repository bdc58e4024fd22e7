/**
 * One build, start to end: check the folder and Dockerfile, plan the steps, list the context
 * (readable, .dockerignore applied), then stream the tar to the engine while its answer is parsed
 * into step events; the outcome becomes one history record. Problems with the input (no such
 * folder, a Dockerfile that doesn't parse, an unknown target) are refused before anything reaches
 * the engine, with the field they belong to; failures during the build are results, not throws.
 */
import { RpcError } from '../../../shared/errors'
import type { BuildEvent, BuildOptions, BuildRecord, ContextCheck } from '../../../shared/build-models'
import type { CredentialStore, RegistryAuth } from '../credentials/store'
import { toRpcError } from '../rpc/errors'
import type { EngineClient } from './client'
import { ContextProblem, listContext, resolveContext } from './build-context'
import { packContext } from './build-pack'
import { DockerfileProblem, planBuild, type BuildPlan } from './build-dockerfile'
import { BuildProgressParser } from './build-progress'
import { StepTracker } from './build-steps'

/** Context progress is reported at most this often (and once at the end). */
const CONTEXT_EVENT_MS = 100

export interface BuildSessionDeps {
  engine: EngineClient
  homeDir: string
  credentials: CredentialStore
}

function inputProblem(err: unknown): RpcError | null {
  if (err instanceof ContextProblem || err instanceof DockerfileProblem) {
    return new RpcError('INVALID_INPUT', err.message, { field: err.field })
  }
  return null
}

async function prepare(options: Pick<BuildOptions, 'contextPath' | 'dockerfile' | 'target' | 'labels' | 'builder'>, homeDir: string) {
  const context = await resolveContext(options.contextPath, options.dockerfile, homeDir)
  const plan = planBuild(context.dockerfileText, { target: options.target, labels: options.labels, builder: options.builder })
  return { context, plan }
}

/** What the dialog asks before building: is the folder there, does the Dockerfile parse, which stages and args it has. */
export async function inspectContext(options: Pick<BuildOptions, 'contextPath' | 'dockerfile' | 'target'>, homeDir: string): Promise<ContextCheck> {
  try {
    const { plan } = await prepare({ ...options, labels: [], builder: 'classic' }, homeDir)
    return { ok: true, stages: plan.stages, args: plan.args, steps: plan.steps.length }
  } catch (err) {
    if (err instanceof ContextProblem || err instanceof DockerfileProblem) return { ok: false, field: err.field, message: err.message }
    throw err
  }
}

/** Registries named literally in FROM lines ("127.0.0.1:5000/team/base"), for X-Registry-Config. */
function fromRegistries(plan: BuildPlan): string[] {
  const hosts = new Set<string>()
  for (const step of plan.steps) {
    const image = /^FROM\s+(?:--\S+\s+)*(\S+)/i.exec(step.instruction)?.[1]
    const first = image?.split('/')[0]
    if (image && image.includes('/') && first && (first.includes('.') || first.includes(':') || first === 'localhost')) hosts.add(first)
  }
  return [...hosts]
}

async function registryAuths(plan: BuildPlan, credentials: CredentialStore, signal: AbortSignal): Promise<Record<string, RegistryAuth>> {
  const auths: Record<string, RegistryAuth> = {}
  for (const host of fromRegistries(plan)) {
    const auth = await credentials.authFor(host, signal)
    if (auth) auths[host] = auth
  }
  return auths
}

const pairs = (items: Array<{ name: string; value: string }>): Record<string, string> => Object.fromEntries(items.map((item) => [item.name, item.value]))

export async function runBuild(
  buildId: string,
  options: BuildOptions,
  emit: (event: BuildEvent) => void,
  signal: AbortSignal,
  deps: BuildSessionDeps
): Promise<BuildRecord> {
  const startedAt = Date.now()
  const started = performance.now()
  let prepared: Awaited<ReturnType<typeof prepare>>
  let listing: Awaited<ReturnType<typeof listContext>>
  try {
    prepared = await prepare(options, deps.homeDir)
    listing = await listContext(prepared.context)
  } catch (err) {
    throw inputProblem(err) ?? err
  }
  const { context, plan } = prepared
  emit({
    kind: 'plan',
    buildId,
    builder: options.builder,
    dockerfile: context.dockerfileName,
    steps: plan.steps,
    contextFiles: listing.entries.length + listing.extra.length,
    contextBytes: listing.totalBytes
  })

  const tracker = new StepTracker(plan.steps, context.dockerfileText, emit)
  const parser = new BuildProgressParser(tracker, plan)
  let sentBytes = 0
  let lastContextEvent = 0
  const onBytes = (bytes: number): void => {
    sentBytes += bytes
    const now = performance.now()
    if (now - lastContextEvent < CONTEXT_EVENT_MS) return
    lastContextEvent = now
    emit({ kind: 'context', sentBytes, totalBytes: listing.totalBytes })
  }
  let thrown: unknown = null
  try {
    const request = {
      dockerfile: context.dockerfileName,
      tags: options.tags,
      buildArgs: pairs(options.buildArgs),
      target: options.target,
      noCache: options.noCache,
      pull: options.pull,
      labels: pairs(options.labels),
      builder: options.builder,
      registryAuths: await registryAuths(plan, deps.credentials, signal)
    }
    const tar = packContext(listing, onBytes, signal)
    await deps.engine.build.build(tar, request, (value) => parser.push(value), signal)
    parser.end()
  } catch (err) {
    thrown = err
  } finally {
    tracker.flush()
    tracker.close()
  }
  emit({ kind: 'context', sentBytes, totalBytes: listing.totalBytes })

  const summary = tracker.summary()
  let status: BuildRecord['status'] = 'succeeded'
  let failure = summary.failure
  if (signal.aborted) {
    status = 'cancelled'
    failure = null
  } else if (thrown !== null || failure || !summary.imageId) {
    status = 'failed'
    failure ??= {
      step: null,
      instruction: null,
      line: null,
      source: [],
      message: thrown !== null ? (inputProblem(thrown) ?? toRpcError(thrown)).message : 'The engine ended the build without naming the image it built.'
    }
  }
  return {
    id: buildId,
    options,
    engineId: deps.engine.id,
    startedAt,
    durationMs: Math.round(performance.now() - started),
    status,
    imageId: status === 'succeeded' ? summary.imageId : null,
    tags: status === 'succeeded' ? summary.tags : [],
    steps: summary.stepsRun,
    cachedSteps: summary.cachedSteps,
    contextBytes: listing.totalBytes,
    failure
  }
}
