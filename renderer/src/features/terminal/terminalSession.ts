/**
 * One terminal session in the renderer, independent of React: it owns the `exec.session` stream,
 * a bounded replay buffer, and the acknowledgements that drive the main side's flow control.
 * A view (xterm) attaches and detaches as components mount and unmount; the session and its
 * process live on until closed, so switching tabs or pages loses nothing.
 */
import type { RpcClient } from '../../api/client'
import type { RpcError } from '../../../../shared/errors'
import { MAX_INPUT_CHARS, type ExecSessionEvent } from '../../../../shared/exec-models'

/** The replay keeps this much of the latest output (UTF-16 code units ≈ bytes for terminal text). */
export const REPLAY_LIMIT_CHARS = 1024 * 1024

export type SessionStatus = 'opening' | 'running' | 'exited' | 'failed'

export interface SessionSnapshot {
  status: SessionStatus
  shell: string[]
  exitCode: number | null
  error: string | null
}

/** What the session needs from a mounted terminal. */
export interface TerminalSink {
  /** `rendered` runs once the terminal has processed the data (xterm's write callback). */
  write(data: string, rendered: () => void): void
  reset(): void
}

export class TerminalSession {
  private snapshot: SessionSnapshot = { status: 'opening', shell: [], exitCode: null, error: null }
  private replay: string[] = []
  private replayChars = 0
  private sink: TerminalSink | undefined
  private cancel: (() => void) | undefined
  private sessionId: string | undefined
  private size = { cols: 80, rows: 24 }
  private pendingAck = 0
  private ackScheduled = false
  private readonly listeners = new Set<() => void>()
  /** Bumped per (re)start so late events of an old stream are ignored. */
  private generation = 0

  constructor(
    private readonly client: RpcClient,
    readonly containerId: string,
    readonly mode: 'exec' | 'attach'
  ) {}

  get state(): SessionSnapshot {
    return this.snapshot
  }

  /** For useSyncExternalStore: the snapshot object changes identity on every change. */
  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  start(): void {
    this.cancel?.()
    const generation = ++this.generation
    this.sessionId = undefined
    this.pendingAck = 0
    this.update({ status: 'opening', shell: [], exitCode: null, error: null })
    this.cancel = this.client.stream(
      'exec.session',
      { containerId: this.containerId, mode: this.mode, shell: 'auto', cols: this.size.cols, rows: this.size.rows },
      {
        onEvent: (event) => {
          if (generation === this.generation) this.onEvent(event)
        },
        onEnd: (err) => {
          if (generation === this.generation) this.onEnd(err)
        }
      }
    )
  }

  /** Clears the screen and the replay, then opens a fresh session. */
  restart(): void {
    this.replay = []
    this.replayChars = 0
    this.sink?.reset()
    this.start()
  }

  close(): void {
    this.generation++
    this.cancel?.()
    this.cancel = undefined
    this.sink = undefined
    this.listeners.clear()
  }

  /** Attaches a view and replays what it missed; returns the detach function. */
  attach(sink: TerminalSink): () => void {
    this.sink = sink
    if (this.replay.length > 0) sink.write(this.replay.join(''), () => {})
    return () => {
      if (this.sink === sink) this.sink = undefined
    }
  }

  input(data: string): void {
    const sessionId = this.sessionId
    if (!sessionId || this.snapshot.status !== 'running') return
    // A long paste goes in pieces the contract accepts, in order (the transport keeps order).
    for (let start = 0; start < data.length; start += MAX_INPUT_CHARS) {
      this.client.call('exec.input', { sessionId, data: data.slice(start, start + MAX_INPUT_CHARS) }).catch(() => {
        // The session ended meanwhile; the exit event tells the person.
      })
    }
  }

  resize(cols: number, rows: number): void {
    if (cols < 2 || rows < 1 || (cols === this.size.cols && rows === this.size.rows)) return
    this.size = { cols, rows }
    if (this.sessionId && this.snapshot.status === 'running') {
      this.client.call('exec.resize', { sessionId: this.sessionId, cols, rows }).catch(() => {})
    }
  }

  private onEvent(event: ExecSessionEvent): void {
    switch (event.type) {
      case 'ready':
        this.sessionId = event.sessionId
        this.update({ ...this.snapshot, status: 'running', shell: event.shell })
        // The panel may have been resized while the session was opening.
        this.client.call('exec.resize', { sessionId: event.sessionId, ...this.size }).catch(() => {})
        return
      case 'data':
        this.remember(event.data)
        if (this.sink) this.sink.write(event.data, () => this.ack(event.bytes))
        else this.ack(event.bytes) // nothing to render: only the replay keeps it
        return
      case 'exit':
        this.update({ ...this.snapshot, status: 'exited', exitCode: event.exitCode })
        return
    }
  }

  private onEnd(err?: RpcError): void {
    this.cancel = undefined
    if (err && err.code !== 'CANCELLED') this.update({ ...this.snapshot, status: 'failed', error: err.message })
    else if (this.snapshot.status !== 'exited') this.update({ ...this.snapshot, status: 'exited' })
  }

  private remember(data: string): void {
    this.replay.push(data)
    this.replayChars += data.length
    while (this.replayChars > REPLAY_LIMIT_CHARS && this.replay.length > 1) {
      this.replayChars -= (this.replay.shift() ?? '').length
    }
  }

  /** Acks are coalesced per task: one call for all the writes xterm finished in one go. */
  private ack(bytes: number): void {
    if (bytes <= 0) return
    this.pendingAck += bytes
    if (this.ackScheduled) return
    this.ackScheduled = true
    setTimeout(() => {
      this.ackScheduled = false
      const sessionId = this.sessionId
      const total = this.pendingAck
      this.pendingAck = 0
      if (sessionId && total > 0) this.client.call('exec.ack', { sessionId, bytes: total }).catch(() => {})
    }, 0)
  }

  private update(next: SessionSnapshot): void {
    this.snapshot = next
    for (const listener of this.listeners) listener()
  }
}
