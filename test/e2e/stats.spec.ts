/**
 * Stats in the real browser against the real engine: the Stats tab draws live charts with the
 * numbers as text (memory limit included, and it follows a live `docker update`), running rows
 * get sparklines, and stats streams exist only while something on screen shows them.
 */
import type { Page } from '@playwright/test'
import { randomBytes } from 'node:crypto'
import { expect, saveThemedScreenshots, test } from './support/fixtures'
import type { EngineApi } from './support/engine-api'
import { ui } from './support/ui'

const MiB = 1024 * 1024
/**
 * Our own run label rather than the E2E suite's: another Playwright run starting on the shared
 * engine removes every e2e-labelled container in its global setup, which would pull containers
 * out from under these tests. We remove ours in `finally`.
 */
const OWN_LABELS = { 'berth.test': '1', 'berth.test.run': `e2e-stats-${randomBytes(4).toString('hex')}` }
/** Light, steady CPU use so the CPU chart has something to show without loading the shared machine. */
const BUSY_COMMAND = ['sh', '-c', 'trap "exit 0" TERM; while true; do i=0; while [ $i -lt 3000 ]; do i=$((i+1)); done; sleep 0.3; done']
const IDLE_COMMAND = ['sh', '-c', 'trap "exit 0" TERM; while true; do sleep 0.2; done']

/**
 * Runs before Berth loads: follows the client's frames on the WebSocket and keeps the stats
 * streams that are open right now (sub sent, no cancel/end/err yet), with their input.
 */
function installStreamProbe(): void {
  type SocketClass = new (...args: unknown[]) => { addEventListener(type: string, listener: (event: { data: unknown }) => void): void }
  const scope = globalThis as unknown as { WebSocket: SocketClass; __statsStreams?: Map<number, string> }
  const open = new Map<number, string>()
  scope.__statsStreams = open
  const prototype = (scope.WebSocket as unknown as { prototype: { send(data: unknown): void } }).prototype
  const originalSend = prototype.send
  prototype.send = function (this: unknown, data: unknown) {
    if (typeof data === 'string') {
      const frame = JSON.parse(data) as { t?: string; id?: number; method?: string; input?: unknown }
      if (frame.t === 'sub' && typeof frame.method === 'string' && frame.method.startsWith('containers.stats') && typeof frame.id === 'number') {
        open.set(frame.id, `${frame.method} ${JSON.stringify(frame.input)}`)
      } else if (frame.t === 'cancel' && typeof frame.id === 'number') {
        open.delete(frame.id)
      }
    }
    originalSend.call(this, data)
  }
  const Original = scope.WebSocket
  scope.WebSocket = class extends Original {
    constructor(...args: unknown[]) {
      super(...args)
      this.addEventListener('message', (event) => {
        if (typeof event.data !== 'string' || !(event.data.includes('"t":"end"') || event.data.includes('"t":"err"'))) return
        const frame = JSON.parse(event.data) as { id?: number }
        if (typeof frame.id === 'number') open.delete(frame.id)
      })
    }
  }
}

function readOpenStreams(): string[] {
  return [...((globalThis as unknown as { __statsStreams?: Map<number, string> }).__statsStreams?.values() ?? [])]
}

const openStreams = (page: Page): Promise<string[]> => page.evaluate(readOpenStreams)

async function runLimited(engine: EngineApi, name: string, image: string, memory: number, cmd: string[], start = true): Promise<string> {
  const body = (await engine.ok('POST', `/containers/create?name=${encodeURIComponent(name)}`, {
    Image: image,
    Cmd: cmd,
    Labels: OWN_LABELS,
    StopTimeout: 2,
    HostConfig: { NetworkMode: 'none', Memory: memory, MemorySwap: memory * 2 }
  })) as { Id: string }
  if (start) await engine.start(body.Id)
  return body.Id
}

test.beforeEach(async ({ page }) => {
  await page.addInitScript(installStreamProbe)
})

