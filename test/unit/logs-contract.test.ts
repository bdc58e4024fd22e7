import { describe, expect, it } from 'vitest'
import { contract } from '../../shared/contract'
import { BATCH_MAX_LINES, LineBatcher, splitTimestamp } from '../../electron/core/handlers/logs'
import { logsQueryString } from '../../electron/core/engine/logs'
import { batchLines, decodeTimes, encodeTimes, linesBatch, type LogBatch } from '../../shared/logs-models'

const input = contract['containers.logs'].input
const good = { id: 'web-1', tail: 1000, timestamps: true, follow: true }

describe('containers.logs input', () => {
  it('accepts tail numbers and "all", since/until in Unix seconds', () => {
    expect(input.parse(good)).toEqual(good)
    expect(input.parse({ ...good, tail: 'all', since: 1700000000.5, until: 1700000001 })).toMatchObject({ tail: 'all' })
    expect(input.parse({ ...good, tail: 0 }).tail).toBe(0)
  })

  it.each([
    ['a negative tail', { ...good, tail: -1 }, 'tail', 'zero or more lines'],
    ['a fractional tail', { ...good, tail: 2.5 }, 'tail', 'whole number'],
    ['a tail word other than "all"', { ...good, tail: 'everything' }, 'tail', '"all"'],
    ['a huge tail', { ...good, tail: 1e12 }, 'tail', 'at most'],
    ['a missing id', { ...good, id: '' }, 'id', 'required'],
    ['an id with spaces', { ...good, id: 'a b' }, 'id', 'letters, digits'],
    ['a negative since', { ...good, since: -5 }, 'since', 'after 1970'],
    ['a since that is not a number', { ...good, since: '2024-01-01' }, 'since', 'Unix seconds'],
    ['until before since', { ...good, since: 200, until: 100 }, 'until', 'not be before'],
    ['timestamps missing', { id: 'x', tail: 1, follow: true }, 'timestamps', ''],
    ['an unknown field', { ...good, grep: 'x' }, '', 'grep']
  ])('refuses %s with a readable message', (_name, bad, field, words) => {
    const result = input.safeParse(bad)
    expect(result.success).toBe(false)
    const issue = result.error?.issues[0]
    expect(issue?.path.join('.')).toBe(field)
    expect(`${issue?.message} ${JSON.stringify(issue)}`).toContain(words)
  })
})

describe('engine query', () => {
  it('asks for both streams and passes tail/since/until as the engine spells them', () => {
    expect(logsQueryString({ tail: 'all', timestamps: false, follow: true, since: 1700000000.25 })).toEqual({
      stdout: '1',
      stderr: '1',
      follow: '1',
      timestamps: '0',
      tail: 'all',
      since: '1700000000.25'
    })
    expect(logsQueryString({ tail: 10, timestamps: true, follow: false, until: 5 })).toMatchObject({ tail: '10', timestamps: '1', until: '5' })
  })
})

describe('splitTimestamp', () => {
  it.each([
    ['2024-05-01T12:00:00.123456789Z hello world', { ts: '2024-05-01T12:00:00.123456789Z', text: 'hello world' }],
    ['2024-05-01T12:00:00Z ', { ts: '2024-05-01T12:00:00Z', text: '' }],
    ['no timestamp here', { text: 'no timestamp here' }],
    ['', { text: '' }]
  ])('%j', (raw, expected) => {
    expect(splitTimestamp('stdout', raw)).toEqual({ stream: 'stdout', ...expected })
  })
})

describe('LineBatcher', () => {
  it('flushes on a timer, on the line cap, and announces tty on the first batch', async () => {
    const batches: LogBatch[] = []
    const batcher = new LineBatcher((batch) => batches.push(batch), 10)
    batcher.start(false)
    expect(batches).toEqual([{ count: 0, text: '', tty: false }])
    batcher.add({ stream: 'stdout', text: 'a' })
    batcher.add({ stream: 'stderr', text: 'b' })
    expect(batches).toHaveLength(1)
    await new Promise((resolve) => setTimeout(resolve, 30))
    expect(batches[1]).toEqual({ count: 2, text: 'a\nb', stderr: [1] })
    expect(batchLines(batches[1])).toEqual([{ stream: 'stdout', text: 'a' }, { stream: 'stderr', text: 'b' }])
    for (let i = 0; i < BATCH_MAX_LINES; i++) batcher.add({ stream: 'stdout', text: String(i) })
    expect(batches).toHaveLength(3)
    expect(batches[2].count).toBe(BATCH_MAX_LINES)
    expect(batchLines(batches[2])).toHaveLength(BATCH_MAX_LINES)
    batcher.add({ stream: 'stdout', text: 'dropped' })
    batcher.discard()
    await new Promise((resolve) => setTimeout(resolve, 30))
    expect(batches).toHaveLength(3)
  })
})

describe('LogBatch on the wire', () => {
  it('round-trips lines, empty ones included, through linesBatch and batchLines', () => {
    const lines = [
      { stream: 'stdout' as const, text: '' },
      { stream: 'stderr' as const, text: 'boom', ts: '2026-01-01T00:00:00.123Z' },
      { stream: 'stdout' as const, text: 'tab\there ✓' }
    ]
    expect(batchLines(linesBatch(lines))).toEqual(lines)
    // Times go to the millisecond: the page shows no finer ones.
    expect(batchLines(linesBatch([{ stream: 'stdout', text: 'x', ts: '2026-01-01T00:00:00.123456789Z' }]))[0].ts).toBe('2026-01-01T00:00:00.123Z')
    expect(batchLines(linesBatch([{ stream: 'stdout', text: '' }]))).toEqual([{ stream: 'stdout', text: '' }])
    expect(batchLines(linesBatch([]))).toEqual([])
  })
})

describe('LogBatch.times', () => {
  it('delta-codes the times: the first as it is, then differences, null where a line had none', () => {
    const at = Date.parse('2026-12-03T08:00:00.000Z')
    const times = [at, at, at + 1, NaN, at + 1500, at + 1500.9]
    const encoded = encodeTimes(times)
    expect(encoded).toEqual([at, 0, 1, null, 1499, 0])
    expect(decodeTimes(encoded)).toEqual([at, at, at + 1, NaN, at + 1500, at + 1500])
  })

  it('costs a few bytes a line on the wire where RFC 3339 strings cost ~31', () => {
    const start = Date.parse('2026-12-03T08:00:00.000Z')
    const lines = Array.from({ length: 10_000 }, (_, index) => ({ stream: 'stdout' as const, text: String(index), ts: new Date(start + Math.floor(index / 7)).toISOString() }))
    const batch = linesBatch(lines)
    expect(JSON.stringify(batch.times).length / lines.length).toBeLessThan(3)
    expect(batchLines(batch)).toEqual(lines)
  })

  it('comes out of the core’s batcher the same way, times parsed from the engine’s strings', () => {
    const batches: LogBatch[] = []
    const batcher = new LineBatcher((batch) => batches.push(batch), 1_000)
    batcher.addLine('stdout', 'no time')
    batcher.addLine('stdout', 'a', '2026-12-03T08:00:00.5Z')
    batcher.addLine('stderr', 'b', '2026-12-03T08:00:01.123456789Z')
    batcher.flush()
    expect(batches[0].times).toEqual([null, Date.parse('2026-12-03T08:00:00.500Z'), 623])
  })
})
