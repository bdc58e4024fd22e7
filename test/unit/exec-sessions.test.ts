/**
 * The main side of the terminal without an engine: batching, UTF-8 across chunks, the PID marker,
 * and the flow control (pause above the high-water mark, resume below the low one).
 */
import { PassThrough } from 'node:stream'
import { describe, expect, it, vi } from 'vitest'
import type { ExecSessionEvent } from '../../shared/exec-models'
import { PidMarkerReader, type TtySession } from '../../electron/core/engine/exec'
import { ExecSessions, HIGH_WATER_BYTES, LOW_WATER_BYTES, MAX_EVENT_BYTES, OutputBatcher } from '../../electron/core/exec-sessions'

const wait = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms))

describe('OutputBatcher', () => {
  it('sends the first chunk after a quiet spell at once, and joins the chunks that follow within the window', () => {
    // Fake clock: on a loaded machine the real one can jump past the window between two lines of
    // this test, and the second chunk would rightly count as after a quiet spell.
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance'] })
    try {
      const sent: Array<[string, number]> = []
      const batcher = new OutputBatcher((data, bytes) => sent.push([data, bytes]), 5)
      batcher.push(Buffer.from('$ '))
      expect(sent).toEqual([['$ ', 2]])
      vi.advanceTimersByTime(1)
      batcher.push(Buffer.from('ab'))
      batcher.push(Buffer.from('cd'))
      expect(sent).toEqual([['$ ', 2]])
      vi.advanceTimersByTime(20)
      expect(sent).toEqual([
        ['$ ', 2],
        ['abcd', 4]
      ])
      vi.advanceTimersByTime(20)
      batcher.push(Buffer.from('e'))
      expect(sent.at(-1)).toEqual(['e', 1])
    } finally {
      vi.useRealTimers()
    }
  })

  it('holds a character split across chunks until it is whole, counting bytes as they arrive', async () => {
    const sent: Array<[string, number]> = []
    const batcher = new OutputBatcher((data, bytes) => sent.push([data, bytes]), 1)
    const check = Buffer.from('✓', 'utf8') // 3 bytes
    batcher.push(check.subarray(0, 1))
    await wait(10)
    batcher.push(check.subarray(1))
    await wait(10)
    expect(sent.map(([data]) => data).join('')).toBe('✓')
    expect(sent.reduce((sum, [, bytes]) => sum + bytes, 0)).toBe(3)
  })

  it('sends at once when a batch reaches the event cap', () => {
    const sent: number[] = []
    const batcher = new OutputBatcher((_data, bytes) => sent.push(bytes), 1000, 10)
    batcher.push(Buffer.alloc(1, 0x61)) // leading edge: out at once
    batcher.push(Buffer.alloc(6, 0x61))
    batcher.push(Buffer.alloc(6, 0x61))
    expect(sent).toEqual([1, 12])
    batcher.dispose()
  })
})

describe('PidMarkerReader', () => {
  it('strips the marker and remembers the PID, even when the marker is split', () => {
    const reader = new PidMarkerReader()
    const out = [reader.filter(Buffer.from('\x1b]berth-p')), reader.filter(Buffer.from('id;42\x07$ ')), reader.filter(Buffer.from('ls'))]
    expect(Buffer.concat(out).toString()).toBe('$ ls')
    expect(reader.pid).toBe(42)
  })

  it('passes output through untouched when there is no marker', () => {
    const reader = new PidMarkerReader()
    expect(reader.filter(Buffer.from('hello')).toString()).toBe('hello')
    expect(reader.filter(Buffer.from('\x1b]berth-pid;9\x07')).toString()).toBe('\x1b]berth-pid;9\x07')
    expect(reader.pid).toBeUndefined()
  })

  it('reads the shell the session picked, and is settled only once the marker is complete', () => {
    const reader = new PidMarkerReader()
    expect(reader.filter(Buffer.from('\x1b]berth-pid;77;/bin/ba')).length).toBe(0)
    expect(reader.settled).toBe(false)
    expect(reader.filter(Buffer.from('sh\x07bash-5.2# ')).toString()).toBe('bash-5.2# ')
    expect(reader.settled).toBe(true)
    expect(reader.pid).toBe(77)
    expect(reader.shell).toBe('/bin/bash')
  })
})

function fakeTty(): TtySession & { socket: PassThrough; terminate: ReturnType<typeof vi.fn> } {
  return {
    socket: new PassThrough(),
    shell: ['/bin/sh'],
    shellKnown: true,
    resize: vi.fn(async () => {}),
    exitCode: async () => 0,
    filterOutput: (chunk: Buffer) => chunk,
    terminate: vi.fn(async () => {})
  }
}

describe('ExecSessions', () => {
  it('pauses the engine socket above the high-water mark and resumes below the low one', async () => {
    const sessions = new ExecSessions()
    const tty = fakeTty()
    const events: ExecSessionEvent[] = []
    const controller = new AbortController()
    const running = sessions.run(async () => tty, 'exec', (event) => events.push(event), controller.signal)
    await wait(0)
    const ready = events[0]
    if (ready?.type !== 'ready') throw new Error('no ready event')

    const chunk = Buffer.alloc(32 * 1024, 0x79)
    for (let written = 0; written <= HIGH_WATER_BYTES + MAX_EVENT_BYTES; written += chunk.length) tty.socket.write(chunk)
    await wait(30)
    expect(tty.socket.isPaused()).toBe(true)
    const delivered = events.reduce((sum, event) => sum + (event.type === 'data' ? event.bytes : 0), 0)
    expect(delivered).toBeGreaterThan(HIGH_WATER_BYTES)

    sessions.ack(ready.sessionId, delivered - LOW_WATER_BYTES - 1)
    expect(tty.socket.isPaused()).toBe(true) // still above the low-water mark
    sessions.ack(ready.sessionId, 2)
    expect(tty.socket.isPaused()).toBe(false)

    controller.abort()
    await running
    expect(tty.socket.destroyed).toBe(true)
    expect(tty.terminate).toHaveBeenCalledOnce()
    expect(sessions.size).toBe(0)
    expect(() => sessions.input(ready.sessionId, 'ls\r')).toThrow(/has ended/)
  })

  it('forwards input and reports the exit code when the process ends', async () => {
    const sessions = new ExecSessions()
    const tty = fakeTty()
    const typed: string[] = []
    tty.socket.on('data', () => {}) // the session reads; we only watch writes below
    const write = tty.socket.write.bind(tty.socket)
    tty.socket.write = ((data: string) => {
      typed.push(data)
      return true
    }) as typeof tty.socket.write
    const events: ExecSessionEvent[] = []
    const running = sessions.run(async () => tty, 'exec', (event) => events.push(event), new AbortController().signal)
    await wait(0)
    const ready = events[0]
    if (ready?.type !== 'ready') throw new Error('no ready event')
    sessions.input(ready.sessionId, 'exit\r')
    expect(typed).toEqual(['exit\r'])
    write(Buffer.from('bye'))
    tty.socket.end()
    await running
    expect(events.slice(1)).toEqual([
      { type: 'data', data: 'bye', bytes: 3 },
      { type: 'exit', exitCode: 0 }
    ])
    expect(tty.terminate).not.toHaveBeenCalled()
  })
})
