/**
 * Functions that run INSIDE the page (passed to page.evaluate): timing probes built on
 * MutationObserver, so a measurement ends when the DOM changed, not when a polling loop in
 * Node next looked. Each one is self-contained (Playwright sends its source text, so it cannot
 * reach module-level helpers). Wall-clock times are performance.timeOrigin + performance.now(),
 * comparable with the same expression in Node on this machine.
 */

/** The few DOM shapes these probes touch: the Node tsconfig has no DOM lib, on purpose. */
export interface ProbeElement {
  readonly textContent: string | null
  getAttribute(name: string): string | null
  querySelectorAll(selector: string): ArrayLike<ProbeElement>
}
export interface ProbeButton extends ProbeElement {
  click(): void
}
interface ProbeMutationObserver {
  observe(target: ProbeElement, options: { subtree?: boolean; childList?: boolean; characterData?: boolean; attributes?: boolean; attributeFilter?: string[] }): void
  disconnect(): void
}
// The page's own global; declared here only for the compiler.
declare const MutationObserver: new (callback: () => void) => ProbeMutationObserver

export interface TextChange {
  text: string
  at: number
}

interface ProbeWindow {
  __berthTextChanges?: TextChange[]
  __berthMarker?: number
  __berthRowWatch?: Promise<number | null>
}

/** Starts recording every distinct text `element` shows, with the wall-clock time of the change. */
export function installTextRecorder(element: ProbeElement): void {
  const probe = globalThis as unknown as ProbeWindow
  const changes: TextChange[] = [{ text: (element.textContent ?? '').trim(), at: performance.timeOrigin + performance.now() }]
  probe.__berthTextChanges = changes
  new MutationObserver(() => {
    const text = (element.textContent ?? '').trim()
    if (changes[changes.length - 1].text !== text) changes.push({ text, at: performance.timeOrigin + performance.now() })
  }).observe(element, { subtree: true, childList: true, characterData: true })
}

export function readTextChanges(): TextChange[] {
  return (globalThis as unknown as ProbeWindow).__berthTextChanges ?? []
}

/** A marker that survives only as long as the document: its absence later means a reload happened. */
export function setMarker(): void {
  ;(globalThis as unknown as ProbeWindow).__berthMarker = 1
}

export function hasMarker(): boolean {
  return (globalThis as unknown as ProbeWindow).__berthMarker === 1
}

/**
 * Clicks `button` and resolves with the milliseconds from just before the click until the grid's
 * data-painted-at (a performance.now() stamp set in a rAF after new list data was committed)
 * passes the click time; null after `timeoutMs` without a paint.
 */
export function clickAndAwaitPaint([button, grid, timeoutMs]: [ProbeButton, ProbeElement, number]): Promise<number | null> {
  return new Promise((resolve) => {
    const clickedAt = performance.now()
    const paintedAfterClick = (): number | null => {
      const stamp = Number(grid.getAttribute('data-painted-at'))
      return Number.isFinite(stamp) && stamp > clickedAt ? stamp - clickedAt : null
    }
    const observer = new MutationObserver(() => {
      const elapsed = paintedAfterClick()
      if (elapsed === null) return
      observer.disconnect()
      clearTimeout(timer)
      resolve(elapsed)
    })
    const timer = setTimeout(() => {
      observer.disconnect()
      resolve(null)
    }, timeoutMs)
    observer.observe(grid, { attributes: true, attributeFilter: ['data-painted-at'] })
    button.click()
  })
}

/**
 * Arms a watch that settles with the wall-clock time at which a row of `grid` whose text contains
 * `name` first has a cell starting with the word `state` (null after `timeoutMs`). Read it with
 * awaitRowStateWatch(). Arm before causing the change, so the change cannot be missed.
 */
export function armRowStateWatch([grid, name, state, timeoutMs]: [ProbeElement, string, string, number]): void {
  const rowShowsState = (): boolean => {
    for (const row of Array.from(grid.querySelectorAll('[role="row"]'))) {
      if (!(row.textContent ?? '').includes(name)) continue
      for (const cell of Array.from(row.querySelectorAll('[role="gridcell"]'))) {
        // The State cell starts with the badge's word ("Paused"), then the engine's status text.
        if ((cell.textContent ?? '').trim().toLowerCase().startsWith(state)) return true
      }
    }
    return false
  }
  ;(globalThis as unknown as ProbeWindow).__berthRowWatch = new Promise((resolve) => {
    const observer = new MutationObserver(() => {
      if (!rowShowsState()) return
      const at = performance.timeOrigin + performance.now()
      observer.disconnect()
      clearTimeout(timer)
      resolve(at)
    })
    const timer = setTimeout(() => {
      observer.disconnect()
      resolve(null)
    }, timeoutMs)
    observer.observe(grid, { subtree: true, childList: true, characterData: true, attributes: true })
  })
}

export function awaitRowStateWatch(): Promise<number | null> {
  return (globalThis as unknown as ProbeWindow).__berthRowWatch ?? Promise.resolve(null)
}

