import { describe, expect, it } from 'vitest'
import type { ServerFrame } from '../../shared/wire'
import { createHarness, settle } from './support/peerHarness'

type ErrOf = Extract<ServerFrame, { t: 'err' }>

function onlyErr(frames: ServerFrame[]): ErrOf {
  expect(frames).toHaveLength(1)
  const [frame] = frames
  expect(frame.t).toBe('err')
  return frame as ErrOf
}

describe('Peer: malformed frames', () => {
  const cases: Array<[string, unknown, number | null]> = [
    ['a string', 'hello', null],
    ['null', null, null],
    ['an array', [1, 2, 3], null],
    ['a number', 42, null],
    ['an unknown t', { t: 'launch', id: 3, method: 'engines.list' }, 3],
    ['a missing id', { t: 'call', method: 'engines.list', input: {} }, null],
    ['a negative id', { t: 'call', id: -1, method: 'engines.list', input: {} }, null],
    ['a float id', { t: 'call', id: 1.5, method: 'engines.list', input: {} }, null],
    ['a string id', { t: 'call', id: '7', method: 'engines.list', input: {} }, null],
    ['an empty method', { t: 'call', id: 4, method: '', input: {} }, 4],
    ['a huge method name', { t: 'call', id: 5, method: 'x'.repeat(10_000), input: {} }, 5]
  ]
  for (const [name, frame, expectedId] of cases) {
    it(`answers ${name} with one BAD_FRAME err under id ${String(expectedId)}`, async () => {
      const h = createHarness()
      h.peer.receive(frame)
      await settle()
      const err = onlyErr(h.sent)
      expect(err.error.code).toBe('BAD_FRAME')
      expect(err.id).toBe(expectedId)
      expect(err.error.message.length).toBeLessThan(1_000)
    })
  }

  it('refuses a call sent as a sub, and a stream sent as a call', async () => {
    const h = createHarness()
    h.peer.receive({ t: 'sub', id: 1, method: 'engines.list', input: {} })
    h.peer.receive({ t: 'call', id: 2, method: 'events.watch', input: {} })
    await settle()
    expect(h.sent).toHaveLength(2)
    expect(h.sent.map((f) => [f.t, f.id, f.t === 'err' ? f.error.code : ''])).toEqual([
      ['err', 1, 'BAD_FRAME'],
      ['err', 2, 'BAD_FRAME']
    ])
    expect((h.sent[0] as ErrOf).error.message).toContain('"call"')
    expect((h.sent[1] as ErrOf).error.message).toContain('"sub"')
  })

  it('answers an unknown method with UNKNOWN_METHOD naming it', async () => {
    const h = createHarness()
    h.peer.receive({ t: 'call', id: 9, method: 'containers.teleport', input: {} })
    await settle()
    const err = onlyErr(h.sent)
    expect(err).toMatchObject({ id: 9, error: { code: 'UNKNOWN_METHOD' } })
    expect(err.error.message).toContain('containers.teleport')
  })

  it('answers invalid input with INVALID_INPUT naming the field', async () => {
    const h = createHarness()
    h.peer.receive({ t: 'call', id: 3, method: 'containers.stop', input: { id: 'web', timeoutSeconds: -5 } })
    h.peer.receive({ t: 'call', id: 4, method: 'containers.stop', input: { id: '../etc' } })
    h.peer.receive({ t: 'call', id: 5, method: 'engines.list', input: { surprise: true } })
    await settle()
    expect(h.sent).toHaveLength(3)
    const [timeout, badId, extra] = h.sent as ErrOf[]
    expect(timeout.error.code).toBe('INVALID_INPUT')
    expect(timeout.error.message).toMatch(/^timeoutSeconds: /)
    expect(badId.error.code).toBe('INVALID_INPUT')
    expect(badId.error.message).toMatch(/^id: /)
    expect(extra.error.code).toBe('INVALID_INPUT')
    expect(JSON.stringify(extra.error.detail)).toContain('surprise')
  })

  it('refuses a duplicate id while the first is in flight, and keeps the first running', async () => {
    const h = createHarness()
    h.peer.receive({ t: 'call', id: 1, method: 'containers.stop', input: { id: 'web' } })
    h.peer.receive({ t: 'call', id: 1, method: 'engines.list', input: {} })
    await settle()
    const err = onlyErr(h.sent)
    expect(err.error.code).toBe('BAD_FRAME')
    expect(err.error.message).toContain('already in use')
    expect(h.peer.inFlightCount).toBe(1)
    h.peer.receive({ t: 'cancel', id: 1 })
    await h.waitForFrames(2)
    expect(h.sent[1]).toMatchObject({ t: 'err', id: 1, error: { code: 'CANCELLED' } })
  })
})

