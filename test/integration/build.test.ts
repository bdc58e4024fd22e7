/**
 * build.run against the real engine (classic builder): steps streamed with cache marks and
 * durations, a changed line rebuilding only from there on, build args and target, the failing
 * step and its Dockerfile line, cancel leaving no tag behind, and history kept across cores.
 */
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { MAX_STEP_OUTPUT_LINES, type BuildRecord } from '../../shared/build-models'
import { createCore } from '../../electron/core/app'
import { call, createTestCore, type TestCore } from './handlers-kit'
import { BUILD_LABELS, cachedSteps, makeContext, outputOf, removeContext, removeImages, runBuild, stepEvents, uniqueTag, writeContextFiles, newBuildId } from './build-kit'

let t: TestCore
const contexts: string[] = []
const tags: string[] = []

function context(files: Record<string, string>): string {
  const dir = makeContext(files)
  contexts.push(dir)
  return dir
}

function tag(name: string): string {
  const value = uniqueTag(name)
  tags.push(value)
  return value
}

beforeAll(async () => {
  t = await createTestCore()
})

afterAll(async () => {
  await removeImages(t, tags)
  for (const dir of contexts) removeContext(dir)
  await t.dispose()
})

describe('build.run (classic builder)', () => {
  it('streams the steps; a second build reports cache hits; a changed line rebuilds only from there', async () => {
    const marker = Math.random().toString(36).slice(2)
    const dockerfile = (third: string) =>
      `FROM ${t.host.testImage}\nRUN echo first-${marker} > /first\nRUN echo ${third}-${marker} \\\n  > /second\nCOPY hello.txt /hello.txt\nRUN cat /hello.txt\n`
    const dir = context({ Dockerfile: dockerfile('second'), 'hello.txt': 'hello from the context\n' })
    const reference = tag('cache')

    const first = await runBuild(t.core, { contextPath: dir, tags: [reference] })
    expect(first.record.status).toBe('succeeded')
    expect(first.record.imageId).toMatch(/^sha256:[0-9a-f]{64}$/)
    expect(first.record.tags).toEqual([reference])
    const plan = first.events.find((event) => event.kind === 'plan')
    // 5 instructions + one LABEL step per label the options add (BUILD_LABELS).
    const labelLines = BUILD_LABELS.map(() => null)
    expect(plan && plan.kind === 'plan' ? plan.steps.map((step) => step.line) : null).toEqual([1, 2, 3, 5, 6, ...labelLines])
    expect(cachedSteps(first)).toEqual([])
    const all = Array.from({ length: 5 + BUILD_LABELS.length }, (_, i) => i + 1)
    expect(stepEvents(first).map((step) => step.step)).toEqual(all)
    expect(outputOf(first, 5)).toContain('hello from the context')
    for (const step of stepEvents(first)) expect(step.durationMs).toBeGreaterThanOrEqual(0)

    const second = await runBuild(t.core, { contextPath: dir, tags: [reference] })
    expect(second.record.status).toBe('succeeded')
    expect(second.record.imageId).toBe(first.record.imageId)
    expect(cachedSteps(second)).toEqual(all.slice(1))
    expect(second.record.cachedSteps).toBe(all.length - 1)

    writeContextFiles(dir, { Dockerfile: dockerfile('changed') })
    const third = await runBuild(t.core, { contextPath: dir, tags: [reference] })
    expect(third.record.status).toBe('succeeded')
    expect(cachedSteps(third)).toEqual([2])
    expect(third.record.imageId).not.toBe(first.record.imageId)
  })

  it('passes build args and stops at the target stage', async () => {
    const dir = context({
      Dockerfile: [
        'ARG BASE',
        'FROM ${BASE} AS base',
        'ARG GREETING=hello',
        'RUN echo "$GREETING" > /greeting',
        'FROM base AS final',
        'RUN echo final > /final'
      ].join('\n')
    })
    const reference = tag('args')
    const run = await runBuild(t.core, {
      contextPath: dir,
      tags: [reference],
      target: 'base',
      buildArgs: [
        { name: 'BASE', value: t.host.testImage },
        { name: 'GREETING', value: 'from-a-build-arg' }
      ]
    })
    expect(run.record.status).toBe('succeeded')
    // ARG, FROM base, ARG, RUN, + the label steps: the final stage is not built.
    expect(stepEvents(run).map((step) => step.step)).toEqual(Array.from({ length: 4 + BUILD_LABELS.length }, (_, i) => i + 1))
    const container = await t.docker.createContainer({ Image: reference, Cmd: ['sh', '-c', 'cat /greeting; test -e /final && echo has-final || echo no-final'], Labels: t.labels })
    try {
      await container.start()
      await container.wait()
      const logs = (await container.logs({ stdout: true, stderr: true })).toString('utf8')
      expect(logs).toContain('from-a-build-arg')
      expect(logs).toContain('no-final')
    } finally {
      await container.remove({ force: true })
    }
  })

  it('names the failing step and its Dockerfile line (continuation lines counted) with the engine message', async () => {
    const dir = context({ Dockerfile: `FROM ${t.host.testImage}\n# a comment\nRUN echo ok\nRUN echo about to fail && \\\n    exit 3\nRUN echo never\n` })
    const reference = tag('fail')
    const run = await runBuild(t.core, { contextPath: dir, tags: [reference] })
    expect(run.record.status).toBe('failed')
    expect(run.record.failure).toMatchObject({ step: 3, line: 4 })
    expect(run.record.failure?.instruction).toContain('exit 3')
    expect(run.record.failure?.message).toMatch(/returned a non-zero code: 3/)
    expect(run.record.failure?.source.map((line) => line.number)).toEqual([4, 5])
    expect(outputOf(run, 3)).toContain('about to fail')
    await expect(t.docker.getImage(reference).inspect()).rejects.toMatchObject({ statusCode: 404 })
  })

  it('paces a noisy RUN: output in batches, capped per step, the rest counted', async () => {
    const dir = context({ Dockerfile: `FROM ${t.host.testImage}\nRUN seq 1 60000\n` })
    const run = await runBuild(t.core, { contextPath: dir, tags: [tag('noisy')], noCache: true })
    expect(run.record.status).toBe('succeeded')
    const batches = run.events.filter((event) => event.kind === 'output' && event.step === 2)
    const lines = outputOf(run, 2).filter((line) => /^\d+$/.test(line))
    expect(outputOf(run, 2)).toHaveLength(MAX_STEP_OUTPUT_LINES)
    expect(lines[0]).toBe('1')
    // 20,000 lines in a handful of frames, not one frame per engine message.
    expect(batches.length).toBeLessThan(200)
    const done = stepEvents(run).find((event) => event.step === 2)
    // Every number the step printed was either sent or counted (the engine's own lines after it are counted too).
    expect(done?.droppedLines).toBeGreaterThanOrEqual(60_000 - lines.length)
  })

  it('refuses a missing folder, a missing Dockerfile and an unknown target before calling the engine', async () => {
    const dir = context({ Dockerfile: `FROM ${t.host.testImage} AS only\n` })
    await expect(runBuild(t.core, { contextPath: `${dir}/nope` })).rejects.toMatchObject({ code: 'INVALID_INPUT', detail: { field: 'contextPath' } })
    await expect(runBuild(t.core, { contextPath: dir, dockerfile: 'Other.Dockerfile' })).rejects.toMatchObject({ code: 'INVALID_INPUT', detail: { field: 'dockerfile' } })
    await expect(runBuild(t.core, { contextPath: dir, target: 'missing' })).rejects.toMatchObject({ code: 'INVALID_INPUT', detail: { field: 'target' } })
    expect(await call(t.core, 'build.inspectContext', { contextPath: dir, dockerfile: 'Dockerfile' })).toEqual({ ok: true, stages: ['only'], args: [], steps: 1 })
  })

  it('cancel mid-build ends with a cancelled result and no tag', async () => {
    const dir = context({ Dockerfile: `FROM ${t.host.testImage}\nRUN echo started-sleeping && sleep 30\nRUN echo never\n` })
    const reference = tag('cancel')
    const buildId = newBuildId()
    let cancelled = false
    const run = await runBuild(t.core, { contextPath: dir, tags: [reference] }, {
      buildId,
      onEvent: (event) => {
        if (!cancelled && event.kind === 'output' && event.lines.includes('started-sleeping')) {
          cancelled = true
          void call(t.core, 'build.cancel', { buildId })
        }
      }
    })
    expect(cancelled).toBe(true)
    expect(run.record.status).toBe('cancelled')
    expect(run.record.durationMs).toBeLessThan(25_000)
    // Give the engine a moment to finish tearing the build down, then check nothing was tagged.
    await new Promise((resolve) => setTimeout(resolve, 1000))
    await expect(t.docker.getImage(reference).inspect()).rejects.toMatchObject({ statusCode: 404 })
    const sleepers = await t.docker.listContainers({ filters: JSON.stringify({ status: ['running'] }) })
    expect(sleepers.filter((c) => c.Command.includes('started-sleeping'))).toEqual([])
  })

  it('keeps history across a new core on the same config dir, and clears it', async () => {
    const history = await call(t.core, 'build.history', {})
    expect(history[0].status).toBe('cancelled')
    expect(history.find((record) => record.status === 'failed')?.failure?.line).toBe(4)

    const configDir = mkdtempSync(join(tmpdir(), 'berth-build-history-'))
    contexts.push(configDir)
    const coreOn = () => createCore({ env: { PATH: process.env.PATH, DOCKER_HOST: t.host.dockerHost }, configDir, homeDir: configDir })
    const first = await coreOn()
    let built: BuildRecord
    try {
      const dir = context({ Dockerfile: `FROM ${t.host.testImage}\nRUN true\n` })
      built = (await runBuild(first, { contextPath: dir, tags: [tag('history')] })).record
    } finally {
      await first.close()
    }
    const again = await coreOn()
    try {
      expect(await call(again, 'build.history', {})).toEqual([built])
      await call(again, 'build.clearHistory', {})
      expect(await call(again, 'build.history', {})).toEqual([])
    } finally {
      await again.close()
    }
  })
})
