/**
 * The two measurements, each against its raw-engine baseline taken in the same run:
 *  (a) Refresh: click "Refresh" → grid's data-painted-at passes the click (in-page clock),
 *      against GET /containers/json?all=1 over the unix socket (request → parsed JSON).
 *  (b) Events: pause/unpause via the raw API → the row's state cell reads the new state
 *      (MutationObserver, wall clock), from the engine event's timeNano; the baseline is the
 *      same event arriving on our own raw /events stream.
 */
import type { Page } from '@playwright/test'
import { EngineApi, type EngineEvent } from '../test/e2e/support/engine-api'
import { armRowStateWatch, awaitRowStateWatch, clickAndAwaitPaint, frameArrival, framesSince } from '../test/e2e/support/page-probes'
import { ui } from '../test/e2e/support/ui'
import type { LiveContainer } from './fleet'

const wallClockMs = (): number => performance.timeOrigin + performance.now()

/** "container pause bench-live-2 state=running" from an ev frame's JSON, for miss reports. */
function describeFrame(text: string): string {
  const pick = (key: string): string => new RegExp(`"${key}":"([^"]*)"`).exec(text)?.[1] ?? '?'
  return `${pick('type')} ${pick('action')} ${pick('name')} state=${pick('state')} status="${pick('status')}"`
}

export interface RefreshSamples {
  paintedMs: number[]
  rawMs: number[]
}

export async function measureRefresh(page: Page, engine: EngineApi, runs: number, warmups = 2): Promise<RefreshSamples> {
  const button = await ui.refresh(page).elementHandle()
  const grid = await ui.containersGrid(page).elementHandle()
  if (!button || !grid) throw new Error('the Refresh button or the Containers grid is missing')
  const samples: RefreshSamples = { paintedMs: [], rawMs: [] }

  const raw = async (): Promise<number> => {
    const started = performance.now()
    const answer = await engine.request('GET', '/containers/json?all=1')
    const elapsed = performance.now() - started
    if (answer.status !== 200 || !Array.isArray(answer.body)) throw new Error(`raw list failed: HTTP ${answer.status}`)
    return elapsed
  }
  const painted = async (): Promise<number> => {
    const elapsed = await page.evaluate(clickAndAwaitPaint, [button, grid, 15_000] as [typeof button, typeof grid, number])
    if (elapsed === null) throw new Error('clicking Refresh never updated the grid\'s data-painted-at within 15 s')
    return elapsed
  }

  for (let run = 0; run < warmups + runs; run++) {
    // Alternate the order so neither side always meets a warmer engine cache.
    const [first, second] = run % 2 === 0 ? [raw, painted] : [painted, raw]
    const a = await first()
    const b = await second()
    if (run < warmups) continue
    samples.rawMs.push(first === raw ? a : b)
    samples.paintedMs.push(first === raw ? b : a)
  }
  return samples
}

export interface EventSamples {
  /** engine event timeNano → row shows the new state. */
  rowFromEventMs: number[]
  /** the API call returned → row shows the new state. */
  rowFromCallReturnMs: number[]
  /** engine event timeNano → the event reached our own raw /events stream. */
  rawFromEventMs: number[]
  /** engine event timeNano → Berth's ev frame for it arrived in the page (server side + socket). */
  frameFromEventMs: number[]
  /** that frame arrived → the row shows the new state (renderer). */
  rowFromFrameMs: number[]
  /** Changes whose row never showed the new state within 5 s (a real failure, reported, not hidden). */
  misses: string[]
}

