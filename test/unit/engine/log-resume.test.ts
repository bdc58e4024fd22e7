/** Resuming a followed log after a dropped connection: since = last second, repeats dropped exactly. */
import { describe, expect, it } from 'vitest'
import { isConnectionLoss, LogResumePoint, timestampNanos } from '../../../electron/core/engine/log-resume'

describe('log resume', () => {
  it('parses RFC 3339 with any number of fractional digits', () => {
    expect(timestampNanos('2024-05-01T12:00:00.123456789Z')).toBe(1714564800123456789n)
    expect(timestampNanos('2024-05-01T12:00:00.5Z')).toBe(1714564800500000000n)
    expect(timestampNanos('2024-05-01T12:00:00Z')).toBe(1714564800000000000n)
    expect(timestampNanos('2024-05-01T14:00:00.1+02:00')).toBe(1714564800100000000n)
    expect(timestampNanos('yesterday')).toBeUndefined()
  })

  it('asks again from the last whole second and drops exactly the lines already passed on', () => {
    const point = new LogResumePoint()
    expect(point.resume()).toBeUndefined()
    for (const ts of ['2024-05-01T12:00:00.1Z', '2024-05-01T12:00:00.2Z', '2024-05-01T12:00:00.2Z']) point.seen(ts)
    expect(point.resume()).toBe(1714564800)
    const replay = ['2024-05-01T12:00:00.1Z', '2024-05-01T12:00:00.2Z', '2024-05-01T12:00:00.2Z', '2024-05-01T12:00:00.2Z', '2024-05-01T12:00:00.3Z']
    expect(replay.map((ts) => point.repeated(ts))).toEqual([true, true, true, false, false])
    // After the replay caught up, nothing is dropped any more.
    expect(point.repeated('2024-05-01T12:00:00.1Z')).toBe(false)
  })

  it('tells a broken connection from an engine answer', () => {
    expect(isConnectionLoss(Object.assign(new Error('aborted'), { code: 'ECONNRESET' }))).toBe(true)
    expect(isConnectionLoss({ code: 'ENGINE_UNAVAILABLE' })).toBe(true)
    expect(isConnectionLoss(Object.assign(new Error('no such container'), { statusCode: 404 }))).toBe(false)
    expect(isConnectionLoss(new Error('x'))).toBe(false)
  })
})
