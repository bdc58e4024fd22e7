/**
 * Image maintenance in the real browser against the real engine: removing an image containers
 * use (the dialog names them; "Remove those containers too" stops the running one after naming
 * it), untag versus delete, prune (preview on the shared engine, then cancel; for real on a
 * private engine behind a second browser-mode server), save and load through the browser-mode
 * HTTP routes, and the Disk usage page. Light and dark screenshots of each.
 */
import { statSync } from 'node:fs'
import type { Page } from '@playwright/test'
import { startPrivateEngine } from '../support/privateEngine'
import { EngineApi } from './support/engine-api'
import { expect, openBerth, saveThemedScreenshots, test } from './support/fixtures'
import { AREA_LABELS, imageExists, makeImage, removeAreaObjects, uniqueName } from './support/maintenance-images'
import { startServe } from './support/serve'
import { ui } from './support/ui'

async function openImages(page: Page, search: string): Promise<void> {
  await ui.nav(page).getByRole('link', { name: 'Images' }).click()
  await expect(page.getByRole('heading', { name: 'Images', exact: true })).toBeVisible()
  await ui.imagesSearch(page).fill(search)
}

const shortOf = (id: string): string => id.replace(/^sha256:/, '').slice(0, 12)

test.afterEach(async ({ engine }) => {
  await removeAreaObjects(engine)
})

test('removing an image containers use names them, and "Remove those containers too" works (running one stopped after confirming)', { tag: '@podman' }, async ({ app, engine, state }) => {
  const repo = `image-maintenance/${uniqueName('in-use').slice('image-maintenance-'.length)}`
  await makeImage(engine, state.testImage, repo, 'v1')
  const stopped = uniqueName('stopped')
  const running = uniqueName('running')
  await engine.createContainer({ name: stopped, image: `${repo}:v1`, labels: AREA_LABELS })
  await engine.start(await engine.createContainer({ name: running, image: `${repo}:v1`, labels: AREA_LABELS }))
  // As the list names it: repo:v1 on dockerd, docker.io/repo:v1 on Podman (which names commits so).
  const image = await engine.listedName(`${repo}:v1`)

  await openImages(app, repo)
  await ui.rowAction(app, 'Remove', image).click()
  const dialog = app.getByRole('dialog', { name: `Remove image ${image}` })
  const users = dialog.getByRole('list', { name: 'Containers using this image' })
  await expect(users.getByRole('listitem')).toHaveCount(2)
  await expect(users.getByText(`${stopped} (created)`, { exact: true })).toBeVisible()
  await expect(users.getByText(`${running} (running)`, { exact: true })).toBeVisible()
  await expect(dialog.getByRole('status')).toHaveText(`Deletes the image ${image} (${await sizeText(app, image)}): its only tag goes, and the image with it.`)
  await expect(dialog.getByRole('checkbox', { name: 'Force' })).toBeDisabled()
  await expect(dialog.getByRole('button', { name: 'Remove', exact: true })).toBeDisabled()
  await dialog.getByRole('checkbox', { name: 'Remove those containers too' }).check()
  await saveThemedScreenshots(app, 'image-maintenance-remove-in-use', async () => {
    await expect(users.getByRole('listitem')).toHaveCount(2)
  })

  await dialog.getByRole('button', { name: 'Remove 2 containers and image' }).click()
  const toStop = dialog.getByRole('list', { name: 'Containers to stop' })
  await expect(toStop.getByRole('listitem')).toHaveText([`${running} (running)`])
  await saveThemedScreenshots(app, 'image-maintenance-remove-confirm', async () => {
    await expect(toStop).toBeVisible()
  })
  await dialog.getByRole('button', { name: 'Stop it and remove' }).click()
  await expect(dialog).toBeHidden({ timeout: 20_000 })
  await expect(app.getByRole('status').filter({ hasText: `${image}: stopped ${running}` })).toBeVisible()
  await expect(ui.imagesGrid(app).getByRole('row', { name: image, exact: true })).toHaveCount(0)
  expect(await imageExists(engine, `${repo}:v1`)).toBe(false)
  expect((await engine.request('GET', `/containers/${stopped}/json`)).status).toBe(404)
  expect((await engine.request('GET', `/containers/${running}/json`)).status).toBe(404)
})

/** The Size cell's text for the image's row, as the dialog repeats it. */
async function sizeText(page: Page, image: string): Promise<string> {
  const cells = ui.imagesGrid(page).getByRole('row', { name: image, exact: true }).getByRole('gridcell')
  return (await cells.nth(4).innerText()).trim()
}