describe('Peer: calls and streams', () => {
  it('answers a valid call with ok and its output', async () => {
    const h = createHarness()
    h.peer.receive({ t: 'call', id: 11, method: 'engines.list', input: {} })
    const [frame] = await h.waitForFrames(1)
    expect(frame).toEqual({ t: 'ok', id: 11, output: [{ id: 'native', name: 'Local Docker' }] })
    expect(h.peer.inFlightCount).toBe(0)
  })

  it('turns a plain Error from a handler into INTERNAL and reports it', async () => {
    const h = createHarness()
    h.peer.receive({ t: 'call', id: 2, method: 'engines.info', input: {} })
    const [frame] = await h.waitForFrames(1)
    expect(frame).toMatchObject({ t: 'err', id: 2, error: { code: 'INTERNAL', message: 'database exploded' } })
    expect(h.internalErrors).toEqual(['engines.info'])
  })

  it('maps an engine 404 to NOT_FOUND without reporting it as a Berth bug', async () => {
    const h = createHarness()
    h.peer.receive({ t: 'call', id: 2, method: 'containers.start', input: { id: 'abc' } })
    const [frame] = await h.waitForFrames(1)
    expect(frame).toMatchObject({ t: 'err', id: 2, error: { code: 'NOT_FOUND' } })
    expect((frame as ErrOf).error.message).toContain('No such container: abc')
    expect(h.internalErrors).toEqual([])
  })

  it('forwards stream events in order and ends with end', async () => {
    const h = createHarness()
    h.peer.receive({ t: 'sub', id: 5, method: 'events.watch', input: {} })
    await settle()
    h.stream.emit({ n: 1 })
    h.stream.emit({ n: 2 })
    h.stream.finish()
    const frames = await h.waitForFrames(3)
    expect(frames).toEqual([
      { t: 'ev', id: 5, event: { n: 1 } },
      { t: 'ev', id: 5, event: { n: 2 } },
      { t: 'end', id: 5 }
    ])
  })

  it('cancelling a stream aborts the handler signal and ends it with CANCELLED', async () => {
    const h = createHarness()
    h.peer.receive({ t: 'sub', id: 6, method: 'events.watch', input: {} })
    await settle()
    const [signal] = h.signals.get('events.watch') ?? []
    expect(signal.aborted).toBe(false)
    h.peer.receive({ t: 'cancel', id: 6 })
    const frames = await h.waitForFrames(1)
    expect(signal.aborted).toBe(true)
    expect(frames).toEqual([{ t: 'err', id: 6, error: { code: 'CANCELLED', message: 'Cancelled.' } }])
    // Events emitted after the abort are dropped, not sent.
    h.stream.emit({ late: true })
    await settle()
    expect(h.sent).toHaveLength(1)
  })

  it('a stream handler that fails ends with its mapped error', async () => {
    const h = createHarness()
    h.peer.receive({ t: 'sub', id: 8, method: 'events.watch', input: {} })
    await settle()
    h.stream.fail(Object.assign(new Error('connect ECONNREFUSED /var/run/docker.sock'), { code: 'ECONNREFUSED' }))
    const [frame] = await h.waitForFrames(1)
    expect(frame).toMatchObject({ t: 'err', id: 8, error: { code: 'ENGINE_UNAVAILABLE' } })
  })

  it('cancel for an unknown id is ignored silently', async () => {
    const h = createHarness()
    h.peer.receive({ t: 'cancel', id: 12345 })
    await settle()
    expect(h.sent).toEqual([])
  })

  it('close() aborts every call and stream in flight and sends nothing more', async () => {
    const h = createHarness()
    h.peer.receive({ t: 'sub', id: 1, method: 'events.watch', input: {} })
    h.peer.receive({ t: 'call', id: 2, method: 'containers.stop', input: { id: 'a' } })
    h.peer.receive({ t: 'call', id: 3, method: 'containers.stop', input: { id: 'b' } })
    await settle()
    expect(h.peer.inFlightCount).toBe(3)
    h.peer.close()
    await settle()
    const signals = [...(h.signals.get('events.watch') ?? []), ...(h.signals.get('containers.stop') ?? [])]
    expect(signals).toHaveLength(3)
    expect(signals.every((s) => s.aborted)).toBe(true)
    expect(h.peer.inFlightCount).toBe(0)
    h.peer.receive({ t: 'call', id: 4, method: 'engines.list', input: {} })
    await settle()
    expect(h.sent).toEqual([])
  })
})