test('the Stats tab charts CPU, memory vs limit, network and block I/O, and follows a live limit change', { tag: '@podman' }, async ({ app, containers, engine, state, berthEngine }) => {
  const name = `${containers.prefix}-stats`
  const id = await runLimited(engine, name, state.testImage, 64 * MiB, BUSY_COMMAND)
  try {
    await ui.containersSearch(app).fill(name)
    const row = ui.containerRow(app, name)
    await expect(ui.stateCell(row, 'running')).toBeVisible()
    await row.getByRole('button', { name, exact: true }).click()
    await app.getByRole('tab', { name: 'Stats', exact: true }).click()

    const panel = app.getByRole('tabpanel', { name: 'Stats' })
    const cpu = panel.getByRole('group', { name: 'CPU', exact: true })
    const memory = panel.getByRole('group', { name: 'Memory', exact: true })
    const network = panel.getByRole('group', { name: 'Network', exact: true })
    const block = panel.getByRole('group', { name: 'Block I/O', exact: true })
    for (const chart of [cpu, memory, network, block]) await expect(chart.locator('canvas').first()).toBeVisible()
    // 64 MiB = 67.1 MB in the decimal units docker prints.
    await expect(memory).toHaveAccessibleDescription(/^[\d.]+ (B|kB|MB) of 67\.1 MB limit \([\d.]+ %\)$/)
    await expect(cpu).toHaveAccessibleDescription(/^[\d.]+ % of one core \(\d+ CPUs?\)$/, { timeout: 15_000 })
    await expect(network).toHaveAccessibleDescription(/^In .*\/s, out .*\/s · total/)
    await expect(block).toHaveAccessibleDescription(/^Read .*\/s, write .*\/s · total/)
    await expect(panel.getByRole('status')).toHaveText(/Live/)
    expect(await openStreams(app)).toEqual([`containers.stats {"id":"${id}"}`])

    // What helper F's sliders do: a live `docker update` of memory (with swap). The limit line follows.
    // Podman 4.3 has no such update (capabilities.ts; the details spec asserts Berth's refusal), so
    // there the chart keeps the limit the container was created with.
    const limitNow = berthEngine === 'podman' ? / of 67\.1 MB limit / : / of 101 MB limit /
    if (berthEngine !== 'podman') await engine.ok('POST', `/containers/${id}/update`, { Memory: 96 * MiB, MemorySwap: 192 * MiB })
    await expect(memory).toHaveAccessibleDescription(limitNow, { timeout: 10_000 })

    // Let a few more samples draw, then the pictures.
    await app.waitForTimeout(3000)
    await saveThemedScreenshots(app, 'stats-tab', async () => {
      await expect(cpu).toHaveAccessibleDescription(/% of one core/)
    })

    // Another tab: the stream stops (the tab stays mounted, but hidden).
    await app.getByRole('tab', { name: 'Overview', exact: true }).click()
    await expect.poll(() => openStreams(app)).toEqual([])
    // Back: history kept, stream resumes.
    await app.getByRole('tab', { name: 'Stats', exact: true }).click()
    await expect.poll(() => openStreams(app)).toHaveLength(1)
    await expect(memory).toHaveAccessibleDescription(limitNow)
  } finally {
    await engine.remove(id)
  }
})

test('running rows on screen get sparklines from one statsMany stream; none when off the page', async ({ app, containers, engine, state }) => {
  const runningIds = [
    await runLimited(engine, `${containers.prefix}-spark-a`, state.testImage, 48 * MiB, BUSY_COMMAND),
    await runLimited(engine, `${containers.prefix}-spark-b`, state.testImage, 80 * MiB, IDLE_COMMAND)
  ]
  const stopped = { name: `${containers.prefix}-spark-stopped`, id: '' }
  try {
    stopped.id = await runLimited(engine, stopped.name, state.testImage, 32 * MiB, IDLE_COMMAND, false)
    await ui.containersSearch(app).fill(containers.prefix)
    const rowA = ui.containerRow(app, `${containers.prefix}-spark-a`)
    const rowB = ui.containerRow(app, `${containers.prefix}-spark-b`)
    await expect(rowA.getByRole('img', { name: /^CPU [\d.]+ %, memory .* of 50\.3 MB$/ })).toBeVisible({ timeout: 15_000 })
    await expect(rowB.getByRole('img', { name: /^CPU [\d.]+ %, memory .* of 83\.9 MB$/ })).toBeVisible({ timeout: 15_000 })
    await expect(ui.containerRow(app, stopped.name).getByRole('img')).toHaveCount(0)
    const streams = await openStreams(app)
    expect(streams).toHaveLength(1)
    expect(streams[0]).toMatch(/^containers\.statsMany /)
    expect(JSON.parse(streams[0].replace(/^\S+ /, '')).ids.sort()).toEqual([...runningIds].sort())
    // A few samples so the lines have a shape, then light and dark pictures of the list.
    await app.waitForTimeout(6000)
    await saveThemedScreenshots(app, 'stats-sparklines', async () => {
      await expect(rowA.getByRole('img', { name: /^CPU / })).toBeVisible()
    })

    // No running row visible → no stream.
    await ui.containersSearch(app).fill(stopped.name)
    await expect.poll(() => openStreams(app)).toEqual([])
    await ui.containersSearch(app).fill(containers.prefix)
    await expect.poll(() => openStreams(app)).toHaveLength(1)
    // Another page → no stream.
    await ui.nav(app).getByRole('link', { name: /^Images/ }).click()
    await expect.poll(() => openStreams(app)).toEqual([])
  } finally {
    await Promise.all([...runningIds, stopped.id].filter(Boolean).map((id) => engine.remove(id)))
  }
})
