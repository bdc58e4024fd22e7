/**
 * The terminal's handlers against the real test engine: a TTY shell that answers typed input,
 * follows resizes (`stty size`), reports exit codes, dies with its stream, attaches to -it
 * containers, and holds a flood back until the client acknowledges what it rendered.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { contract, type EventOf, type InputOf } from '../../shared/contract'
import { RpcError } from '../../shared/errors'
import { toRpcError } from '../../electron/core/rpc/errors'
import { HIGH_WATER_BYTES, MAX_EVENT_BYTES } from '../../electron/core/exec-sessions'
import { call, createLabelledContainer, createTestCore, removeLabelledContainers, type TestCore } from './handlers-kit'

type SessionEvent = EventOf<'exec.session'>

/** Drives one `exec.session` stream the way the renderer does, collecting what it shows. */
class Session {
  readonly events: SessionEvent[] = []
  output = ''
  bytesSeen = 0
  sessionId = ''
  readonly finished: Promise<void>
  private readonly controller = new AbortController()
  private waiters: Array<() => void> = []

  constructor(
    private readonly t: TestCore,
    input: InputOf<'exec.session'>,
    private readonly autoAck = true
  ) {
    const parsed = contract['exec.session'].input.parse(input)
    const handler = t.core.handlers['exec.session']
    this.finished = handler(parsed, (event) => this.onEvent(event), this.controller.signal).catch((err: unknown) => {
      throw toRpcError(err)
    })
    this.finished.catch(() => {})
  }

  private onEvent(event: SessionEvent): void {
    this.events.push(event)
    if (event.type === 'ready') this.sessionId = event.sessionId
    if (event.type === 'data') {
      this.output += event.data
      this.bytesSeen += event.bytes
      if (this.autoAck && event.bytes > 0) void this.ack(event.bytes)
    }
    for (const wake of this.waiters.splice(0)) wake()
  }

  ack(bytes: number): Promise<unknown> {
    return call(this.t.core, 'exec.ack', { sessionId: this.sessionId, bytes })
  }

  type(data: string): Promise<unknown> {
    return call(this.t.core, 'exec.input', { sessionId: this.sessionId, data })
  }

