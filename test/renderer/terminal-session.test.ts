/**
 * TerminalSession without a browser: acks follow rendering (or the replay when nothing is
 * mounted), the replay is bounded, a remounted view gets the replay, long pastes are split.
 */
import { describe, expect, it } from 'vitest'
import { RpcClient, type Transport } from '../../renderer/src/api/client'
import { REPLAY_LIMIT_CHARS, TerminalSession } from '../../renderer/src/features/terminal/terminalSession'
import { MAX_INPUT_CHARS } from '../../shared/exec-models'
import type { ClientFrame, ServerFrame } from '../../shared/wire'

const SESSION_ID = '3f1c2a9e-8d7b-4c6a-9e5f-1a2b3c4d5e6f'
const tick = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 5))

function world(): { session: TerminalSession; sent: ClientFrame[]; emit: (event: unknown) => void } {
  const sent: ClientFrame[] = []
  let listener: (frame: ServerFrame) => void = () => {}
  let streamId = -1
  const transport: Transport = {
    send(frame) {
      sent.push(frame)
      if (frame.t === 'sub') streamId = frame.id
      if (frame.t === 'call') queueMicrotask(() => listener({ t: 'ok', id: frame.id, output: { ok: true } }))
    },
    onFrame: (l) => (listener = l)
  }
  const session = new TerminalSession(new RpcClient(transport), 'web', 'exec')
  session.start()
  return { session, sent, emit: (event) => listener({ t: 'ev', id: streamId, event }) }
}

const calls = (sent: ClientFrame[], method: string): unknown[] =>
  sent.flatMap((frame) => (frame.t === 'call' && frame.method === method ? [frame.input] : []))

describe('TerminalSession', () => {
  it('acks only once the mounted view has rendered the data', async () => {
    const { session, sent, emit } = world()
    emit({ type: 'ready', sessionId: SESSION_ID, mode: 'exec', shell: ['/bin/sh'] })
    const pending: Array<() => void> = []
    session.attach({ write: (_data, rendered) => pending.push(rendered), reset: () => {} })
    emit({ type: 'data', data: 'hello', bytes: 5 })
    await tick()
    expect(calls(sent, 'exec.ack')).toEqual([])
    pending.forEach((rendered) => rendered())
    await tick()
    expect(calls(sent, 'exec.ack')).toEqual([{ sessionId: SESSION_ID, bytes: 5 }])
  })

  it('acks at once while no view is mounted, and replays (bounded) to the next view', async () => {
    const { session, sent, emit } = world()
    emit({ type: 'ready', sessionId: SESSION_ID, mode: 'exec', shell: ['/bin/sh'] })
    const chunk = 'x'.repeat(256 * 1024)
    for (let i = 0; i < 6; i++) emit({ type: 'data', data: chunk, bytes: chunk.length })
    emit({ type: 'data', data: 'tail', bytes: 4 })
    await tick()
    const acked = (calls(sent, 'exec.ack') as Array<{ bytes: number }>).reduce((sum, input) => sum + input.bytes, 0)
    expect(acked).toBe(6 * chunk.length + 4)
    let replayed = ''
    session.attach({ write: (data) => (replayed += data), reset: () => {} })
    expect(replayed.endsWith('tail')).toBe(true)
    expect(replayed.length).toBeLessThanOrEqual(REPLAY_LIMIT_CHARS)
    expect(replayed.length).toBeGreaterThan(REPLAY_LIMIT_CHARS - chunk.length)
  })

  it('splits a long paste into writes the contract accepts, in order', () => {
    const { session, sent, emit } = world()
    emit({ type: 'ready', sessionId: SESSION_ID, mode: 'exec', shell: ['/bin/sh'] })
    session.input('a'.repeat(MAX_INPUT_CHARS) + 'bc')
    expect((calls(sent, 'exec.input') as Array<{ data: string }>).map((input) => input.data.length)).toEqual([MAX_INPUT_CHARS, 2])
  })

  it('reports the exit code, and a failure in words', () => {
    const { session, emit } = world()
    emit({ type: 'ready', sessionId: SESSION_ID, mode: 'exec', shell: ['/bin/sh'] })
    emit({ type: 'exit', exitCode: 3 })
    expect(session.state).toMatchObject({ status: 'exited', exitCode: 3 })
  })
})
