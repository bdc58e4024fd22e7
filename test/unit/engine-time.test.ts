import { describe, expect, it } from 'vitest'
import { parseEngineTime } from '../../shared/engine-time'

describe('parseEngineTime', () => {
  it('agrees with Date.parse on the engine’s shapes, fraction trimmed or not', () => {
    const samples = [
      '2026-12-03T08:00:00Z',
      '2026-12-03T08:00:59.9Z',
      '2026-12-03T08:00:07.12Z',
      '2026-12-03T08:00:07.123Z',
      '2026-12-03T08:00:07.123456789Z',
      '2026-12-03T08:01:07.000000001Z',
      '1999-12-31T23:59:59.999999999Z',
      '2024-02-29T12:34:56.5Z'
    ]
    for (const text of samples) expect(parseEngineTime(text), text).toBe(Date.parse(text.replace(/(\.\d{3})\d+/, '$1')))
  })

  it('drops digits below the millisecond (as the buffer keeps ms), never rounding up into the next second', () => {
    expect(parseEngineTime('2026-12-03T08:00:00.999999999Z')).toBe(Date.parse('2026-12-03T08:00:00.999Z'))
  })

  it('takes another minute after the cached one, and back', () => {
    expect(parseEngineTime('2026-12-03T08:00:01Z')).toBe(Date.parse('2026-12-03T08:00:01Z'))
    expect(parseEngineTime('2026-12-03T09:15:01Z')).toBe(Date.parse('2026-12-03T09:15:01Z'))
    expect(parseEngineTime('2026-12-03T08:00:02Z')).toBe(Date.parse('2026-12-03T08:00:02Z'))
  })

  it('leaves other shapes to Date.parse (offsets, junk)', () => {
    expect(parseEngineTime('2026-12-03T09:00:00+01:00')).toBe(Date.parse('2026-12-03T08:00:00Z'))
    expect(parseEngineTime('not a time at all, Z')).toBeNaN()
    expect(parseEngineTime('2026-12-03T08:00:7x.1Z')).toBeNaN()
    expect(parseEngineTime('')).toBeNaN()
  })
})
