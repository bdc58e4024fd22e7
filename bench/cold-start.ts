/**
 * Cold start: Berth opened in a fresh browser context (no cache, no cookie: the token URL, its
 * redirect, every script fetched) until the Containers grid has painted every row. Measured in
 * the page: navigation → DOMContentLoaded, DOMContentLoaded → all rows painted (the grid's
 * data-painted-at stamp once aria-rowcount covers the engine's containers), the JavaScript that
 * finished loading before the first contentful paint, and how often each list was asked for.
 */
import type { Browser } from '@playwright/test'
import { scriptLoads } from '../test/e2e/support/page-probes'

export interface ColdSample {
  navToDclMs: number
  dclToRowsMs: number
  /** Where DCL → rows went: the socket open, containers.list sent, its answer in. */
  dclToSocketOpenMs: number
  dclToListSentMs: number
  dclToListAnsweredMs: number
  /** When the server pushed the prefetched list ahead of the call (shared/prefetch.ts); NaN when it did not. */
  dclToListPushedMs: number
  scriptBytesBeforePaint: number
  /** Calls of each *.list method sent by the page until 1 s after the rows were painted. */
  listReads: Record<string, number>
}

interface ProbeScope {
  WebSocket: new (...args: unknown[]) => { send(data: unknown): void; addEventListener(type: string, listener: (event: { data: unknown }) => void): void }
  __coldPaints?: Array<{ at: number; rows: number }>
  __coldCalls?: string[]
  __coldMarks?: { open?: number; listSent?: number; listId?: number; listAnswered?: number; listPushed?: number }
}
interface ProbeElement {
  getAttribute(name: string): string | null
}
declare const document: { querySelector(selector: string): ProbeElement | null }

/** Runs in the page before Berth loads (addInitScript). */
export function installColdProbe(): void {
  const scope = globalThis as unknown as ProbeScope
  const paints: Array<{ at: number; rows: number }> = []
  const calls: string[] = []
  const marks: NonNullable<ProbeScope['__coldMarks']> = {}
  scope.__coldPaints = paints
  scope.__coldCalls = calls
  scope.__coldMarks = marks
  const Original = scope.WebSocket
  scope.WebSocket = class extends Original {
    constructor(...args: unknown[]) {
      super(...args)
      this.addEventListener('open', () => (marks.open ??= performance.now()))
      this.addEventListener('message', (event) => {
        if (marks.listAnswered !== undefined || typeof event.data !== 'string') return
        const head = event.data.slice(0, 60)
        if (head.startsWith('{"t":"pre","method":"containers.list"')) marks.listPushed ??= performance.now()
        // An ok with the rows, or an okpre naming the pushed rows.
        if (/^\{"t":"ok(pre)?"/.test(head) && Number(/"id":(\d+)/.exec(head)?.[1]) === marks.listId) marks.listAnswered = performance.now()
      })
    }

    override send(data: unknown): void {
      if (typeof data === 'string') {
        const method = /"method":"([a-zA-Z.]+\.list)"/.exec(data)?.[1]
        if (method) calls.push(method)
        if (method === 'containers.list' && marks.listSent === undefined) {
          marks.listSent = performance.now()
          marks.listId = Number(/"id":(\d+)/.exec(data)?.[1])
        }
      }
      super.send(data)
    }
  }
}

export async function measureColdOpen(browser: Browser, url: string, expectedRows: number): Promise<ColdSample> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } })
  try {
    const page = await context.newPage()
    await page.addInitScript(installColdProbe)
    await page.goto(url, { waitUntil: 'commit' })
    // Looked at every animation frame: each new data-painted-at stamp is kept with the row count
    // it painted (the stamp is set in the frame after the rows changed).
    await page.waitForFunction(
      (rows) => {
        const grid = document.querySelector('[role="grid"][aria-label="Containers"]')
        const scope = globalThis as unknown as ProbeScope
        // No stamp yet is not a stamp of 0: a grid seeded before its first render has every row
        // before the frame that stamps it.
        const stampText = grid?.getAttribute('data-painted-at')
        const stamp = stampText ? Number(stampText) : Number.NaN
        if (grid && Number.isFinite(stamp) && !scope.__coldPaints?.some((p) => p.at === stamp)) {
          scope.__coldPaints?.push({ at: stamp, rows: Number(grid.getAttribute('aria-rowcount')) - 1 })
        }
        return scope.__coldPaints?.some((p) => p.rows >= rows) ?? false
      },
      expectedRows,
      { timeout: 60_000, polling: 'raf' }
    )
    await page.waitForTimeout(1000)
    const { firstPaint, scripts } = await page.evaluate(scriptLoads)
    const inPage = await page.evaluate((rows) => {
      const scope = globalThis as unknown as ProbeScope
      // The page's Performance (the Node tsconfig types Node's, which has no navigation entries).
      const timing = performance as unknown as { getEntriesByType(type: string): unknown[] }
      const dcl = (timing.getEntriesByType('navigation')[0] as { domContentLoadedEventStart: number }).domContentLoadedEventStart
      const full = (scope.__coldPaints ?? []).find((p) => p.rows >= rows)
      const marks = scope.__coldMarks ?? {}
      const listReads: Record<string, number> = {}
      for (const method of scope.__coldCalls ?? []) listReads[method] = (listReads[method] ?? 0) + 1
      return {
        navToDclMs: dcl,
        dclToRowsMs: (full?.at ?? Number.NaN) - dcl,
        dclToSocketOpenMs: (marks.open ?? Number.NaN) - dcl,
        dclToListSentMs: (marks.listSent ?? Number.NaN) - dcl,
        dclToListAnsweredMs: (marks.listAnswered ?? Number.NaN) - dcl,
        dclToListPushedMs: (marks.listPushed ?? Number.NaN) - dcl,
        listReads
      }
    }, expectedRows)
    const scriptBytesBeforePaint = scripts.filter((script) => script.doneAt <= firstPaint).reduce((sum, script) => sum + script.bytes, 0)
    return { ...inPage, scriptBytesBeforePaint }
  } finally {
    await context.close()
  }
}
