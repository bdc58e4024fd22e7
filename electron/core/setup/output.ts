/**
 * A step's output on its way to the dialog: chunks become lines, lines are sent in batches
 * (every ~100 ms, so apt's bursts don't become thousands of frames), the total is capped (a
 * package install prints kilobytes; a runaway command must not flood the window), and the last
 * lines are kept for the error message. stdout and stderr keep a partial line each: a line is
 * only ever made of one stream's bytes (the order of lines across the two pipes is the order the
 * chunks arrived in, which a busy machine may not keep).
 */
const FLUSH_EVERY_MS = 100
const FLUSH_AT_CHARS = 32 * 1024
const MAX_CHARS_PER_STEP = 1024 * 1024
const TAIL_LINES = 40

export class OutputLines {
  private readonly partial = { stdout: '', stderr: '' }
  private pending: string[] = []
  private pendingChars = 0
  private sentChars = 0
  private capped = false
  private timer: NodeJS.Timeout | undefined
  readonly tail: string[] = []

  constructor(private readonly send: (text: string) => void) {}

  write(chunk: string, stream: 'stdout' | 'stderr' = 'stdout'): void {
    const lines = (this.partial[stream] + chunk).split(/\r?\n/)
    this.partial[stream] = lines.pop() ?? ''
    for (const line of lines) this.line(line)
  }

  /** Sends what is left (including unterminated last lines). */
  end(): void {
    for (const stream of ['stdout', 'stderr'] as const) {
      if (this.partial[stream] !== '') this.line(this.partial[stream])
      this.partial[stream] = ''
    }
    this.flush()
  }

  private line(raw: string): void {
    // Progress bars redraw with \r; the last state of the line is what a person would see.
    const line = raw.slice(raw.lastIndexOf('\r') + 1)
    this.tail.push(line)
    if (this.tail.length > TAIL_LINES) this.tail.shift()
    if (this.capped) return
    if (this.sentChars + this.pendingChars + line.length > MAX_CHARS_PER_STEP) {
      this.capped = true
      this.pending.push('… (more output; Berth shows the first megabyte and keeps the last lines for errors)')
    } else {
      this.pending.push(line)
      this.pendingChars += line.length + 1
    }
    if (this.pendingChars >= FLUSH_AT_CHARS) this.flush()
    else this.timer ??= setTimeout(() => this.flush(), FLUSH_EVERY_MS)
  }

  private flush(): void {
    clearTimeout(this.timer)
    this.timer = undefined
    if (this.pending.length === 0) return
    const text = this.pending.join('\n')
    this.sentChars += this.pendingChars
    this.pending = []
    this.pendingChars = 0
    this.send(text)
  }
}
