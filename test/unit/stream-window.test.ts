/** Receiver-paced batches: the source stops at the high watermark and reads on at the low one. */
import { describe, expect, it } from 'vitest'
import { StreamWindow, StreamWindows } from '../../electron/core/stream-window'

function tracked(high = 4, low = 2): { window: StreamWindow; events: string[] } {
  const events: string[] = []
  const window = new StreamWindow(high, low, () => events.push('full'), () => events.push('room'))
  return { window, events }
}

describe('StreamWindow', () => {
  it('pauses once `high` batches are unacknowledged, resumes at `low`, once each', () => {
    const { window, events } = tracked()
    for (let i = 0; i < 3; i++) window.sentBatch()
    expect(window.paused).toBe(false)
    window.sentBatch()
    expect(window.paused).toBe(true)
    window.sentBatch() // a batch the batcher still had: no second "full"
    window.ack(2) // 3 outstanding: above low
    expect(window.paused).toBe(true)
    window.ack(3) // 2 outstanding
    expect(window.paused).toBe(false)
    expect(events).toEqual(['full', 'room'])
  })

  it('ignores stale and impossible acks (totals only grow, never past what was sent)', () => {
    const { window, events } = tracked()
    for (let i = 0; i < 4; i++) window.sentBatch()
    window.ack(100)
    expect(window.paused).toBe(false)
    window.ack(1)
    for (let i = 0; i < 3; i++) window.sentBatch()
    expect(window.paused).toBe(false) // 3 outstanding: acked stayed at 4, not 100
    window.sentBatch()
    expect(window.paused).toBe(true)
    expect(events).toEqual(['full', 'room', 'full'])
  })
})

describe('StreamWindows', () => {
  it('routes acks by id, refuses a reused id, and forgets a closed stream', () => {
    const windows = new StreamWindows()
    const { window } = tracked(1, 0)
    const close = windows.add('logs-a', window)
    expect(() => windows.add('logs-a', tracked().window)).toThrow(/already in use/)
    window.sentBatch()
    expect(window.paused).toBe(true)
    windows.ack('logs-a', 1)
    expect(window.paused).toBe(false)
    close()
    expect(() => windows.ack('logs-a', 5)).not.toThrow()
    expect(() => windows.add('logs-a', tracked().window)).not.toThrow()
  })
})
