/**
 * Helpers for the build integration tests: contexts written into temp folders, a build run
 * through the handler table collecting every event, and removal of this run's images only
 * (tags prefixed `build-`, labels berth.test=1 + berth.test.area=build).
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { randomBytes } from 'node:crypto'
import type { BuildEvent, BuildOptionsInput, BuildRecord } from '../../shared/build-models'
import { BuildOptions } from '../../shared/build-models'
import type { Core } from '../../electron/core/app'
import { toRpcError } from '../../electron/core/rpc/errors'
import type { TestCore } from './handlers-kit'

/** One value per test process: every image a build test makes carries it, so cleanup finds the untagged ones too. */
const RUN_ID = `build-${process.pid}-${randomBytes(4).toString('hex')}`

export const BUILD_LABELS = [
  { name: 'berth.test', value: '1' },
  { name: 'berth.test.area', value: 'build' },
  { name: 'berth.test.build-run', value: RUN_ID }
]

/** The same labels as `--label` arguments, for docker CLI builds that must match ours step for step. */
export const BUILD_LABEL_ARGS = BUILD_LABELS.flatMap((label) => ['--label', `${label.name}=${label.value}`])

export function makeContext(files: Record<string, string | Buffer>): string {
  const dir = mkdtempSync(join(tmpdir(), 'berth-build-ctx-'))
  writeContextFiles(dir, files)
  return dir
}

export function writeContextFiles(dir: string, files: Record<string, string | Buffer>): void {
  for (const [name, body] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, name)), { recursive: true })
    writeFileSync(join(dir, name), body)
  }
}

export function removeContext(dir: string): void {
  rmSync(dir, { recursive: true, force: true })
}

export function uniqueTag(name: string): string {
  return `build-${name}-${randomBytes(3).toString('hex')}:t`
}

export interface BuildRun {
  events: BuildEvent[]
  record: BuildRecord
  buildId: string
}

export function newBuildId(): string {
  return `b-${randomBytes(8).toString('hex')}`
}

/** Runs build.run as the peer would (input parsed by the contract) and returns its events and result. */
export async function runBuild(
  core: Core,
  input: BuildOptionsInput,
  hooks: { buildId?: string; onEvent?: (event: BuildEvent) => void; signal?: AbortSignal } = {}
): Promise<BuildRun> {
  const buildId = hooks.buildId ?? newBuildId()
  const options = BuildOptions.parse({ ...input, labels: [...BUILD_LABELS, ...(input.labels ?? [])] })
  const events: BuildEvent[] = []
  const handler = core.handlers['build.run']
  try {
    await handler({ ...options, buildId }, (event) => {
      events.push(event)
      hooks.onEvent?.(event)
    }, hooks.signal ?? new AbortController().signal)
  } catch (err) {
    throw toRpcError(err)
  }
  const result = events.find((event): event is Extract<BuildEvent, { kind: 'result' }> => event.kind === 'result')
  if (!result) throw new Error(`build ended without a result: ${JSON.stringify(events.slice(-3))}`)
  return { events, record: result.record, buildId }
}

export function stepEvents(run: BuildRun): Array<Extract<BuildEvent, { kind: 'stepDone' }>> {
  return run.events.filter((event): event is Extract<BuildEvent, { kind: 'stepDone' }> => event.kind === 'stepDone')
}

export function cachedSteps(run: BuildRun): number[] {
  return run.events.filter((event): event is Extract<BuildEvent, { kind: 'cached' }> => event.kind === 'cached').map((event) => event.step)
}

export function outputOf(run: BuildRun, step: number | null): string[] {
  return run.events.flatMap((event) => (event.kind === 'output' && event.step === step ? event.lines : []))
}

/**
 * Removes the given references, then every image this process's builds made (rebuilt tags leave
 * their older images untagged), until none is left.
 */
export async function removeImages(t: TestCore, references: string[]): Promise<void> {
  for (const reference of references) {
    await t.docker.getImage(reference).remove({ force: true }).catch(() => {})
  }
  const filters = JSON.stringify({ label: [`berth.test.build-run=${RUN_ID}`] })
  for (let pass = 0; pass < 5; pass++) {
    const left = await t.docker.listImages({ all: true, filters })
    if (left.length === 0) return
    for (const image of left) await t.docker.getImage(image.Id).remove({ force: true }).catch(() => {})
  }
}