interface FrameRecord {
  at: number
  text: string
}

/**
 * Run with page.addInitScript before Berth loads: wraps WebSocket so every text frame from the
 * server that carries a stream event (`"t":"ev"`) is kept with its arrival time. Splits an
 * event's journey into server side (engine → frame in the page) and renderer (frame → DOM).
 */
export function installFrameRecorder(): void {
  const scope = globalThis as unknown as {
    WebSocket: new (...args: unknown[]) => { addEventListener(type: string, listener: (event: { data: unknown }) => void): void }
    __berthFrames?: FrameRecord[]
  }
  const frames: FrameRecord[] = []
  scope.__berthFrames = frames
  const Original = scope.WebSocket
  scope.WebSocket = class extends Original {
    constructor(...args: unknown[]) {
      super(...args)
      this.addEventListener('message', (event) => {
        if (typeof event.data === 'string' && event.data.includes('"t":"ev"')) {
          frames.push({ at: performance.timeOrigin + performance.now(), text: event.data.slice(0, 4096) })
          if (frames.length > 500) frames.splice(0, frames.length - 500)
        }
      })
    }
  }
}

/** Arrival time of the first recorded event frame after `since` that contains every one of `needles`. */
export function frameArrival([needles, since]: [string[], number]): number | null {
  const frames = (globalThis as unknown as { __berthFrames?: FrameRecord[] }).__berthFrames ?? []
  const found = frames.find((frame) => frame.at >= since && needles.every((needle) => frame.text.includes(needle)))
  return found ? found.at : null
}

/** Every recorded event frame since `since` (for diagnosing a missed update). */
export function framesSince(since: number): FrameRecord[] {
  const frames = (globalThis as unknown as { __berthFrames?: FrameRecord[] }).__berthFrames ?? []
  return frames.filter((frame) => frame.at >= since)
}

interface AckSent {
  at: number
  bytes: number
}

/**
 * Run with page.addInitScript before Berth loads: wraps WebSocket.send to note when the first ^C
 * left the page and every terminal acknowledgement (`exec.ack`: bytes xterm has finished
 * drawing) with its time. The bytes acknowledged after the ^C are the stale output the person
 * waited through, wherever it was queued: the engine, Berth's main side, the socket or xterm.
 */
export function installTerminalAckRecorder(): void {
  const scope = globalThis as unknown as {
    WebSocket: new (...args: unknown[]) => { send(data: unknown): void }
    __berthAcks?: AckSent[]
    __berthInterruptSentAt?: number
  }
  const acks: AckSent[] = []
  scope.__berthAcks = acks
  const Original = scope.WebSocket
  scope.WebSocket = class extends Original {
    override send(data: unknown): void {
      if (typeof data === 'string') {
        const at = performance.timeOrigin + performance.now()
        // JSON writes ^C as \u0003.
        if (scope.__berthInterruptSentAt === undefined && data.includes('\\u0003')) scope.__berthInterruptSentAt = at
        if (data.includes('"exec.ack"')) {
          const frame = JSON.parse(data) as { input?: { bytes?: number } }
          acks.push({ at, bytes: frame.input?.bytes ?? 0 })
        }
      }
      super.send(data)
    }
  }
}

/** When the first ^C left the page, and the terminal bytes acknowledged since then. */
export function staleOutputAfterInterrupt(): { sentAt: number; bytes: number } | null {
  const scope = globalThis as unknown as { __berthAcks?: AckSent[]; __berthInterruptSentAt?: number }
  const sentAt = scope.__berthInterruptSentAt
  if (sentAt === undefined) return null
  const bytes = (scope.__berthAcks ?? []).filter((ack) => ack.at >= sentAt).reduce((sum, ack) => sum + ack.bytes, 0)
  return { sentAt, bytes }
}

export interface ScriptLoad {
  /** The file name (the last path segment). */
  name: string
  bytes: number
  /** performance.now() when its response ended. */
  doneAt: number
}

/**
 * The page's first contentful paint and every script it has loaded so far, from the browser's
 * own paint and resource timing: what "JavaScript parsed before the first paint" is measured by.
 */
export function scriptLoads(): { firstPaint: number; scripts: ScriptLoad[] } {
  // The page's Performance (the Node tsconfig types Node's, which has no paint or resource entries).
  const timing = performance as unknown as {
    getEntriesByName(name: string): Array<{ startTime: number }>
    getEntriesByType(type: string): Array<{ name: string; decodedBodySize: number; responseEnd: number }>
  }
  const paint = timing.getEntriesByName('first-contentful-paint')[0]
  const scripts = timing
    .getEntriesByType('resource')
    .filter((entry) => /\.js(\?|$)/.test(entry.name))
    .map((entry) => ({ name: entry.name.split('/').pop() ?? entry.name, bytes: entry.decodedBodySize, doneAt: entry.responseEnd }))
  return { firstPaint: paint?.startTime ?? Number.NaN, scripts }
}
