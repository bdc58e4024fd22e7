/**
 * Functions that run INSIDE the page for the images bench (passed to page.evaluate or
 * addInitScript, so each is self-contained). Times are the page's performance.now().
 *
 * installListRecorder wraps WebSocket before Berth loads: it stamps when each images.list /
 * images.layerTree call frame is sent and when its answer frame arrives (the id is read from the
 * frame's first bytes: parsing a 1,000-image answer here would slow the page being measured),
 * and, once the Images grid exists, every data-painted-at stamp the grid receives.
 */

interface ProbeElement {
  getAttribute(name: string): string | null
  querySelector(selector: string): ProbeElement | null
  click(): void
}
interface ProbeMutationObserver {
  observe(target: unknown, options: { subtree?: boolean; childList?: boolean; attributes?: boolean; attributeFilter?: string[] }): void
  disconnect(): void
}
declare const MutationObserver: new (callback: () => void) => ProbeMutationObserver
declare const document: { body: unknown; querySelector(selector: string): ProbeElement | null }

export interface RecordedCall {
  id: number
  method: string
  sentAt: number
  answeredAt?: number
}

interface ProbeScope {
  WebSocket: new (...args: unknown[]) => { addEventListener(type: string, listener: (event: { data: unknown }) => void): void; send(data: unknown): void }
  __benchCalls?: RecordedCall[]
  __benchPaints?: number[]
}

export function installListRecorder(): void {
  const scope = globalThis as unknown as ProbeScope
  const calls: RecordedCall[] = []
  const paints: number[] = []
  scope.__benchCalls = calls
  scope.__benchPaints = paints
  const Original = scope.WebSocket
  scope.WebSocket = class extends Original {
    constructor(...args: unknown[]) {
      super(...args)
      this.addEventListener('message', (event) => {
        if (typeof event.data !== 'string') return
        const head = event.data.slice(0, 48)
        if (!head.includes('"t":"ok"')) return
        const id = Number(/"id":(\d+)/.exec(head)?.[1])
        const call = calls.find((c) => c.id === id && c.answeredAt === undefined)
        if (call) call.answeredAt = performance.now()
      })
    }
    override send(data: unknown): void {
      if (typeof data === 'string' && data.includes('"t":"call"')) {
        const method = /"method":"(images\.list|images\.layerTree)"/.exec(data)?.[1]
        const id = Number(/"id":(\d+)/.exec(data)?.[1])
        if (method) calls.push({ id, method, sentAt: performance.now() })
      }
      super.send(data)
    }
  }
  // The grid appears after the page renders; watch for it, then record each of its paint stamps.
  let grid: ProbeElement | null = null
  new MutationObserver(() => {
    const now = document.querySelector('[role="grid"][aria-label="Images"]')
    if (!now || now === grid) return
    grid = now
    const stampObserver = new MutationObserver(() => {
      const stamp = Number(now.getAttribute('data-painted-at'))
      if (Number.isFinite(stamp) && paints[paints.length - 1] !== stamp) paints.push(stamp)
    })
    stampObserver.observe(now, { attributes: true, attributeFilter: ['data-painted-at'] })
  }).observe(document, { subtree: true, childList: true })
}

export function readRecorder(): { calls: RecordedCall[]; paints: number[] } {
  const scope = globalThis as unknown as ProbeScope
  return { calls: scope.__benchCalls ?? [], paints: scope.__benchPaints ?? [] }
}

export interface TreePaint {
  /** Click → the tree's first data-painted-at with rows. */
  paintedMs: number
  /** Core time for the answer (LayerTree.stats.ms), and how many images it had to read. */
  coreMs: number
  inspected: number
  images: number
}

/** Clicks `button` (the "Layer tree" switch) and resolves when the tree has painted rows; null on timeout. */
export function clickAndAwaitTree([button, timeoutMs]: [ProbeElement, number]): Promise<TreePaint | null> {
  return new Promise((resolve) => {
    const clickedAt = performance.now()
    const done = (): TreePaint | null => {
      const tree = document.querySelector('[role="tree"][aria-label="Layer tree"]')
      const stamp = Number(tree?.getAttribute('data-painted-at'))
      if (!tree || !(stamp > clickedAt) || !tree.querySelector('[role="treeitem"]')) return null
      return {
        paintedMs: stamp - clickedAt,
        coreMs: Number(tree.getAttribute('data-tree-ms')),
        inspected: Number(tree.getAttribute('data-tree-inspected')),
        images: Number(tree.getAttribute('data-tree-images'))
      }
    }
    const observer = new MutationObserver(() => {
      const result = done()
      if (!result) return
      observer.disconnect()
      clearTimeout(timer)
      resolve(result)
    })
    const timer = setTimeout(() => {
      observer.disconnect()
      resolve(null)
    }, timeoutMs)
    observer.observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-painted-at'] })
    button.click()
  })
}
