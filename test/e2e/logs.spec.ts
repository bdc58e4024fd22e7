/**
 * The Logs tab in the real browser against the real engine: a search that finds one line among
 * 100 000, stderr told apart, follow that pauses on scroll-up and resumes with "Jump to latest",
 * timestamps, download, and light/dark screenshots with a search highlighted.
 * Opened the way a person does: click the container's name in the list → details → "Logs".
 */
import { readFileSync } from 'node:fs'
import type { Page } from '@playwright/test'
import { expect, saveThemedScreenshots, test } from './support/fixtures'
import { ui } from './support/ui'

async function openLogs(app: Page, name: string): Promise<void> {
  await ui.containersSearch(app).fill(name)
  await ui.containerRow(app, name).getByRole('button', { name, exact: true }).click()
  await app.getByRole('tab', { name: 'Logs', exact: true }).click()
  await expect(app.getByRole('log', { name: 'Log lines' })).toBeVisible()
}

const logView = (app: Page) => app.getByRole('log', { name: 'Log lines' })
const searchBox = (app: Page) => app.getByRole('searchbox', { name: 'Search logs' })
const matchCounter = (app: Page) => app.getByLabel('Search result')

test('search finds the one line among 100 000, highlighted, with stderr told apart', async ({ app, containers }) => {
  // Where the stderr line lands among the stdout lines is the engine's choice, not the script's:
  // dockerd stamps each line when its copier reads it from the container's pipe, so under load a
  // stdout backlog can be stamped after a stderr line written later (measured: a stderr line
  // echoed 0.3 s after the needle sat 6,700 lines before it). So the test finds each by search.
  const script = 'seq 1 60000; echo "needle-in-the-haystack"; sleep 0.3; echo "disk almost full" >&2; sleep 0.3; seq 60001 100000; sleep 3600'
  const { name } = await containers.create('many', { running: true, cmd: ['sh', '-c', script] })
  await openLogs(app, name)
  const tail = app.getByRole('textbox', { name: 'Lines to show first (tail)' })
  await tail.fill('all')
  await tail.press('Enter')
  await expect(app.getByText('100,002 lines', { exact: true })).toBeVisible({ timeout: 30_000 })
  // Virtualized: a screenful of rows in the DOM, not 100 000.
  expect(await logView(app).locator('.log-line').count()).toBeLessThan(200)

  await searchBox(app).fill('NEEDLE-in')
  await searchBox(app).press('Enter')
  await expect(matchCounter(app)).toHaveText('1 of 1 line')
  const current = logView(app).locator('mark.log-match-current')
  await expect(current).toHaveText('needle-in')
  await expect(current).toBeInViewport()
  await expect(logView(app).locator('.log-line-current')).not.toHaveClass(/log-stderr/)
  await expect(app.getByRole('button', { name: 'Jump to latest' })).toBeVisible()

  await searchBox(app).fill('almost')
  await searchBox(app).press('Enter')
  await expect(matchCounter(app)).toHaveText('1 of 1 line')
  const currentLine = logView(app).locator('.log-line-current')
  await expect(currentLine).toHaveClass(/log-stderr/)
  await expect(currentLine).toContainText('disk almost full')
  await expect(currentLine.getByLabel('stderr')).toBeVisible()
  await expect(current).toBeInViewport()

  await app.getByRole('checkbox', { name: 'Timestamps' }).check()
  await expect(logView(app).locator('.log-line-current .log-time')).toHaveText(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}\.\d{3}$/)

  await saveThemedScreenshots(app, 'logs', async () => {
    await expect(matchCounter(app)).toHaveText('1 of 1 line')
    // Sitting on a match is not following: the status says so.
    await expect(app.getByRole('status').filter({ hasText: /^Stopped at match 1 of 1; new lines keep arriving below$/ })).toBeVisible()
    await expect(current).toBeInViewport()
  })

  await app.getByRole('combobox', { name: 'Streams to show' }).selectOption('stderr')
  await expect(app.getByText('1 line (stderr only)', { exact: true })).toBeVisible()
  await expect(logView(app).locator('.log-text')).toHaveText(['disk almost full'])
})

test('follow sticks to the newest line, pauses when scrolled up, resumes with "Jump to latest"', async ({ app, containers }) => {
  const script = 'i=0; while true; do i=$((i+1)); echo "tick $i"; sleep 0.05; done'
  const { name } = await containers.create('ticker', { running: true, cmd: ['sh', '-c', script] })
  await openLogs(app, name)
  await expect(app.getByRole('status').filter({ hasText: 'Following' })).toBeVisible()
  // More lines than fit on screen, so there is somewhere to scroll up to.
  await expect(async () => expect(Number(await logView(app).getAttribute('data-rows'))).toBeGreaterThan(80)).toPass({ timeout: 15_000 })
  const lastShown = async (): Promise<number> => Number((await logView(app).locator('.log-text').last().textContent())?.split(' ')[1])
  const atBottom = (): Promise<boolean> => logView(app).evaluate((el) => el.scrollHeight - el.scrollTop - el.clientHeight <= 18)
  expect(await atBottom()).toBe(true)

  await logView(app).hover()
  await app.mouse.wheel(0, -600)
  const jump = app.getByRole('button', { name: 'Jump to latest' })
  await expect(jump).toBeVisible()
  await expect(app.getByRole('status').filter({ hasText: 'Scrolled up; new lines keep arriving below' })).toBeVisible()
  const pausedAt = await logView(app).evaluate((el) => el.scrollTop)
  await app.waitForTimeout(600)
  expect(await logView(app).evaluate((el) => el.scrollTop), 'a paused view does not move').toBe(pausedAt)

  await jump.click()
  await expect(jump).toBeHidden()
  await expect(app.getByRole('status').filter({ hasText: /^Following$/ })).toBeVisible()
  const before = await lastShown()
  await expect(async () => expect(await lastShown()).toBeGreaterThan(before)).toPass({ timeout: 5_000 })
  expect(await atBottom()).toBe(true)
})

test('download saves the lines in view; bad tail is refused next to the field', { tag: '@podman' }, async ({ app, containers }) => {
  const { name } = await containers.create('short', { running: true, cmd: ['sh', '-c', 'echo first; echo "second line"; sleep 0.3; echo third >&2; sleep 3600'] })
  await openLogs(app, name)
  await expect(app.getByText('3 lines', { exact: true })).toBeVisible()

  const tail = app.getByRole('textbox', { name: 'Lines to show first (tail)' })
  await tail.fill('-3')
  await tail.press('Enter')
  await expect(app.getByRole('alert').filter({ hasText: 'whole number' })).toBeVisible()
  await expect(tail).toHaveAttribute('aria-invalid', 'true')
  await tail.fill('2')
  await tail.press('Enter')
  await expect(app.getByText('2 lines', { exact: true })).toBeVisible()

  const downloading = app.waitForEvent('download')
  await app.getByRole('button', { name: 'Download' }).click()
  const download = await downloading
  expect(download.suggestedFilename()).toMatch(new RegExp(`^${name}-logs-.*\\.log$`))
  const path = await download.path()
  expect(readFileSync(path, 'utf8')).toBe('second line\nthird\n')

  await app.getByRole('button', { name: 'Clear view' }).click()
  await expect(app.getByText('0 lines', { exact: true })).toBeVisible()
})
