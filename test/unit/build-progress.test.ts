/**
 * Build progress without an engine: the Dockerfile plan (lines with continuations, meta ARGs,
 * target, option labels), the classic stream assembled from arbitrary pieces, BuildKit traces
 * (real ones recorded from engine 20.10) decoded and mapped to steps, and output pacing.
 */
import { describe, expect, it } from 'vitest'
import type { BuildEvent } from '../../shared/build-models'
import { decodeBuildkitStatus } from '../../electron/core/engine/build-buildkit'
import { DockerfileProblem, planBuild, stepForVertexName } from '../../electron/core/engine/build-dockerfile'
import { BuildProgressParser } from '../../electron/core/engine/build-progress'
import { StepTracker } from '../../electron/core/engine/build-steps'
import { MAX_STEP_OUTPUT_LINES } from '../../shared/build-models'

/** Three traces of "[2/4] RUN echo hello &&   echo world": started, a log line "hello", completed. */
const RECORDED_TRACES: string[] = ["CsUBCkdzaGEyNTY6M2ZhYjY3ZTIxNmJkNTg5YmMyYTJhNmM4NGM2ZGVhNzc5MGU1MWRkNWMyOTkyYmZmODFjZWI2YmZiMTQ3MzRiNxJHc2hhMjU2OjcwMGJlMjkzM2I0NmFjMTMwZGZiNTFjOWQ5OTA0YzM2ZjA5ZTEyYTMzMzA5NWQ3OTViODI4MzhkNWI4YjM0NjYaJFsyLzRdIFJVTiBlY2hvIGhlbGxvICYmICAgZWNobyB3b3JsZCoLCL3NvtgGEIqK7SE=","GmAKR3NoYTI1NjozZmFiNjdlMjE2YmQ1ODliYzJhMmE2Yzg0YzZkZWE3NzkwZTUxZGQ1YzI5OTJiZmY4MWNlYjZiZmIxNDczNGI3EgsIvc2+2AYQrYK/cxgBIgZoZWxsbwo=","CtIBCkdzaGEyNTY6M2ZhYjY3ZTIxNmJkNTg5YmMyYTJhNmM4NGM2ZGVhNzc5MGU1MWRkNWMyOTkyYmZmODFjZWI2YmZiMTQ3MzRiNxJHc2hhMjU2OjcwMGJlMjkzM2I0NmFjMTMwZGZiNTFjOWQ5OTA0YzM2ZjA5ZTEyYTMzMzA5NWQ3OTViODI4MzhkNWI4YjM0NjYaJFsyLzRdIFJVTiBlY2hvIGhlbGxvICYmICAgZWNobyB3b3JsZCoLCL3NvtgGEIqK7SEyCwi9zb7YBhCL+uV2"]

const DOCKERFILE = ['# syntax=docker/dockerfile:1', 'ARG BASE=busybox', 'FROM ${BASE} AS builder', 'RUN echo a && \\', '  echo b', '', 'FROM builder AS final', 'COPY x /x', 'RUN true'].join('\n')

function collect(plan = planBuild(DOCKERFILE), text = DOCKERFILE) {
  const events: BuildEvent[] = []
  const tracker = new StepTracker(plan.steps, text, (event) => events.push(event))
  return { events, tracker, parser: new BuildProgressParser(tracker, plan) }
}

describe('planBuild', () => {
  it('numbers steps as the classic builder does, with each instruction\'s lines', () => {
    const plan = planBuild(DOCKERFILE, { labels: [{ name: 'z', value: '1' }, { name: 'a', value: '2' }] })
    expect(plan.steps.map((s) => [s.index, s.instruction, s.line, s.endLine])).toEqual([
      [1, 'ARG BASE=busybox', 2, 2],
      [2, 'FROM ${BASE} AS builder', 3, 3],
      [3, 'RUN echo a &&   echo b', 4, 5],
      [4, 'FROM builder AS final', 7, 7],
      [5, 'COPY x /x', 8, 8],
      [6, 'RUN true', 9, 9],
      [7, 'LABEL a=2', null, null],
      [8, 'LABEL z=1', null, null]
    ])
    expect(plan.stages).toEqual(['builder', 'final'])
    expect(plan.args).toEqual(['BASE'])
  })

  it('stops at the target, and BuildKit plans neither meta ARGs nor label steps', () => {
    expect(planBuild(DOCKERFILE, { target: 'BUILDER' }).steps.map((s) => s.index)).toEqual([1, 2, 3])
    const kit = planBuild(DOCKERFILE, { builder: 'buildkit', labels: [{ name: 'a', value: '1' }] })
    expect(kit.steps.map((s) => s.instruction.split(' ')[0])).toEqual(['FROM', 'RUN', 'FROM', 'COPY', 'RUN'])
    expect(stepForVertexName(kit, '[final 2/3] COPY x /x')).toEqual({ step: 4, instruction: 'COPY x /x' })
    expect(stepForVertexName(kit, '[internal] load metadata for docker.io/library/busybox')).toBeNull()
  })

  it('refuses what the engine would refuse, naming the line', () => {
    expect(() => planBuild('FROM a\nRUNN x\n')).toThrow(/line 2: "RUNN" is not a Dockerfile instruction/)
    expect(() => planBuild('RUN x\n')).toThrow(/only ARG may come before the first FROM/)
    expect(() => planBuild('# nothing\n')).toThrow(DockerfileProblem)
    expect(() => planBuild(DOCKERFILE, { target: 'nope' })).toThrow(/no stage "nope"; the stages are builder, final/)
  })
})

