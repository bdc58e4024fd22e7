/**
 * Live terminal sessions: the flow control and batching between an engine TTY socket and the
 * `exec.session` stream.
 *
 * Batching: engine chunks arriving within BATCH_MS become one `data` event, so a flood costs a
 * few hundred frames a second instead of one per 4–64 KiB chunk.
 * Flow control: every byte sent is "unacknowledged" until the client says it was rendered
 * (`exec.ack`). Above HIGH_WATER_BYTES we stop reading the engine socket (pause()); the kernel
 * buffers fill, dockerd stops reading the pty, and the program writing (`yes`, `cat`) blocks.
 * So the renderer is never more than ~256 KiB behind, and a Ctrl+C typed during a flood is
 * followed by at most that much stale output before the prompt.
 */
import { randomUUID } from 'node:crypto'
import { StringDecoder } from 'node:string_decoder'
import { RpcError } from '../../shared/errors'
import type { ExecSessionEvent } from '../../shared/exec-models'
import type { TtySession } from './engine/exec'

export const BATCH_MS = 5
export const HIGH_WATER_BYTES = 256 * 1024
/** Resume once the client caught up to here, not at the first ack, so we don't flap pause/resume. */
export const LOW_WATER_BYTES = 64 * 1024
/** One event never carries more than this, however fast the engine writes. */
/** Also bounds the renderer's atomic work per event: xterm parses one write without yielding. */
export const MAX_EVENT_BYTES = 32 * 1024

type Emit = (event: ExecSessionEvent) => void

interface LiveSession {
  tty: TtySession
  unacked: number
  paused: boolean
}

export class ExecSessions {
  private readonly live = new Map<string, LiveSession>()

  get size(): number {
    return this.live.size
  }

  /**
   * Runs one session until its process ends (emits `exit`, resolves) or `signal` aborts (destroys
   * the socket — the process gets SIGHUP from its closed pty — and resolves).
   */
  async run(open: () => Promise<TtySession>, mode: 'exec' | 'attach', emit: Emit, signal: AbortSignal): Promise<void> {
    if (signal.aborted) return
    const tty = await open()
    if (signal.aborted) {
      tty.socket.destroy()
      return
    }
    const sessionId = randomUUID()
    const session: LiveSession = { tty, unacked: 0, paused: false }
    this.live.set(sessionId, session)
    // `ready` names the shell; when the session reports its own choice, that comes with its first
    // bytes, so `ready` waits for them (it always precedes any data and the exit).
    let readySent = false
    const sendReady = (): void => {
      if (readySent) return
      readySent = true
      emit({ type: 'ready', sessionId, mode, shell: tty.shell })
    }
    if (tty.shellKnown) sendReady()

    const batcher = new OutputBatcher((data, bytes) => emit({ type: 'data', data, bytes }))
    const ended = new Promise<'ended' | 'aborted'>((resolve, reject) => {
      const onAbort = (): void => resolve('aborted')
      signal.addEventListener('abort', onAbort, { once: true })
      tty.socket.on('data', (raw: Buffer) => {
        const chunk = tty.filterOutput(raw)
        if (tty.shellKnown) sendReady()
        if (chunk.length === 0) return
        session.unacked += chunk.length
        batcher.push(chunk)
        if (session.unacked > HIGH_WATER_BYTES && !session.paused) {
          session.paused = true
          tty.socket.pause()
        }
      })
      tty.socket.once('end', () => resolve('ended'))
      tty.socket.once('close', () => resolve('ended'))
      tty.socket.once('error', (err) => (signal.aborted ? resolve('aborted') : reject(err)))
    })
    try {
      const how = await ended
      sendReady()
      if (how === 'aborted') {
        tty.terminate().catch(() => {
          // Best effort: the container may be gone or stopped already.
        })
        return
      }
      batcher.flush(true)
      emit({ type: 'exit', exitCode: await settleExitCode(tty) })
    } finally {
      batcher.dispose()
      this.live.delete(sessionId)
      tty.socket.destroy()
    }
  }

  input(sessionId: string, data: string): void {
    this.get(sessionId).tty.socket.write(data, 'utf8')
  }

  async resize(sessionId: string, cols: number, rows: number): Promise<void> {
    await this.get(sessionId).tty.resize(cols, rows)
  }

  ack(sessionId: string, bytes: number): void {
    const session = this.get(sessionId)
    session.unacked = Math.max(0, session.unacked - bytes)
    if (session.paused && session.unacked <= LOW_WATER_BYTES) {
      session.paused = false
      session.tty.socket.resume()
    }
  }

  private get(sessionId: string): LiveSession {
    const session = this.live.get(sessionId)
    if (!session) throw new RpcError('NOT_FOUND', 'This terminal session has ended. Open a new terminal.')
    return session
  }
}

/** The exec's state can lag the socket's end by a moment; ask a few times before saying "unknown". */
async function settleExitCode(tty: TtySession): Promise<number | null> {
  for (let attempt = 0; attempt < 5; attempt++) {
    const code = await tty.exitCode().catch(() => null)
    if (code !== null) return code
    await new Promise((resolve) => setTimeout(resolve, 20 * (attempt + 1)))
  }
  return null
}

/**
 * Collects engine chunks for BATCH_MS and decodes them as UTF-8, holding split characters.
 * Leading edge: a chunk that arrives after a quiet spell (nothing sent for BATCH_MS) goes out at
 * once, so a keystroke's echo or a new session's first prompt never waits for the timer; only
 * chunks that follow closely are coalesced.
 */
export class OutputBatcher {
  private readonly decoder = new StringDecoder('utf8')
  private chunks: Buffer[] = []
  private bytes = 0
  private timer: ReturnType<typeof setTimeout> | undefined
  private lastSentAt = Number.NEGATIVE_INFINITY

  constructor(
    private readonly send: (data: string, bytes: number) => void,
    private readonly batchMs: number = BATCH_MS,
    private readonly maxEventBytes: number = MAX_EVENT_BYTES
  ) {}

  push(chunk: Buffer): void {
    this.chunks.push(chunk)
    this.bytes += chunk.length
    if (this.bytes >= this.maxEventBytes) this.flush(false)
    else if (this.timer === undefined && performance.now() - this.lastSentAt >= this.batchMs) this.flush(false)
    else this.timer ??= setTimeout(() => this.flush(false), this.batchMs)
  }

  /** Sends what is collected; `final` also releases a character cut off at the very end. */
  flush(final: boolean): void {
    if (this.timer) clearTimeout(this.timer)
    this.timer = undefined
    const bytes = this.bytes
    const joined = this.chunks.length === 1 ? this.chunks[0] : Buffer.concat(this.chunks, bytes)
    this.chunks = []
    this.bytes = 0
    const text = (bytes > 0 ? this.decoder.write(joined) : '') + (final ? this.decoder.end() : '')
    // `bytes` counts what arrived, even if the decoder holds a split character's first bytes for
    // the next event: the acks then add up to exactly what was read from the engine.
    if (bytes > 0 || text.length > 0) {
      this.lastSentAt = performance.now()
      this.send(text, bytes)
    }
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer)
    this.timer = undefined
  }
}
