import { describe, expect, it } from 'vitest'
import { ClientFrame, MAX_FRAME_BYTES, ServerFrame } from '../../shared/wire'

describe('wire frames', () => {
  it('accepts the three client frames', () => {
    expect(ClientFrame.safeParse({ t: 'call', id: 0, method: 'engines.list', input: {} }).success).toBe(true)
    expect(ClientFrame.safeParse({ t: 'sub', id: 1, method: 'events.watch', input: {} }).success).toBe(true)
    expect(ClientFrame.safeParse({ t: 'cancel', id: 1 }).success).toBe(true)
  })

  it('refuses server frames sent by a client, and ids that are not safe non-negative integers', () => {
    expect(ClientFrame.safeParse({ t: 'ok', id: 1, output: 1 }).success).toBe(false)
    for (const id of [-1, 1.5, Number.MAX_SAFE_INTEGER + 2, '1', null, Number.NaN]) {
      expect(ClientFrame.safeParse({ t: 'cancel', id }).success).toBe(false)
    }
  })

  it('bounds method names to 1..128 characters', () => {
    expect(ClientFrame.safeParse({ t: 'call', id: 1, method: '', input: {} }).success).toBe(false)
    expect(ClientFrame.safeParse({ t: 'call', id: 1, method: 'm'.repeat(128), input: {} }).success).toBe(true)
    expect(ClientFrame.safeParse({ t: 'call', id: 1, method: 'm'.repeat(129), input: {} }).success).toBe(false)
  })

  it('allows err frames with a null id (answers to frames without a usable id) and known codes only', () => {
    expect(ServerFrame.safeParse({ t: 'err', id: null, error: { code: 'BAD_FRAME', message: 'x' } }).success).toBe(true)
    expect(ServerFrame.safeParse({ t: 'err', id: 1, error: { code: 'OOPS', message: 'x' } }).success).toBe(false)
    expect(ServerFrame.safeParse({ t: 'ok', id: null, output: 1 }).success).toBe(false)
  })

  it('keeps a frame limit large enough for real inputs yet bounded', () => {
    expect(MAX_FRAME_BYTES).toBeGreaterThanOrEqual(64 * 1024)
    expect(MAX_FRAME_BYTES).toBeLessThanOrEqual(64 * 1024 * 1024)
  })
})