test('untag versus delete: the dialog says which before it happens', { tag: '@podman' }, async ({ app, engine, state }) => {
  const repo = `image-maintenance/${uniqueName('tags').slice('image-maintenance-'.length)}`
  const id = await makeImage(engine, state.testImage, repo, 'a')
  await engine.ok('POST', `/images/${id}/tag?repo=${encodeURIComponent(repo)}&tag=b`)
  await openImages(app, repo)
  const [label, other] = [await engine.listedName(`${repo}:a`), await engine.listedName(`${repo}:b`)]
  await ui.rowAction(app, 'Remove', label).click()
  const dialog = app.getByRole('dialog', { name: `Remove image ${label}` })
  await expect(dialog.getByRole('radio', { name: `Untag ${label} only` })).toBeChecked()
  await expect(dialog.getByRole('status')).toHaveText(`Removes the tag ${label} only. The image stays, under its other tag ${other}; containers using it are not touched.`)
  await dialog.getByRole('radio', { name: 'Delete the image (all 2 tags)' }).check()
  await expect(dialog.getByRole('status')).toContainText(`and all 2 of its tags: ${label}, ${other}.`)
  await dialog.getByRole('radio', { name: `Untag ${label} only` }).check()
  await saveThemedScreenshots(app, 'image-maintenance-untag', async () => {
    await expect(dialog.getByRole('radio', { name: `Untag ${label} only` })).toBeChecked()
  })
  await dialog.getByRole('button', { name: 'Untag' }).click()
  await expect(dialog).toBeHidden()
  await expect(ui.imagesGrid(app).getByRole('row', { name: other, exact: true })).toHaveCount(1)
  expect(await imageExists(engine, `${repo}:a`)).toBe(false)
  expect(await imageExists(engine, id)).toBe(true)
})

test('prune preview on the shared engine lists our dangling images (then cancel)', async ({ app, engine, state }) => {
  const dangling = [await makeImage(engine, state.testImage), await makeImage(engine, state.testImage)]
  await openImages(app, '')
  await app.getByRole('button', { name: 'Prune…' }).click()
  const dialog = app.getByRole('dialog', { name: 'Prune images' })
  await dialog.getByRole('radio', { name: /^Dangling only/ }).check()
  await dialog.getByRole('textbox', { name: 'Only with label (optional)' }).fill('berth.test.area=image-maintenance')
  await dialog.getByRole('button', { name: 'Show' }).click()
  const table = dialog.getByRole('table', { name: 'Images to remove' })
  // Only our two: other suites' dangling images are filtered out by the label, and never pruned here.
  await expect(table.getByRole('row')).toHaveCount(3)
  for (const id of dangling) await expect(table.getByRole('cell', { name: `<none> ${shortOf(id)}` })).toBeVisible()
  await saveThemedScreenshots(app, 'image-maintenance-prune-preview', async () => {
    await expect(table.getByRole('row')).toHaveCount(3)
  })
  await dialog.getByRole('button', { name: 'Cancel' }).click()
  for (const id of dangling) expect(await imageExists(engine, id)).toBe(true)
})

test('save two images through the HTTP download and load them back through the HTTP upload', async ({ app, engine, state }) => {
  const repoA = `image-maintenance/${uniqueName('save-a').slice('image-maintenance-'.length)}`
  const repoB = `image-maintenance/${uniqueName('save-b').slice('image-maintenance-'.length)}`
  const ids = [await makeImage(engine, state.testImage, repoA, 'v1', 200_000), await makeImage(engine, state.testImage, repoB, 'v1', 300_000)]
  await openImages(app, 'image-maintenance/save-')
  await ui.selectRow(app, `${repoA}:v1`).check()
  await ui.selectRow(app, `${repoB}:v1`).check()
  await app.getByRole('toolbar', { name: 'Selected images' }).getByRole('button', { name: 'Save selected (2)…' }).click()
  const dialog = app.getByRole('dialog', { name: 'Save 2 images' })
  await expect(dialog.getByRole('list', { name: 'Images to save' }).getByRole('listitem')).toHaveCount(2)
  const downloading = app.waitForEvent('download')
  await dialog.getByRole('button', { name: 'Download' }).click()
  const download = await downloading
  expect(download.suggestedFilename()).toBe('2-images.tar')
  const tarPath = test.info().outputPath('2-images.tar')
  await download.saveAs(tarPath)
  await expect(dialog.getByRole('status').filter({ hasText: /^Saved 2 images/ })).toBeVisible()
  const savedText = await dialog.getByRole('status').filter({ hasText: /^Saved 2 images/ }).innerText()
  expect(statSync(tarPath).size).toBeGreaterThan(500_000)
  expect(savedText).toContain('as 2-images.tar')
  await saveThemedScreenshots(app, 'image-maintenance-save', async () => {
    await expect(dialog.getByRole('status').filter({ hasText: /^Saved 2 images/ })).toBeVisible()
  })
  await dialog.getByRole('button', { name: 'Close' }).click()

  for (const id of ids) await engine.ok('DELETE', `/images/${id}?force=1`)
  await expect(ui.imagesGrid(app).getByRole('row', { name: `${repoA}:v1`, exact: true })).toHaveCount(0)
  await app.getByRole('button', { name: 'Load…' }).click()
  const load = app.getByRole('dialog', { name: 'Load images from a tar' })
  await load.getByLabel('Tar file').setInputFiles(tarPath)
  await load.getByRole('button', { name: 'Load' }).click()
  const loaded = load.getByRole('list', { name: 'Loaded images' })
  await expect(loaded.getByRole('listitem')).toHaveText([`${repoA}:v1`, `${repoB}:v1`].sort(), { timeout: 30_000 })
  await saveThemedScreenshots(app, 'image-maintenance-load', async () => {
    await expect(loaded).toBeVisible()
  })
  for (const [index, repo] of [repoA, repoB].entries()) {
    const inspect = (await engine.ok('GET', `/images/${encodeURIComponent(`${repo}:v1`)}/json`)) as { Id: string }
    expect(inspect.Id).toBe(ids[index])
  }
  await load.getByRole('button', { name: 'Close' }).click()
  await expect(ui.imagesGrid(app).getByRole('row', { name: `${repoA}:v1`, exact: true })).toHaveCount(1)
})

