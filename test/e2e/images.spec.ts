/**
 * The Images view against the real engine: the test image with its "used by" count (checked
 * against what the engine says at that moment), the dangling filter with a real dangling image
 * (a commit without a tag), and light/dark screenshots.
 */
import type { Page } from '@playwright/test'
import type { EngineApi } from './support/engine-api'
import { expect, saveThemedScreenshots, test } from './support/fixtures'
import { E2E_LABELS, E2E_LABEL_FILTERS } from './support/state'
import { ui } from './support/ui'

async function openImages(page: Page): Promise<void> {
  await ui.nav(page).getByRole('link', { name: 'Images' }).click()
  await expect(page.getByRole('heading', { name: 'Images', exact: true })).toBeVisible()
}

/** How many containers (any state) the engine says use this image right now. */
async function usedByCount(engine: EngineApi, imageId: string): Promise<number> {
  const all = (await engine.ok('GET', '/containers/json?all=1')) as { ImageID: string }[]
  return all.filter((container) => container.ImageID === imageId).length
}

async function imageId(engine: EngineApi, reference: string): Promise<string> {
  return ((await engine.ok('GET', `/images/${encodeURIComponent(reference)}/json`)) as { Id: string }).Id
}

test('the test image is listed with how many containers use it', { tag: '@podman' }, async ({ app, containers, engine, state }) => {
  await containers.create('user1')
  await containers.create('user2', { running: true })
  const id = await imageId(engine, state.testImage)
  await openImages(app)
  await ui.imagesSearch(app).fill(state.testImage)
  const row = ui.imagesGrid(app).getByRole('row', { name: state.testImage, exact: true })
  await expect(row).toHaveCount(1)
  // Other suites share the engine, so compare with the engine's count at the moment of looking.
  await expect(async () => {
    const expected = await usedByCount(engine, id)
    expect(expected).toBeGreaterThanOrEqual(2)
    await expect(row.getByRole('gridcell', { name: new RegExp(`^used by ${expected} containers?$`) })).toBeVisible({ timeout: 500 })
  }).toPass({ timeout: 10_000 })
})

test('"Dangling only" shows untagged images and hides tagged ones', async ({ app, containers, engine, state }) => {
  const base = await containers.create('committed')
  // A commit without repo/tag makes a real dangling image; it inherits our labels for cleanup.
  const committed = (await engine.ok('POST', `/commit?container=${base.id}`, { Labels: E2E_LABELS })) as { Id: string }
  try {
    const shortId = committed.Id.replace(/^sha256:/, '').slice(0, 12)
    await openImages(app)
    const grid = ui.imagesGrid(app)
    const testImageRow = grid.getByRole('row', { name: state.testImage, exact: true })
    // Untagged images are named "<none> SHORTID".
    const danglingRow = grid.getByRole('row', { name: `<none> ${shortId}`, exact: true })
    await expect(testImageRow).toHaveCount(1)

    await ui.danglingOnly(app).check()
    await expect(danglingRow).toHaveCount(1)
    await expect(testImageRow).toHaveCount(0)

    await ui.danglingOnly(app).uncheck()
    await expect(testImageRow).toHaveCount(1)
  } finally {
    await engine.removeImagesLabelled([...E2E_LABEL_FILTERS])
  }
})

test('screenshots of the Images view, light and dark', async ({ app, containers, state }) => {
  await containers.create('shot')
  await openImages(app)
  const testImageRow = ui.imagesGrid(app).getByRole('row', { name: state.testImage, exact: true })
  await saveThemedScreenshots(app, 'images', async () => {
    await expect(testImageRow.getByRole('gridcell', { name: /^used by \d+ containers?$/ })).toBeVisible({ timeout: 2_000 })
  })
})
