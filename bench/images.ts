/**
 * The images bench's measurements (bench/images-main.ts runs them):
 *  - tree: click "Layer tree" → the tree's data-painted-at with rows (the core computes it from
 *    cached or freshly read inspects + histories); cold = a fresh server (empty cache);
 *  - list: an image event makes the page re-read images.list; from the call frame leaving the
 *    page to the Images grid's next data-painted-at, against a raw GET /images/json (request →
 *    parsed JSON) in the same run, alternating which goes first.
 */
import { expect, type Browser, type Page } from '@playwright/test'
import { runPool, type EngineApi } from '../test/e2e/support/engine-api'
import { ui } from '../test/e2e/support/ui'
import { clickAndAwaitTree, installListRecorder, readRecorder, type RecordedCall, type TreePaint } from './images-probes'

export async function openImagesPage(browser: Browser, url: string): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } })
  await page.addInitScript(installListRecorder)
  await page.goto(`${url}#/images`)
  await expect(ui.engineStatus(page)).toHaveText(/Connected/, { timeout: 30_000 })
  return page
}

/** Waits until the Images grid lists `count` images (aria-rowcount counts the header row too). */
export async function waitForImageRows(page: Page, count: number): Promise<void> {
  const grid = ui.imagesGrid(page)
  await expect(async () => expect(Number(await grid.getAttribute('aria-rowcount'))).toBeGreaterThanOrEqual(count + 1)).toPass({ timeout: 60_000 })
}

/** Each run: back to List, then time the switch to Layer tree (the view mounts and asks the core again). */
export async function measureTree(page: Page, runs: number): Promise<TreePaint[]> {
  const samples: TreePaint[] = []
  for (let run = 0; run < runs; run++) {
    await page.getByRole('button', { name: 'List', exact: true }).click()
    await expect(ui.imagesGrid(page)).toBeVisible()
    const button = await page.getByRole('button', { name: 'Layer tree', exact: true }).elementHandle()
    if (!button) throw new Error('the "Layer tree" switch is missing')
    const sample = await page.evaluate(clickAndAwaitTree, [button, 120_000] as [typeof button, number])
    if (!sample) throw new Error('the layer tree never painted rows within 120 s')
    samples.push(sample)
  }
  await page.getByRole('button', { name: 'List', exact: true }).click()
  return samples
}

export interface ListSamples {
  /** images.list call sent → grid painted with its answer. */
  paintedMs: number[]
  /** Of which: call sent → answer frame arrived (Berth's server, both engine reads, the socket). */
  answerMs: number[]
  /** Of which: answer arrived → painted (parse, sort, React, the next frame). */
  renderMs: number[]
  rawMs: number[]
}

/**
 * The first images.list after `since` calls whose answer was followed by a paint; null until then.
 * Not simply the first answered call: when two reads overlap (an event's re-read beside the first
 * one), the store keeps only the newest answer, and the older one is never painted.
 */
function paintedAnswer(calls: RecordedCall[], paints: number[], since: number): { call: RecordedCall; paint: number } | null {
  for (const call of calls.filter((c) => c.method === 'images.list').slice(since)) {
    const answeredAt = call.answeredAt
    if (answeredAt === undefined) continue
    const paint = paints.find((stamp) => stamp >= answeredAt)
    if (paint !== undefined) return { call, paint }
  }
  return null
}

async function awaitListPaint(page: Page, since: number, timeoutMs: number): Promise<{ call: RecordedCall; paint: number }> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const { calls, paints } = await page.evaluate(readRecorder)
    const found = paintedAnswer(calls, paints, since)
    if (found) return found
    if (Date.now() > deadline) throw new Error(`no images.list answer was painted within ${timeoutMs} ms`)
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
}

/** A freshly opened page: its first images.list request → the first paint of an answer (whichever read it was). */
export async function firstListPaint(page: Page): Promise<{ paintedMs: number; answerMs: number }> {
  const { call, paint } = await awaitListPaint(page, 0, 60_000)
  const { calls } = await page.evaluate(readRecorder)
  const first = calls.find((c) => c.method === 'images.list') ?? call
  return { paintedMs: paint - first.sentAt, answerMs: (call.answeredAt ?? paint) - first.sentAt }
}

export async function measureListRefresh(page: Page, engine: EngineApi, imageId: string, runs: number, warmups = 2): Promise<ListSamples> {
  const samples: ListSamples = { paintedMs: [], answerMs: [], renderMs: [], rawMs: [] }
  const retag = 'bench-images-retag:latest'
  const raw = async (): Promise<number> => {
    const started = performance.now()
    const answer = await engine.request('GET', '/images/json')
    const elapsed = performance.now() - started
    if (answer.status !== 200 || !Array.isArray(answer.body)) throw new Error(`raw image list failed: HTTP ${answer.status}`)
    return elapsed
  }
  const berth = async (run: number): Promise<{ painted: number; answer: number; render: number }> => {
    const since = (await page.evaluate(readRecorder)).calls.filter((c) => c.method === 'images.list').length
    // A tag or an untag: the engine's image event makes the page re-read the list.
    if (run % 2 === 0) await engine.ok('POST', `/images/${imageId}/tag?repo=bench-images-retag&tag=latest`)
    else await engine.ok('DELETE', `/images/${encodeURIComponent(retag)}`)
    const { call, paint } = await awaitListPaint(page, since, 15_000)
    const answeredAt = call.answeredAt ?? paint
    return { painted: paint - call.sentAt, answer: answeredAt - call.sentAt, render: paint - answeredAt }
  }
  for (let run = 0; run < warmups + runs; run++) {
    let rawMs: number
    let measured: { painted: number; answer: number; render: number }
    if (run % 2 === 0) {
      rawMs = await raw()
      measured = await berth(run)
    } else {
      measured = await berth(run)
      rawMs = await raw()
    }
    if (run < warmups) continue
    samples.rawMs.push(rawMs)
    samples.paintedMs.push(measured.painted)
    samples.answerMs.push(measured.answer)
    samples.renderMs.push(measured.render)
  }
  await engine.ok('DELETE', `/images/${encodeURIComponent(retag)}`, undefined, [404])
  return samples
}

/** Milliseconds of `runs` raw GETs of `path` (request → parsed JSON). */
export async function timeRaw(engine: EngineApi, path: string, runs: number): Promise<number[]> {
  const samples: number[] = []
  for (let run = 0; run < runs; run++) {
    const started = performance.now()
    const answer = await engine.request('GET', path)
    if (answer.status !== 200) throw new Error(`GET ${path}: HTTP ${answer.status}`)
    samples.push(performance.now() - started)
  }
  return samples
}

/** The floor for a cold tree: every image's inspect and history read raw, `concurrency` at a time. */
export async function timeRawReads(engine: EngineApi, concurrency: number): Promise<number> {
  const ids = ((await engine.ok('GET', '/images/json?all=1')) as Array<{ Id: string }>).map((image) => image.Id)
  const started = performance.now()
  await runPool(ids, concurrency, async (id) => {
    await engine.ok('GET', `/images/${id}/json`)
    await engine.ok('GET', `/images/${id}/history`)
  })
  return performance.now() - started
}
