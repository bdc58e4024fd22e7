/**
 * Losing the engine and getting it back, with a second browser-mode server on a throwaway
 * private engine (the shared test engine must never be killed). The UI must say "Engine
 * unavailable" within 1 s of the engine dying, say "Connected" within 2 s of it returning, and
 * show the rows again without a reload while keeping the search text and the selection.
 * Timings come from a MutationObserver in the page, on the same wall clock as this process.
 */
import { writeFileSync, mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import type { Page } from '@playwright/test'
import { startPrivateEngine } from '../support/privateEngine'
import { EngineApi } from './support/engine-api'
import { expect, openBerth, saveScreenshot, test } from './support/fixtures'
import { startServe } from './support/serve'
import { ARTIFACT_DIR, E2E_LABELS } from './support/state'
import { installTextRecorder, readTextChanges } from './support/page-probes'
import { markPage, pageWasNotReloaded, ui } from './support/ui'

const UNAVAILABLE_WITHIN_MS = 1_000
const CONNECTED_WITHIN_MS = 2_000

/** Wall-clock milliseconds with sub-millisecond resolution, comparable with the page's. */
const wallClockMs = (): number => performance.timeOrigin + performance.now()

async function recordStatusChanges(page: Page): Promise<void> {
  const status = await ui.engineStatus(page).elementHandle()
  if (!status) throw new Error('no engine status element to watch')
  await page.evaluate(installTextRecorder, status)
}

async function firstChangeAfter(page: Page, pattern: RegExp, after: number): Promise<number | undefined> {
  const changes = await page.evaluate(readTextChanges)
  return changes.find((change) => change.at >= after && pattern.test(change.text))?.at
}

test('engine loss is shown within 1 s and recovery restores the rows, search and selection without a reload', async ({ page, state }) => {
  test.setTimeout(120_000)
  const privateEngine = await startPrivateEngine('e2e-loss')
  const engine = new EngineApi(privateEngine.socketPath)
  const server = await startServe({ dockerHost: `unix://${privateEngine.socketPath}` })
  try {
    await new EngineApi(state.dockerSocket).copyImageTo(engine, state.testImage)
    const names = ['lossA', 'lossB', 'lossC'].map((suffix) => `e2e-loss-${suffix}`)
    for (const name of names) await engine.createContainer({ name, image: state.testImage, labels: E2E_LABELS })

    await openBerth(page, server.url)
    await ui.containersSearch(page).fill('e2e-loss')
    for (const name of names) await expect(ui.containerRow(page, name)).toBeVisible()
    await ui.selectRow(page, names[1]).check()
    await markPage(page)
    await recordStatusChanges(page)

    // Changes are looked for from the call on: the page may learn of the death before kill()
    // resolves (then the time from resolving is ≤ 0, reported as it is).
    const killCalledAt = wallClockMs()
    await privateEngine.kill()
    const killedAt = wallClockMs()
    await expect(ui.engineStatus(page)).toHaveText(/Engine unavailable/, { timeout: UNAVAILABLE_WITHIN_MS + 500 })
    await expect(page.getByRole('alert')).toBeVisible()
    const unavailableAt = await firstChangeAfter(page, /Engine unavailable/, killCalledAt)
    await saveScreenshot(page, 'engine-unavailable.png')

    const startCalledAt = wallClockMs()
    await privateEngine.start()
    const restartedAt = wallClockMs()
    await expect(ui.engineStatus(page)).toHaveText(/Connected/, { timeout: CONNECTED_WITHIN_MS + 500 })
    const connectedAt = await firstChangeAfter(page, /Connected/, startCalledAt)
    for (const name of names) await expect(ui.containerRow(page, name)).toBeVisible()
    await expect(ui.containersSearch(page)).toHaveValue('e2e-loss')
    await expect(ui.selectRow(page, names[1])).toBeChecked()
    await expect(ui.selectRow(page, names[0])).not.toBeChecked()
    await expect(page.getByRole('alert')).toHaveCount(0)
    expect(await pageWasNotReloaded(page), 'recovered without reloading the page').toBe(true)

    const timings = {
      killToUnavailableMs: unavailableAt === undefined ? null : Math.round(unavailableAt - killedAt),
      restartToConnectedMs: connectedAt === undefined ? null : Math.round(connectedAt - restartedAt),
      // For context: how long kill() and start() themselves took (start() waits for /_ping).
      killCallMs: Math.round(killedAt - killCalledAt),
      startCallMs: Math.round(restartedAt - startCalledAt),
      limitsMs: { unavailable: UNAVAILABLE_WITHIN_MS, connected: CONNECTED_WITHIN_MS }
    }
    mkdirSync(ARTIFACT_DIR, { recursive: true })
    writeFileSync(join(ARTIFACT_DIR, 'engine-loss.json'), `${JSON.stringify(timings, null, 2)}\n`)
    console.log(
      `engine-loss: kill() resolved → "Engine unavailable" ${timings.killToUnavailableMs} ms; ` +
        `start() resolved → "Connected" ${timings.restartToConnectedMs} ms (kill() took ${timings.killCallMs} ms, start() ${timings.startCallMs} ms)`
    )
    expect(timings.killToUnavailableMs, 'the page recorded the "Engine unavailable" text').not.toBeNull()
    expect(timings.restartToConnectedMs, 'the page recorded the "Connected" text').not.toBeNull()
    expect(timings.killToUnavailableMs ?? Infinity).toBeLessThanOrEqual(UNAVAILABLE_WITHIN_MS)
    expect(timings.restartToConnectedMs ?? Infinity).toBeLessThanOrEqual(CONNECTED_WITHIN_MS)
  } finally {
    await server.stop()
    engine.close()
    await privateEngine.stop()
  }
})
