import { describe, expect, it } from 'vitest'
import { ServerFrame } from '../../shared/wire'
import { checkServerFrame } from '../../shared/wire-check'

/** Frames the server could send, well-formed and not: the hand-written check must agree with the schema on each. */
const CASES: unknown[] = [
  { t: 'ok', id: 1, output: { ok: true } },
  { t: 'ok', id: 0 },
  { t: 'ok', id: 2, output: null, extra: 'dropped' },
  { t: 'ev', id: 3, event: { type: 'data', data: 'x', bytes: 1 } },
  { t: 'ev', id: 3 },
  { t: 'ok', id: 9, output: undefined },
  { t: 'end', id: 4 },
  { t: 'err', id: 5, error: { code: 'NOT_FOUND', message: 'No such container: web' } },
  { t: 'err', id: null, error: { code: 'BAD_FRAME', message: 'bad', detail: { field: 'id' } } },
  { t: 'err', id: 6, error: { code: 'NOT_FOUND', message: 'x', detail: undefined } },
  { t: 'err', id: 6, error: { code: 'NOPE', message: 'x' } },
  { t: 'err', id: 6, error: { code: 'NOT_FOUND' } },
  { t: 'err', id: 6 },
  { t: 'err', id: -1, error: { code: 'NOT_FOUND', message: 'x' } },
  { t: 'ok', id: -1 },
  { t: 'ok', id: 1.5 },
  { t: 'ok', id: '1' },
  { t: 'ok', id: Number.MAX_SAFE_INTEGER + 2 },
  { t: 'ok' },
  { t: 'end', id: null },
  { t: 'call', id: 1, method: 'x' },
  { id: 1 },
  null,
  [],
  'frame',
  7
]

describe('checkServerFrame agrees with the ServerFrame schema', () => {
  it.each(CASES.map((frame) => [JSON.stringify(frame) ?? String(frame), frame]))('%s', (_name, frame) => {
    const schema = ServerFrame.safeParse(frame)
    const hand = checkServerFrame(frame)
    expect(hand.ok).toBe(schema.success)
    if (hand.ok && schema.success) expect(hand.frame).toEqual(schema.data)
  })
})
