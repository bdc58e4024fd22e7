/**
 * The in-browser half of the logs bench: Berth's page in Chromium opens a container's Logs tab
 * (click the name in the list → details → "Logs"), reads the whole log (tail "all"), and we
 * measure: time until every line is in the page, the longest gap between animation frames while
 * they arrive (is the UI responsive?), the renderer's JS heap after a GC, and search time.
 */
import type { Browser, Page } from '@playwright/test'
import type { ServeHandle } from '../test/e2e/support/serve'
import { ui } from '../test/e2e/support/ui'

export interface LogsPageFigures {
  ingestMs: number
  longestFrameGapMs: number
  heapUsedMb: number
  heapBeforeMb: number
  /** First search (builds the lower-case cache) and a second one, as timed inside the page. */
  searchFirstMs: number
  searchSecondMs: number
  matchesFound: string
}

/** Opens the Logs tab of `name` the way a person does. */
export async function openLogsTab(page: Page, name: string): Promise<void> {
  await ui.containersSearch(page).fill(name)
  const row = ui.containerRow(page, name)
  await row.waitFor({ timeout: 10_000 })
  await row.getByText(name, { exact: true }).click()
  const tab = page.getByRole('tab', { name: 'Logs', exact: true })
  try {
    await tab.waitFor({ timeout: 5_000 })
  } catch {
    throw new Error('clicking the container name opened no details view with a "Logs" tab (the details view is not in this build)')
  }
  await tab.click()
  await page.getByRole('log', { name: 'Log lines' }).waitFor()
}

/** The page's own globals, declared only for the compiler (the Node tsconfig has no DOM lib, on purpose). */
interface PageElement {
  readonly textContent: string | null
  getAttribute(name: string): string | null
  readonly value?: string
}
declare const document: { querySelector(selector: string): PageElement | null }
declare function requestAnimationFrame(callback: (now: number) => void): number
interface GapProbe {
  __logsGap: { max: number; running: boolean }
}

/** Records the longest gap between animation frames until stopped (installed in the page). */
function startFrameGapProbe(): void {
  const w = globalThis as unknown as GapProbe
  w.__logsGap = { max: 0, running: true }
  let last = performance.now()
  const tick = (now: number): void => {
    w.__logsGap.max = Math.max(w.__logsGap.max, now - last)
    last = now
    if (w.__logsGap.running) requestAnimationFrame(tick)
  }
  requestAnimationFrame(tick)
}

function stopFrameGapProbe(): number {
  const w = globalThis as unknown as GapProbe
  w.__logsGap.running = false
  return w.__logsGap.max
}

async function heapUsedMb(page: Page): Promise<number> {
  const cdp = await page.context().newCDPSession(page)
  await cdp.send('HeapProfiler.collectGarbage')
  const usage = (await cdp.send('Runtime.getHeapUsage')) as { usedSize: number }
  await cdp.detach()
  return usage.usedSize / 1024 / 1024
}

async function timedSearch(page: Page, query: string): Promise<{ ms: number; counter: string }> {
  const search = page.getByRole('searchbox', { name: 'Search logs' })
  await search.fill(query)
  await search.press('Enter')
  const counter = page.getByLabel('Search result')
  await page.waitForFunction((q) => {
    const el = document.querySelector('.log-match-count')
    return el !== null && el.textContent !== '' && el.getAttribute('data-search-ms') !== null && document.querySelector('input[aria-label="Search logs"]')?.value === q
  }, query)
  return { ms: Number(await counter.getAttribute('data-search-ms')), counter: (await counter.textContent()) ?? '' }
}

export async function measureLogsPage(browser: Browser, server: ServeHandle, name: string, lines: number, log: (line: string) => void): Promise<LogsPageFigures> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } })
  try {
    await page.goto(server.url)
    await ui.engineStatus(page).filter({ hasText: 'Connected' }).waitFor({ timeout: 20_000 })
    await openLogsTab(page, name)
    const heapBeforeMb = await heapUsedMb(page)
    const tail = page.getByRole('textbox', { name: 'Lines to show first (tail)' })
    await tail.fill('all')
    await page.evaluate(startFrameGapProbe)
    const started = performance.now()
    await tail.press('Enter')
    await page.waitForFunction((want) => Number(document.querySelector('[role="log"]')?.getAttribute('data-received')) >= want, lines, {
      timeout: 180_000,
      polling: 20
    })
    const ingestMs = performance.now() - started
    const longestFrameGapMs = await page.evaluate(stopFrameGapProbe)
    log(`bench logs: the page holds ${lines.toLocaleString('en-US')} lines after ${(ingestMs / 1000).toFixed(1)} s (longest frame gap ${longestFrameGapMs.toFixed(0)} ms)`)
    const heap = await heapUsedMb(page)
    const first = await timedSearch(page, String(lines - 1))
    const second = await timedSearch(page, String(Math.floor(lines / 3)))
    return { ingestMs, longestFrameGapMs, heapUsedMb: heap, heapBeforeMb, searchFirstMs: first.ms, searchSecondMs: second.ms, matchesFound: first.counter }
  } finally {
    await page.close()
  }
}