test('on a private engine: prune for real from the Images page, and the Disk usage page with a clean-up', async ({ page, state }) => {
  test.setTimeout(120_000)
  const privateEngine = await startPrivateEngine('e2e-im-disk')
  const engine = new EngineApi(privateEngine.socketPath)
  const server = await startServe({ dockerHost: privateEngine.dockerHost })
  try {
    await new EngineApi(state.dockerSocket).copyImageTo(engine, state.testImage)
    const dangling = [await makeImage(engine, state.testImage, undefined, '', 150_000), await makeImage(engine, state.testImage, undefined, '', 250_000)]
    await makeImage(engine, state.testImage, 'kept/unused', 'v1', 400_000)
    await engine.createContainer({ name: 'stopped-one', image: state.testImage, labels: AREA_LABELS })
    await engine.ok('POST', '/volumes/create', { Name: 'unused-volume', Labels: AREA_LABELS })

    await openBerth(page, server.url)
    await openImages(page, '')
    await page.getByRole('button', { name: 'Prune…' }).click()
    const prune = page.getByRole('dialog', { name: 'Prune images' })
    const table = prune.getByRole('table', { name: 'Images to remove' })
    await expect(table.getByRole('row')).toHaveCount(3)
    await prune.getByRole('button', { name: 'Remove 2 images' }).click()
    await expect(prune.getByRole('status')).toContainText('Removed 2 images and reclaimed')
    await saveThemedScreenshots(page, 'image-maintenance-prune-result', async () => {
      await expect(prune.getByRole('status')).toContainText('Removed 2 images')
    })
    await prune.getByRole('button', { name: 'Close' }).click()
    for (const id of dangling) expect(await imageExists(engine, id)).toBe(false)
    expect(await imageExists(engine, 'kept/unused:v1')).toBe(true)

    await ui.nav(page).getByRole('link', { name: /Disk usage/ }).click()
    await expect(page.getByRole('heading', { name: 'Disk usage' })).toBeVisible()
    const images = page.getByRole('region', { name: 'Images' })
    await expect(images.getByRole('meter', { name: 'Images: reclaimable share' })).toBeVisible()
    const df = (await engine.ok('GET', '/system/df')) as { LayersSize: number; Images: unknown[] }
    await expect(images.getByRole('definition').first()).toHaveText(String(df.Images.length))
    await saveThemedScreenshots(page, 'image-maintenance-disk', async () => {
      await expect(page.getByRole('region', { name: 'Build cache' })).toBeVisible()
    })

    await page.getByRole('button', { name: 'Clean up local volumes…' }).click()
    const cleanup = page.getByRole('dialog', { name: 'Clean up local volumes' })
    await expect(cleanup.getByRole('table', { name: 'Local volumes to remove' }).getByRole('cell', { name: 'unused-volume' })).toBeVisible()
    await saveThemedScreenshots(page, 'image-maintenance-disk-cleanup', async () => {
      await expect(cleanup.getByRole('cell', { name: 'unused-volume' })).toBeVisible()
    })
    await cleanup.getByRole('button', { name: 'Remove 1 volume' }).click()
    await expect(cleanup.getByRole('status')).toContainText('Removed 1 volume')
    await cleanup.getByRole('button', { name: 'Close' }).click()
    expect((await engine.request('GET', '/volumes/unused-volume')).status).toBe(404)
  } finally {
    await page.close()
    await server.stop()
    engine.close()
    await privateEngine.stop()
  }
})
