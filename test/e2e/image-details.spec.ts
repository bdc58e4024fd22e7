/**
 * Image details and the layer tree in Chromium against the real engine, on a family of images
 * built with the classic builder (a base FROM the test image, two children FROM the base):
 * open a child's details from the list, read its history and config, click through to a
 * container made from it; then the Layer tree shows both children under the base's row.
 * The family carries only this area's labels (not the E2E suite's, whose teardown other runs
 * may trigger at any time) and is removed here.
 */
import type { Page } from '@playwright/test'
import { expect, saveThemedScreenshots, test } from './support/fixtures'
import { EngineApi } from './support/engine-api'
import { buildFamily, removeFamily, type ImageFamily } from './support/image-family'
import { readE2eState, E2E_LABELS } from './support/state'
import { ui } from './support/ui'

let family: ImageFamily

test.beforeAll(async () => {
  const state = readE2eState()
  const engine = new EngineApi(state.engineSocket)
  try {
    family = await buildFamily(engine, state.testImage)
  } finally {
    engine.close()
  }
})

test.afterAll(async () => {
  const engine = new EngineApi(readE2eState().engineSocket)
  try {
    if (family) await removeFamily(engine, family)
  } finally {
    engine.close()
  }
})

async function openImages(page: Page): Promise<void> {
  await ui.nav(page).getByRole('link', { name: 'Images' }).click()
  await expect(page.getByRole('heading', { name: 'Images', exact: true })).toBeVisible()
}

test('opens an image from the list: history, config, and the containers using it', async ({ app, containers }) => {
  const user = await containers.create('uses-test-image')
  // The containers fixture uses the test image; make one from the child instead, with the same labels and clean-up.
  const engine = new EngineApi(readE2eState().engineSocket)
  const fromChild = await engine.createContainer({ name: `${containers.prefix}-from-child`, image: family.childA, labels: E2E_LABELS, cmd: ['trap "exit 0" TERM; sleep 3600 & wait'] })
  await engine.start(fromChild)
  try {
    await openImages(app)
    await ui.imagesSearch(app).fill(family.childA)
    await ui.imagesGrid(app).getByRole('button', { name: `Open ${family.childA}`, exact: true }).click()

    await expect(app.getByRole('heading', { name: family.childA, exact: true })).toBeVisible()
    const history = app.getByRole('region', { name: 'History' })
    const runStep = history.getByRole('row').filter({ hasText: `RUN head -c ${family.childBytes.a} /dev/urandom > /a.bin` })
    await expect(runStep).toHaveCount(1)
    await expect(runStep).toContainText(/kB/)
    await expect(history.getByRole('row').filter({ hasText: 'ENV CHILD=a' })).toContainText('no layer')
    const config = app.getByRole('region', { name: 'Configuration' })
    await expect(config).toContainText('8080/tcp')
    await expect(config).toContainText('/data')
    await expect(config).toContainText('nobody')
    await expect(app.getByRole('region', { name: 'Environment' })).toContainText('CHILD')
    await expect(app.getByRole('region', { name: 'Labels' })).toContainText('image-details.child')
    const usedBy = app.getByRole('region', { name: 'Containers using this image' })
    await expect(usedBy.getByRole('button', { name: `Open container ${containers.prefix}-from-child` })).toBeVisible()
    await expect(usedBy).not.toContainText(user.name)

    await saveThemedScreenshots(app, 'image-details', async () => {
      await expect(usedBy).toContainText('Running')
    })
    await runStep.scrollIntoViewIfNeeded()
    await saveThemedScreenshots(app, 'image-details-history', async () => {
      await expect(runStep).toBeInViewport()
    })

    await usedBy.getByRole('button', { name: `Open container ${containers.prefix}-from-child` }).click()
    await expect(app.getByRole('heading', { name: `${containers.prefix}-from-child`, exact: true })).toBeVisible()
    await expect(app.getByRole('button', { name: 'Back to containers' })).toBeVisible()
  } finally {
    await engine.remove(fromChild)
    engine.close()
  }
})

test('the layer tree shows two images built FROM one base under the base\'s row', async ({ app }) => {
  await openImages(app)
  await app.getByRole('button', { name: 'Layer tree', exact: true }).click()
  const tree = app.getByRole('tree', { name: 'Layer tree' })
  await expect(tree).toBeVisible()

  // The whole engine first (other suites' images too): the busybox test image is a root everyone builds on.
  await expect(tree.getByRole('treeitem', { name: /berth-test\/busybox:latest/ })).toBeVisible({ timeout: 15_000 })
  await saveThemedScreenshots(app, 'layer-tree', async () => {
    await expect(tree.getByRole('treeitem').first()).toBeVisible()
  })

  // Only this family: its base row, and the two children one level below it.
  await ui.imagesSearch(app).fill(`image-details- ${family.run}`)
  const base = tree.getByRole('treeitem', { name: new RegExp(`^${family.base},`) })
  const childA = tree.getByRole('treeitem', { name: new RegExp(`^${family.childA},`) })
  const childB = tree.getByRole('treeitem', { name: new RegExp(`^${family.childB},`) })
  await expect(base).toBeVisible()
  const baseLevel = Number(await base.getAttribute('aria-level'))
  await expect(childA).toHaveAttribute('aria-level', String(baseLevel + 1))
  await expect(childB).toHaveAttribute('aria-level', String(baseLevel + 1))
  await expect(base).toContainText(/shared by [3-9]/)
  await expect(childA).toContainText('1 image')
  await expect(tree.getByRole('treeitem')).toHaveCount(3)

  // Every layer: the busybox layer and the base's two RUN layers are rows of their own, shared by both children.
  await app.getByRole('checkbox', { name: 'Every layer' }).check()
  await expect(tree.getByRole('treeitem').filter({ hasText: 'RUN head -c 20000 /dev/urandom > /base-blob' })).toHaveCount(1)
  await expect(childA).toHaveAttribute('aria-level', '5')
  await saveThemedScreenshots(app, 'layer-tree-family', async () => {
    await expect(childB).toBeVisible()
  })

  // Collapsing the base hides its children; the keyboard expands it again.
  await base.getByRole('button', { name: /^Collapse / }).click()
  await expect(childA).toHaveCount(0)
  await base.press('ArrowRight')
  await expect(childA).toBeVisible()

  // A child's chip opens its details.
  await childB.getByRole('button', { name: `Open ${family.childB}` }).click()
  await expect(app.getByRole('heading', { name: family.childB, exact: true })).toBeVisible()
})
