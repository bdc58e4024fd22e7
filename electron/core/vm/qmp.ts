/**
 * A small QMP client (QEMU's JSON machine protocol) over the VM's unix socket: the greeting,
 * capability negotiation, then one command at a time answered in order. Used for the ACPI power
 * button, a hard quit, and host port forwards (HMP's hostfwd_add through human-monitor-command).
 */
import { connect, type Socket } from 'node:net'

interface Pending {
  resolve: (value: unknown) => void
  reject: (err: Error) => void
}

export class QmpError extends Error {}

export class QmpClient {
  private buffer = ''
  private readonly pending: Pending[] = []
  private closed = false

  private constructor(private readonly socket: Socket) {
    socket.setEncoding('utf8')
    socket.on('data', (chunk: string) => this.onData(chunk))
    const fail = (why: string) => {
      this.closed = true
      this.greeting?.reject(new QmpError(why))
      this.greeting = undefined
      for (const p of this.pending.splice(0)) p.reject(new QmpError(why))
    }
    socket.on('error', (err) => fail(`QMP: ${err.message}`))
    socket.on('close', () => fail('QMP: QEMU closed its monitor socket'))
  }

  /** Connects, reads the greeting and negotiates; retries while QEMU has not made the socket yet. */
  static async open(path: string, timeoutMs = 5000): Promise<QmpClient> {
    const deadline = Date.now() + timeoutMs
    for (;;) {
      try {
        const socket = await new Promise<Socket>((resolve, reject) => {
          const s = connect(path, () => resolve(s))
          s.once('error', reject)
        })
        const client = new QmpClient(socket)
        await client.expectGreeting()
        await client.execute('qmp_capabilities')
        return client
      } catch (err) {
        if (Date.now() > deadline) throw new QmpError(`QMP: could not reach ${path}: ${(err as Error).message}`)
        await new Promise((r) => setTimeout(r, 50))
      }
    }
  }

  /** QEMU speaks first (a greeting naming its version); commands are refused until then. */
  private greeting?: Pending
  private expectGreeting(): Promise<unknown> {
    return new Promise((resolve, reject) => {
      this.greeting = { resolve, reject }
    })
  }

  private onData(chunk: string): void {
    this.buffer += chunk
    let newline: number
    while ((newline = this.buffer.indexOf('\n')) >= 0) {
      const line = this.buffer.slice(0, newline).trim()
      this.buffer = this.buffer.slice(newline + 1)
      if (line) this.onMessage(line)
    }
  }

  private onMessage(line: string): void {
    let message: Record<string, unknown>
    try {
      message = JSON.parse(line) as Record<string, unknown>
    } catch {
      return
    }
    if ('QMP' in message) {
      this.greeting?.resolve(message)
      this.greeting = undefined
      return
    }
    // Asynchronous events (SHUTDOWN, POWERDOWN, …) carry "event"; only replies settle a command.
    if ('event' in message) return
    const waiting = this.pending.shift()
    if (!waiting) return
    if ('error' in message) {
      const error = message.error as { desc?: string }
      waiting.reject(new QmpError(error.desc ?? 'QMP command failed'))
    } else {
      waiting.resolve(message.return)
    }
  }

  execute(command: string, args?: Record<string, unknown>): Promise<unknown> {
    if (this.closed) return Promise.reject(new QmpError('QMP: the monitor is closed'))
    return new Promise((resolve, reject) => {
      this.pending.push({ resolve, reject })
      this.socket.write(JSON.stringify(args ? { execute: command, arguments: args } : { execute: command }) + '\n')
    })
  }

  /** An HMP command (e.g. hostfwd_add); HMP reports failure as text, which is returned as is. */
  async human(commandLine: string): Promise<string> {
    const output = await this.execute('human-monitor-command', { 'command-line': commandLine })
    return typeof output === 'string' ? output.trim() : ''
  }

  close(): void {
    this.closed = true
    this.socket.destroy()
  }
}
