/**
 * build.run with BuildKit (`version=2`, which Debian's engine 20.10 accepts through the API): its
 * protobuf progress decoded into the same steps — output, cache marks, engine-measured durations —
 * and a failure pointing at the step and line.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { call, createTestCore, type TestCore } from './handlers-kit'
import { cachedSteps, makeContext, outputOf, removeContext, removeImages, runBuild, stepEvents, uniqueTag } from './build-kit'

let t: TestCore
const contexts: string[] = []
const tags: string[] = []

beforeAll(async () => {
  t = await createTestCore()
})

afterAll(async () => {
  await removeImages(t, tags)
  for (const dir of contexts) removeContext(dir)
  await t.dispose()
})

describe('build.run (BuildKit)', () => {
  it('says this engine takes BuildKit', async () => {
    expect(await call(t.core, 'build.builders', {})).toEqual({ buildkit: true, reason: null })
  })

  it('maps vertices to Dockerfile steps with output, cache hits on the second run, and the image', async () => {
    const marker = Math.random().toString(36).slice(2)
    const dir = makeContext({
      Dockerfile: `FROM ${t.host.testImage}\nRUN echo bk-${marker} && \\\n  echo second-line\nCOPY file.txt /file.txt\nRUN cat /file.txt\n`,
      'file.txt': `content-${marker}\n`
    })
    contexts.push(dir)
    const reference = uniqueTag('bk')
    tags.push(reference)

    const first = await runBuild(t.core, { contextPath: dir, tags: [reference], builder: 'buildkit' })
    expect(first.record.status, JSON.stringify(first.record.failure)).toBe('succeeded')
    expect(first.record.imageId).toMatch(/^sha256:[0-9a-f]{64}$/)
    expect(first.record.tags).toEqual([reference])
    const plan = first.events.find((event) => event.kind === 'plan')
    expect(plan && plan.kind === 'plan' ? plan.steps.map((step) => step.instruction.split(' ')[0]) : null).toEqual(['FROM', 'RUN', 'COPY', 'RUN'])
    expect(stepEvents(first).map((step) => step.step).sort()).toEqual([1, 2, 3, 4])
    expect(outputOf(first, 2)).toEqual(expect.arrayContaining([`bk-${marker}`, 'second-line']))
    expect(outputOf(first, 4)).toContain(`content-${marker}`)
    const inspected = await t.docker.getImage(reference).inspect()
    expect(inspected.Id).toBe(first.record.imageId)
    expect(inspected.Config.Labels).toMatchObject({ 'berth.test': '1', 'berth.test.area': 'build' })

    const second = await runBuild(t.core, { contextPath: dir, tags: [reference], builder: 'buildkit' })
    expect(second.record.status).toBe('succeeded')
    expect(second.record.imageId).toBe(first.record.imageId)
    expect(cachedSteps(second)).toEqual(expect.arrayContaining([2, 3, 4]))
  })

  it('names the failing step and line', async () => {
    const dir = makeContext({ Dockerfile: `FROM ${t.host.testImage}\nRUN echo fine\n\nRUN echo failing-now && \\\n  false\n` })
    contexts.push(dir)
    const reference = uniqueTag('bk-fail')
    tags.push(reference)
    const run = await runBuild(t.core, { contextPath: dir, tags: [reference], builder: 'buildkit' })
    expect(run.record.status).toBe('failed')
    expect(run.record.failure).toMatchObject({ step: 3, line: 4 })
    expect(run.record.failure?.message).toMatch(/exit code: 1|non-zero/)
    expect(outputOf(run, 3)).toContain('failing-now')
  })
})
