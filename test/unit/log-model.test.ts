import { describe, expect, it } from 'vitest'
import { LogBuffer, SeqList } from '../../renderer/src/features/logs/logBuffer'
import { LogModel, splitMatches, type StreamFilter } from '../../renderer/src/features/logs/logModel'
import { parseSince, parseTail } from '../../renderer/src/features/logs/logOptions'
import { logFileParts } from '../../renderer/src/features/logs/logFile'
import { linesBatch, type LogLine } from '../../shared/logs-models'

const out = (text: string): LogLine => ({ stream: 'stdout', text })
const err = (text: string): LogLine => ({ stream: 'stderr', text })

function rows(model: LogModel): string[] {
  return Array.from({ length: model.rowCount }, (_, row) => model.buffer.text(model.seqAtRow(row)))
}
function matches(model: LogModel): string[] {
  return Array.from({ length: model.matchCount }, (_, i) => model.buffer.text(model.matchSeq(i)))
}

describe('LogModel.appendBatch (the stream’s columnar way in)', () => {
  it('holds the same lines, streams and times as appending the batch’s lines one by one', () => {
    const lines: LogLine[] = [
      { stream: 'stdout', text: 'first', ts: '2026-12-03T08:00:00.5Z' },
      { stream: 'stderr', text: '', ts: '2026-12-03T08:00:01.123456789Z' },
      { stream: 'stdout', text: 'third', ts: '' },
      { stream: 'stderr', text: 'fourth', ts: '2026-12-03T08:01:00Z' },
      { stream: 'stderr', text: 'fifth' }
    ]
    const byBatch = new LogModel()
    byBatch.appendBatch(linesBatch(lines))
    const byLine = new LogModel()
    byLine.append(lines)
    const columns = (model: LogModel): Array<[string, number, number]> =>
      Array.from({ length: model.rowCount }, (_, row) => {
        const seq = model.seqAtRow(row)
        return [model.buffer.text(seq), model.buffer.stream(seq), model.buffer.time(seq)]
      })
    expect(columns(byBatch)).toEqual(columns(byLine))
    expect(columns(byBatch).map(([, stream]) => stream)).toEqual([0, 1, 0, 1, 1])
    expect(columns(byBatch).map(([, , time]) => time)).toEqual([
      Date.parse('2026-12-03T08:00:00.500Z'), Date.parse('2026-12-03T08:00:01.123Z'), NaN, Date.parse('2026-12-03T08:01:00Z'), NaN
    ])
    expect(byBatch.received).toBe(5)
    byBatch.setFilter('stderr')
    expect(rows(byBatch)).toEqual(['', 'fourth', 'fifth'])
  })
})

describe('LogBuffer cap', () => {
  it('keeps the last maxLines lines, counts what it dropped, keeps seqs growing', () => {
    const buffer = new LogBuffer(3, 1000)
    buffer.append(['a', 'b', 'c', 'd', 'e'].map(out))
    expect(buffer.count).toBe(3)
    expect(buffer.dropped).toBe(2)
    expect(buffer.firstSeq).toBe(2)
    expect([2, 3, 4].map((seq) => buffer.text(seq))).toEqual(['c', 'd', 'e'])
    buffer.clear()
    expect(buffer.count).toBe(0)
    expect(buffer.dropped).toBe(0)
    buffer.append([out('f')])
    expect(buffer.text(buffer.firstSeq)).toBe('f')
  })

  it('keeps at most maxChars characters (but always the newest line)', () => {
    const buffer = new LogBuffer(100, 10)
    buffer.append([out('12345'), out('67890'), out('abc')])
    expect(buffer.count).toBe(2)
    expect(buffer.characters).toBe(8)
    buffer.append([out('x'.repeat(50))])
    expect(buffer.count).toBe(1)
    expect(buffer.text(buffer.firstSeq)).toHaveLength(50)
  })

  it('parses engine times into epoch ms and keeps stream flags', () => {
    const buffer = new LogBuffer()
    buffer.append([{ stream: 'stderr', text: 'x', ts: '2024-05-01T12:00:00.123456789Z' }, out('y')])
    expect(buffer.time(0)).toBe(Date.UTC(2024, 4, 1, 12, 0, 0, 123))
    expect(buffer.stream(0)).toBe(1)
    expect(Number.isNaN(buffer.time(1))).toBe(true)
  })
})