  async until(test: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
    const deadline = Date.now() + timeoutMs
    while (!test()) {
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; output tail: ${JSON.stringify(this.output.slice(-300))}`)
      await new Promise<void>((resolve) => {
        this.waiters.push(resolve)
        setTimeout(resolve, 50)
      })
    }
  }

  untilOutput(pattern: RegExp, timeoutMs?: number): Promise<void> {
    return this.until(() => pattern.test(this.output), `output matching ${pattern}`, timeoutMs)
  }

  abort(): void {
    this.controller.abort()
  }
}

describe('exec.session against the real engine', () => {
  let t: TestCore
  let running: string

  beforeAll(async () => {
    t = await createTestCore()
    running = await createLabelledContainer(t, { start: true })
  })
  afterAll(async () => {
    await removeLabelledContainers(t)
    await t.dispose()
  })

  it('opens sh (no bash in busybox), echoes typed input, follows resize, reports the exit code', async () => {
    const session = new Session(t, { containerId: running, cols: 80, rows: 24 })
    await session.until(() => session.sessionId !== '', 'ready')
    expect(session.events[0]).toMatchObject({ type: 'ready', mode: 'exec', shell: ['/bin/sh'] })

    await session.type('echo berth-$((40+2))-ok\r')
    await session.untilOutput(/berth-42-ok/)

    await call(t.core, 'exec.resize', { sessionId: session.sessionId, cols: 101, rows: 33 })
    await session.type('stty size\r')
    await session.untilOutput(/\r\n33 101\r\n/)

    await session.type('exit 7\r')
    await session.finished
    expect(session.events.at(-1)).toEqual({ type: 'exit', exitCode: 7 })
    await expect(session.type('echo late\r')).rejects.toMatchObject({ code: 'NOT_FOUND' })
  })

  it('runs an explicit command and decodes UTF-8 split across chunks', async () => {
    const session = new Session(t, { containerId: running, shell: ['sh', '-c', 'printf "h\\303\\251llo \\342\\234\\223\\n"'] })
    await session.finished
    expect(session.output).toContain('héllo ✓')
    expect(session.events.at(-1)).toEqual({ type: 'exit', exitCode: 0 })
  })

  it('kills the process when the stream is aborted', async () => {
    const session = new Session(t, { containerId: running })
    await session.until(() => session.sessionId !== '', 'ready')
    await session.type('echo pid=$$\r')
    await session.untilOutput(/pid=(\d+)/)
    const pid = /pid=(\d+)/.exec(session.output)?.[1]
    session.abort()
    await session.finished
    const container = t.docker.getContainer(running)
    const alive = async (): Promise<boolean> => {
      const exec = await container.exec({ Cmd: ['sh', '-c', `kill -0 ${pid} 2>/dev/null && echo alive || echo gone`], AttachStdout: true })
      const stream = await exec.start({})
      let said = ''
      stream.on('data', (chunk: Buffer) => (said += chunk.toString('latin1')))
      await new Promise((resolve) => stream.on('end', resolve))
      if (!/alive|gone/.test(said)) throw new Error(`the liveness probe said ${JSON.stringify(said)}`)
      return said.includes('alive')
    }
    // Generous: the hang-up is one more exec, and the shared engine can be slow under load.
    const deadline = Date.now() + 15_000
    while ((await alive()) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100))
    expect(await alive()).toBe(false)
  })

  it('stops reading a flood until the client acknowledges, and delivers every byte once it does', async () => {
    // 2.5 M lines of "y"; the TTY turns each "\n" into "\r\n", so 7.5 MB arrive.
    const session = new Session(t, { containerId: running, shell: ['sh', '-c', 'yes | head -c 5000000'] }, false)
    await session.until(() => session.bytesSeen > HIGH_WATER_BYTES, 'the high-water mark')
    await new Promise((resolve) => setTimeout(resolve, 300))
    // Paused: nothing beyond the mark plus what was in flight in one batch.
    expect(session.bytesSeen).toBeLessThanOrEqual(HIGH_WATER_BYTES + MAX_EVENT_BYTES + 64 * 1024)
    let acked = 0
    while (session.events.at(-1)?.type !== 'exit') {
      if (session.bytesSeen > acked) {
        const delta = session.bytesSeen - acked
        acked += delta
        await session.ack(delta)
      }
      await new Promise((resolve) => setTimeout(resolve, 2))
    }
    await session.finished
    expect(session.bytesSeen).toBe(7_500_000)
    expect(session.output.length).toBe(7_500_000)
  })

  it('interrupts a flood with Ctrl+C and gets the prompt back', async () => {
    const session = new Session(t, { containerId: running })
    await session.until(() => session.sessionId !== '', 'ready')
    await session.type('yes\r')
    await session.until(() => session.bytesSeen > 2 * HIGH_WATER_BYTES, 'the flood')
    const interruptedAt = Date.now()
    await session.type('\x03')
    await session.type('echo after-$((1+1))\r')
    await session.untilOutput(/after-2/, 5000)
    expect(Date.now() - interruptedAt).toBeLessThan(2000)
    session.abort()
    await session.finished
  })

  it('attaches to a container created with -it and types into its own shell', async () => {
    const container = await t.docker.createContainer({
      Image: t.host.testImage,
      Cmd: ['sh'],
      Tty: true,
      OpenStdin: true,
      Labels: t.labels
    })
    await container.start()
    const session = new Session(t, { containerId: container.id, mode: 'attach', cols: 90, rows: 20 })
    await session.until(() => session.sessionId !== '', 'ready')
    expect(session.events[0]).toMatchObject({ type: 'ready', mode: 'attach', shell: ['sh'] })
    await session.type('stty size; echo attached-$((2*3))\r')
    await session.untilOutput(/20 90\r\n.*attached-6/s)
    await session.type('exit 5\r')
    await session.finished
    expect(session.events.at(-1)).toEqual({ type: 'exit', exitCode: 5 })
  })

  it('refuses what cannot have a terminal, in words', async () => {
    const stopped = await createLabelledContainer(t)
    // Paused: the engine refuses the exec itself, and the state check says why in words.
    const paused = await createLabelledContainer(t, { start: true })
    await t.docker.getContainer(paused).pause()
    const failures: Array<[InputOf<'exec.session'>, string, RegExp]> = [
      [{ containerId: stopped }, 'CONFLICT', /is not running/],
      [{ containerId: paused }, 'CONFLICT', /is paused\. Resume it/],
      [{ containerId: running, mode: 'attach' }, 'CONFLICT', /not created with -it/],
      [{ containerId: 'berth-no-such-container' }, 'NOT_FOUND', /no such container/i]
    ]
    for (const [input, code, message] of failures) {
      const session = new Session(t, input)
      const err = await session.finished.then(() => undefined, (e: unknown) => e)
      expect(err).toBeInstanceOf(RpcError)
      expect(err).toMatchObject({ code })
      expect((err as RpcError).message).toMatch(message)
    }
    await t.docker.getContainer(paused).unpause()
  })
})