describe('classic progress', () => {
  it('assembles lines across pieces, marks cache hits, keeps the redrawn end of \\r lines, and finds the image', () => {
    const { events, tracker, parser } = collect()
    const pieces = [
      { stream: 'Step 1/6 : ARG BASE=busybox' }, { stream: '\n' },
      { stream: 'Step 2/6 : FROM busybox AS builder\n ---> abc\n' },
      { stream: 'Step 3/6 : RUN echo a &&   echo b\n ---> Using cache\n' },
      { stream: 'Step 4/6 : FROM builder AS final\nStep 5/6 : COPY x /x\n' },
      { stream: 'Step 6/6 : RUN true\n ---> Running in 1234\nprogress 10%\rprogress 100%\npart' },
      { stream: 'ial line\n' },
      { aux: { ID: 'sha256:feed' } },
      { stream: 'Successfully built feed\nSuccessfully tagged x:1\n' }
    ]
    for (const piece of pieces) parser.push(piece)
    parser.end()
    tracker.flush()
    expect(events.filter((e) => e.kind === 'cached')).toEqual([{ kind: 'cached', step: 3 }])
    expect(events.filter((e) => e.kind === 'stepDone').map((e) => e.kind === 'stepDone' && e.step)).toEqual([1, 2, 3, 4, 5, 6])
    const six = events.flatMap((e) => (e.kind === 'output' && e.step === 6 ? e.lines : []))
    expect(six).toEqual([' ---> Running in 1234', 'progress 100%', 'partial line'])
    expect(tracker.summary()).toMatchObject({ imageId: 'sha256:feed', tags: ['x:1'], cachedSteps: 1, failure: null })
  })

  it('puts an error on the running step with its lines', () => {
    const { tracker, parser } = collect()
    parser.push({ stream: 'Step 3/6 : RUN echo a &&   echo b\n' })
    parser.push({ errorDetail: { message: "The command '/bin/sh -c echo a && echo b' returned a non-zero code: 2" }, error: 'x' })
    expect(tracker.summary().failure).toEqual({
      step: 3,
      instruction: 'RUN echo a &&   echo b',
      line: 4,
      source: [{ number: 4, text: 'RUN echo a && \\' }, { number: 5, text: '  echo b' }],
      message: "The command '/bin/sh -c echo a && echo b' returned a non-zero code: 2"
    })
  })

  it('paces a noisy step: batched events, capped lines, the rest counted', () => {
    const { events, tracker, parser } = collect()
    parser.push({ stream: 'Step 1/6 : ARG BASE=busybox\n' })
    const total = MAX_STEP_OUTPUT_LINES + 5000
    for (let i = 0; i < total; i += 100) parser.push({ stream: Array.from({ length: 100 }, (_, j) => `line ${i + j}`).join('\n') + '\n' })
    parser.end()
    tracker.close()
    const outputs = events.filter((e) => e.kind === 'output')
    const sent = outputs.reduce((sum, e) => sum + (e.kind === 'output' ? e.lines.length : 0), 0)
    expect(sent).toBe(MAX_STEP_OUTPUT_LINES)
    expect(outputs.length).toBeLessThanOrEqual(MAX_STEP_OUTPUT_LINES / 1000)
    expect(events.find((e) => e.kind === 'stepDone')).toMatchObject({ step: 1, droppedLines: 5000 })
  })
})

describe('BuildKit traces', () => {
  it('decodes recorded StatusResponses: vertex name, times, logs', () => {
    const [started, log, completed] = RECORDED_TRACES.map(decodeBuildkitStatus)
    expect(started.vertexes[0]).toMatchObject({ name: '[2/4] RUN echo hello &&   echo world', cached: false, completed: null, error: '' })
    expect(started.vertexes[0].started).toBeGreaterThan(1.6e12)
    expect(log.logs[0].msg.toString()).toBe('hello\n')
    expect(log.logs[0].vertex).toBe(started.vertexes[0].digest)
    expect(completed.vertexes[0].completed).toBeGreaterThanOrEqual(completed.vertexes[0].started ?? Infinity)
  })

  it('maps them to the step, with the engine-measured duration', () => {
    const text = 'FROM busybox\nRUN echo hello && \\\n  echo world\nCOPY a /a\nRUN test -e /a\n'
    const plan = planBuild(text, { builder: 'buildkit' })
    const { events, tracker, parser } = collect(plan, text)
    for (const aux of RECORDED_TRACES) parser.push({ id: 'moby.buildkit.trace', aux })
    parser.end()
    tracker.flush()
    expect(events.map((e) => e.kind)).toEqual(['step', 'output', 'stepDone'])
    expect(events[0]).toMatchObject({ index: 2, instruction: 'RUN echo hello &&   echo world' })
    expect(events[1]).toEqual({ kind: 'output', step: 2, lines: ['hello'] })
    expect(events[2]).toMatchObject({ step: 2, cached: false })
  })

  it('treats garbage as unreadable progress, not a failure', () => {
    const { tracker, parser } = collect()
    parser.push({ id: 'moby.buildkit.trace', aux: '////' })
    expect(tracker.summary().failure).toBeNull()
  })
})
