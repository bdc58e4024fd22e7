/**
 * The shell: every page in the "Main" navigation opens from its link (the link then says it is
 * the current page), the Volumes and Networks pages list what the engine has, and the Engines
 * page is reachable; screenshots of each for people to look at. Also: the remove dialog closes
 * with Escape (dialogs work from the keyboard).
 */
import type { Page } from '@playwright/test'
import { E2E_LABELS } from './support/state'
import { expect, saveScreenshot, test } from './support/fixtures'
import { ui } from './support/ui'

async function openPage(page: Page, name: string): Promise<void> {
  const link = ui.nav(page).getByRole('link', { name: new RegExp(`^${name}\\b`) })
  await link.click()
  await expect(page.getByRole('heading', { name, exact: true })).toBeVisible()
  await expect(link).toHaveAttribute('aria-current', 'page')
}

test('each page opens from the Main navigation', async ({ app }) => {
  for (const name of ['Images', 'Volumes', 'Networks', 'Engines', 'Containers']) {
    await openPage(app, name)
    await saveScreenshot(app, `page-${name.toLowerCase()}-light.png`)
  }
})

test('the Volumes page lists a volume the engine has', async ({ app, engine, containers }) => {
  const volume = `${containers.prefix}-data`
  await engine.ok('POST', '/volumes/create', { Name: volume, Labels: E2E_LABELS })
  try {
    await openPage(app, 'Volumes')
    await expect(app.getByRole('grid', { name: 'Volumes' }).getByRole('row', { name: volume, exact: true })).toBeVisible()
  } finally {
    await engine.ok('DELETE', `/volumes/${volume}`, undefined, [404])
  }
})

test('the Networks page lists the engine\'s networks', async ({ app, engine }) => {
  const networks = (await engine.ok('GET', '/networks')) as { Name: string }[]
  expect(networks.length).toBeGreaterThan(0)
  await openPage(app, 'Networks')
  for (const { Name } of networks) {
    await expect(app.getByRole('grid', { name: 'Networks' }).getByRole('row', { name: Name, exact: true })).toBeVisible()
  }
})

test('the remove dialog closes with Escape and removes nothing', async ({ app, containers, engine }) => {
  const { id, name } = await containers.create('escape')
  await ui.containersSearch(app).fill(name)
  await ui.rowAction(app, 'Remove', name).click()
  const dialog = app.getByRole('dialog')
  await expect(dialog).toBeVisible()
  await app.keyboard.press('Escape')
  await expect(dialog).toBeHidden()
  expect(await engine.inspectState(id)).toBe('created')
})