export async function measureEvents(page: Page, engine: EngineApi, live: LiveContainer[], runs: number): Promise<EventSamples> {
  const grid = await ui.containersGrid(page).elementHandle()
  if (!grid) throw new Error('the Containers grid is missing')
  const waiting = new Map<string, (arrival: { timeNano: number; receivedAt: number }) => void>()
  const controller = new AbortController()
  await engine.watchEvents(
    { type: ['container'], event: ['pause', 'unpause'], label: ['berth.test.suite=bench'] },
    (event: EngineEvent) => {
      const receivedAt = wallClockMs()
      const key = `${event.Actor.ID}:${event.Action}`
      waiting.get(key)?.({ timeNano: event.timeNano, receivedAt })
      waiting.delete(key)
    },
    controller.signal
  )
  const samples: EventSamples = { rowFromEventMs: [], rowFromCallReturnMs: [], rawFromEventMs: [], frameFromEventMs: [], rowFromFrameMs: [], misses: [] }
  try {
    for (let run = 0; run < runs; run++) {
      const target = live[run % live.length]
      const action = target.paused ? 'unpause' : 'pause'
      const expected = target.paused ? 'running' : 'paused'
      await page.evaluate(armRowStateWatch, [grid, target.name, expected, 5_000] as [typeof grid, string, string, number])
      const arrival = new Promise<{ timeNano: number; receivedAt: number }>((resolve, reject) => {
        waiting.set(`${target.id}:${action}`, resolve)
        setTimeout(() => reject(new Error(`no ${action} event for ${target.name} within 5 s`)), 5_000).unref()
      })
      const callStartedAt = wallClockMs()
      if (action === 'pause') await engine.pause(target.id, false)
      else await engine.unpause(target.id, false)
      const callReturnedAt = wallClockMs()
      target.paused = !target.paused
      const [rowAt, event] = await Promise.all([page.evaluate(awaitRowStateWatch), arrival])
      if (rowAt === null) {
        const rowText = await ui.containerRow(page, target.name).textContent()
        const frames = (await page.evaluate(framesSince, callStartedAt)).map((frame) => `    +${(frame.at - callStartedAt).toFixed(1)} ms ${describeFrame(frame.text)}`)
        samples.misses.push(`run ${run}: ${target.name} never showed "${expected}" within 5 s; the row reads "${rowText}"; ` +
          `engine says ${await engine.inspectState(target.id)}; event frames since the call:\n${frames.join('\n')}`)
        if (samples.misses.length > Math.max(3, runs / 10)) throw new Error(`too many missed row updates:\n${samples.misses.join('\n')}`)
        continue
      }
      const eventAt = event.timeNano / 1e6
      samples.rowFromEventMs.push(rowAt - eventAt)
      samples.rowFromCallReturnMs.push(rowAt - callReturnedAt)
      samples.rawFromEventMs.push(event.receivedAt - eventAt)
      const frameAt = await page.evaluate(frameArrival, [[target.id, `"action":"${action}"`], callStartedAt] as [string[], number])
      if (frameAt !== null) {
        samples.frameFromEventMs.push(frameAt - eventAt)
        samples.rowFromFrameMs.push(rowAt - frameAt)
      }
    }
  } finally {
    controller.abort()
  }
  return samples
}

export interface LookupSamples {
  /** GET /containers/json?all=1&filters={"id":[ID]}: one container by list filter (dockerd still walks every container). */
  filteredListMs: number[]
  /** GET /containers/ID/json: one container by inspect. */
  inspectMs: number[]
}

/**
 * Diagnostics for the event path: what re-reading ONE container costs on this engine, by the
 * two ways the API offers. Explains how the event → row time grows with the number of containers.
 */
export async function measureLookups(engine: EngineApi, ids: readonly string[], runs: number): Promise<LookupSamples> {
  const samples: LookupSamples = { filteredListMs: [], inspectMs: [] }
  const timed = async (path: string): Promise<number> => {
    const started = performance.now()
    const answer = await engine.request('GET', path)
    if (answer.status !== 200) throw new Error(`GET ${path}: HTTP ${answer.status}`)
    return performance.now() - started
  }
  for (let run = 0; run < runs; run++) {
    const id = ids[run % ids.length]
    samples.filteredListMs.push(await timed(`/containers/json?all=1&filters=${encodeURIComponent(JSON.stringify({ id: [id] }))}`))
    samples.inspectMs.push(await timed(`/containers/${id}/json`))
  }
  return samples
}