describe('LogModel (filter + search), against a naive model under random appends', () => {
  it('agrees with filtering and searching a plain array after every step', () => {
    let state = 7
    const random = (): number => ((state = (state * 1103515245 + 12345) >>> 0) / 2 ** 32)
    const model = new LogModel(new LogBuffer(50, 10_000))
    let all: LogLine[] = []
    const filters: StreamFilter[] = ['all', 'stdout', 'stderr']
    for (let step = 0; step < 300; step++) {
      const batch = Array.from({ length: Math.floor(random() * 12) }, () => {
        const text = `L${Math.floor(random() * 1000)} ${random() < 0.2 ? 'Needle' : 'hay'}`
        return random() < 0.3 ? err(text) : out(text)
      })
      model.append(batch)
      all = all.concat(batch).slice(-50)
      if (random() < 0.05) model.setFilter(filters[Math.floor(random() * 3)])
      if (random() < 0.05) model.setQuery(random() < 0.5 ? 'needle' : 'L1')
      const filter = model.streamFilter
      const visible = all.filter((l) => filter === 'all' || l.stream === filter)
      expect(rows(model)).toEqual(visible.map((l) => l.text))
      const needle = model.query
      expect(matches(model)).toEqual(needle === '' ? [] : visible.filter((l) => l.text.toLowerCase().includes(needle)).map((l) => l.text))
    }
  })

  it('searches 1 M lines quickly (first search builds the lower-case cache)', () => {
    const model = new LogModel()
    const batch: LogLine[] = []
    for (let i = 1; i <= 1_000_000; i++) batch.push(out(`line ${i} of the flood`))
    model.append(batch)
    const first = model.setQuery('line 777777 ')
    expect(model.matchCount).toBe(1)
    const second = model.setQuery('LINE 12345')
    expect(model.matchCount).toBe(11) // 12345, 123450..123459
    expect(first + second).toBeLessThan(2000)
  })
})

describe('helpers', () => {
  it('splitMatches highlights every case-insensitive occurrence', () => {
    expect(splitMatches('Error: error!', 'error')).toEqual([
      { text: 'Error', match: true },
      { text: ': ', match: false },
      { text: 'error', match: true },
      { text: '!', match: false }
    ])
    expect(splitMatches('abc', '')).toEqual([{ text: 'abc', match: false }])
  })

  it('SeqList trims its front and binary-searches', () => {
    const list = new SeqList()
    for (let i = 0; i < 5000; i += 2) list.push(i)
    list.trimBelow(1000)
    expect(list.at(0)).toBe(1000)
    expect(list.lowerBound(1001)).toBe(1)
    expect(list.lowerBound(99999)).toBe(list.length)
  })

  it.each([
    ['1000', 1000],
    [' all ', 'all'],
    ['0', 0]
  ])('parseTail(%j) accepts', (text, value) => expect(parseTail(text)).toEqual({ ok: true, value }))

  it.each([
    ['', 'Enter a number'],
    ['-5', 'whole number'],
    ['1.5', 'whole number'],
    ['lots', 'whole number'],
    ['99999999999', 'At most']
  ])('parseTail(%j) refuses', (text, words) => {
    const parsed = parseTail(text)
    expect(parsed.ok).toBe(false)
    if (!parsed.ok) expect(parsed.error).toContain(words)
  })

  it('parseSince reads datetime-local values and refuses the future and nonsense', () => {
    const now = new Date('2024-06-01T12:00:00').getTime()
    expect(parseSince('', now)).toEqual({ ok: true, value: undefined })
    expect(parseSince('2024-05-01T10:30', now)).toEqual({ ok: true, value: new Date('2024-05-01T10:30').getTime() / 1000 })
    expect(parseSince('2024-07-01T10:30', now)).toMatchObject({ ok: false, error: expect.stringContaining('future') })
    expect(parseSince('yesterday', now)).toMatchObject({ ok: false, error: expect.stringContaining('date') })
  })

  it('download text holds the lines in view and notes dropped ones', () => {
    const model = new LogModel(new LogBuffer(2, 100))
    model.append([out('one'), err('two'), out('three')])
    const text = logFileParts(model, false).join('')
    expect(text).toMatch(/^# Berth: 1 older lines are not in this file/)
    expect(text.endsWith('two\nthree\n')).toBe(true)
    model.setFilter('stderr')
    expect(logFileParts(model, false).join('').endsWith('\ntwo\n')).toBe(true)
  })
})
