/**
 * Building from a Dockerfile through the UI in browser mode (the context is a typed path on the
 * machine running Berth): field messages before any build, a build whose second run shows cache
 * marks, a failing build that opens its failing step and shows the Dockerfile line, a cancelled
 * build, and the Builds page history (image link, re-run, clear). Screenshots light and dark.
 */
import { randomBytes } from 'node:crypto'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Locator, Page } from '@playwright/test'
import { expect, saveThemedScreenshots, test } from './support/fixtures'
import type { EngineApi } from './support/engine-api'
import { E2E_RUN, E2E_RUN_LABEL } from './support/state'
import { ui } from './support/ui'

const LABELS: Array<[string, string]> = [
  ['berth.test', '1'],
  ['berth.test.area', 'build'],
  ['berth.test.suite', 'e2e'],
  [E2E_RUN_LABEL, E2E_RUN]
]

function contextWith(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'berth-e2e-build-'))
  for (const [name, body] of Object.entries(files)) {
    mkdirSync(join(dir, name, '..'), { recursive: true })
    writeFileSync(join(dir, name), body)
  }
  return dir
}

async function openBuildDialog(app: Page): Promise<Locator> {
  await ui.nav(app).getByRole('link', { name: 'Images' }).click()
  await app.getByRole('button', { name: 'Build…' }).click()
  const dialog = app.getByRole('dialog', { name: 'Build an image' })
  await expect(dialog).toBeVisible()
  return dialog
}

/** Fills the form: folder, tag, and the labels that let the suite's cleanup find the image. */
async function fillForm(dialog: Locator, contextPath: string, tag: string): Promise<void> {
  await dialog.getByLabel('Context folder').fill(contextPath)
  await dialog.getByLabel('Tags').fill(tag)
  for (const [index, [key, value]] of LABELS.entries()) {
    await dialog.getByRole('button', { name: 'Add label' }).click()
    await dialog.getByLabel(`Label key, row ${index + 1}`).fill(key)
    await dialog.getByLabel(`Value, label row ${index + 1}`).fill(value)
  }
}

async function removeImage(engine: EngineApi, reference: string): Promise<void> {
  await engine.request('DELETE', `/images/${encodeURIComponent(reference)}?force=1`)
}

test('build from a typed path; the second build marks its steps as cached; the image appears in the list', async ({ app, engine, state }) => {
  const marker = randomBytes(4).toString('hex')
  const dir = contextWith({
    Dockerfile: `FROM ${state.testImage}\nRUN echo building-${marker}\nCOPY app.txt /app.txt\nRUN cat /app.txt && \\\n    echo done\n`,
    'app.txt': `app ${marker}\n`
  })
  const tag = `build-e2e-${marker}:v1`
  try {
    const dialog = await openBuildDialog(app)
    await expect(dialog.getByText(/A folder on the machine running Berth/)).toBeVisible()
    // Field messages come before anything is sent.
    await dialog.getByLabel('Tags').fill('Not/A Tag')
    await dialog.getByRole('button', { name: 'Build', exact: true }).click()
    await expect(dialog.getByText('choose the folder to build from')).toBeVisible()
    await expect(dialog.getByText(/"Not\/A": /)).toBeVisible()
    await dialog.getByLabel('Context folder').fill(join(dir, 'missing'))
    await dialog.getByLabel('Tags').fill(tag)
    await dialog.getByRole('button', { name: 'Build', exact: true }).click()
    await expect(dialog.getByText(/it does not exist/)).toBeVisible()

    await fillForm(dialog, dir, tag)
    await saveThemedScreenshots(app, 'build-dialog-form', async () => {
      await expect(dialog.getByLabel('Context folder')).toHaveValue(dir)
    })
    await dialog.getByRole('button', { name: 'Build', exact: true }).click()
    const progress = app.getByRole('dialog', { name: `Build ${tag}` })
    await expect(progress.getByRole('status')).toContainText('Built in', { timeout: 30_000 })
    const steps = progress.getByRole('list', { name: 'Build steps' })
    // Four Dockerfile steps, then one LABEL step per label the form adds.
    const total = 4 + LABELS.length
    await expect(steps.getByRole('listitem')).toHaveCount(total)
    await expect(steps.getByText('Cached', { exact: true })).toHaveCount(0)
    await steps.getByRole('button', { name: new RegExp(`Step 2/${total}`) }).click()
    await expect(progress.getByRole('log', { name: 'Output of step 2' })).toContainText(`building-${marker}`)

    await progress.getByRole('button', { name: 'Edit and build again' }).click()
    const again = app.getByRole('dialog', { name: 'Build an image' })
    await expect(again.getByLabel('Context folder')).toHaveValue(dir)
    await again.getByRole('button', { name: 'Build', exact: true }).click()
    await expect(progress.getByRole('status')).toContainText(`${total - 1} of ${total} steps from cache`, { timeout: 30_000 })
    await expect(steps.getByText('Cached', { exact: true })).toHaveCount(total - 1)
    await saveThemedScreenshots(app, 'build-dialog-cached', async () => {
      await expect(steps.getByText('Cached', { exact: true })).toHaveCount(total - 1)
    })
    await progress.getByRole('button', { name: 'Close' }).click()

    await ui.imagesSearch(app).fill(`build-e2e-${marker}`)
    await expect(ui.imagesGrid(app).getByRole('row', { name: tag })).toHaveCount(1)
  } finally {
    await removeImage(engine, tag)
    rmSync(dir, { recursive: true, force: true })
  }
})

test('a failing build opens the failing step and shows its Dockerfile line; cancel says CANCELLED', async ({ app, engine, state }) => {
  const marker = randomBytes(4).toString('hex')
  const dir = contextWith({
    Dockerfile: `FROM ${state.testImage}\n\nRUN echo fine\nRUN echo about-to-fail-${marker} && \\\n    exit 7\nRUN echo never\n`,
    'slow/Dockerfile': `FROM ${state.testImage}\nRUN echo sleeping-${marker} && sleep 60\n`
  })
  const tag = `build-e2e-fail-${marker}:v1`
  try {
    await ui.nav(app).getByRole('link', { name: 'Builds' }).click()
    await app.getByRole('toolbar', { name: 'Build actions' }).getByRole('button', { name: 'Build…' }).click()
    const dialog = app.getByRole('dialog', { name: 'Build an image' })
    await fillForm(dialog, dir, tag)
    await dialog.getByRole('button', { name: 'Build', exact: true }).click()
    const progress = app.getByRole('dialog', { name: `Build ${tag}` })
    await expect(progress.getByRole('status')).toHaveText('Failed at step 3, Dockerfile line 4', { timeout: 30_000 })
    const why = progress.getByRole('region', { name: 'Why the build failed' })
    await expect(why.getByRole('list', { name: 'Dockerfile lines' })).toContainText(`RUN echo about-to-fail-${marker} && \\`)
    await expect(why).toContainText('returned a non-zero code: 7')
    await expect(progress.getByRole('log', { name: 'Output of step 3' })).toContainText(`about-to-fail-${marker}`)
    // After the failing step: one more RUN, then the label steps.
    await expect(progress.getByRole('list', { name: 'Build steps' }).getByText('Not run')).toHaveCount(1 + LABELS.length)
    await saveThemedScreenshots(app, 'build-dialog-failed', async () => {
      await expect(progress.getByRole('log', { name: 'Output of step 3' })).toBeVisible()
    })

    await progress.getByRole('button', { name: 'Edit and build again' }).click()
    await dialog.getByLabel('Context folder').fill(join(dir, 'slow'))
    await dialog.getByRole('button', { name: 'Build', exact: true }).click()
    await expect(progress.getByRole('log', { name: 'Output of step 2' })).toContainText(`sleeping-${marker}`, { timeout: 30_000 })
    await saveThemedScreenshots(app, 'build-dialog-running', async () => {
      await expect(progress.getByRole('button', { name: 'Cancel build' })).toBeEnabled()
    })
    await progress.getByRole('button', { name: 'Cancel build' }).click()
    await expect(progress.getByRole('status')).toContainText('CANCELLED', { timeout: 15_000 })
    const tagged = await engine.request('GET', `/images/${encodeURIComponent(tag)}/json`)
    expect(tagged.status).toBe(404)
    await progress.getByRole('button', { name: 'Close' }).click()
  } finally {
    await removeImage(engine, tag)
    rmSync(dir, { recursive: true, force: true })
  }
})

test('the Builds page lists the history with results, opens a built image, re-runs and clears', async ({ app, engine, state }) => {
  const marker = randomBytes(4).toString('hex')
  const dir = contextWith({
    Dockerfile: `FROM ${state.testImage}\nRUN echo history-${marker}\n`,
    'broken/Dockerfile': `FROM ${state.testImage}\n\n\nRUN echo broken-${marker} && false\n`
  })
  const tag = `build-e2e-history-${marker}:v1`
  const broken = `build-e2e-broken-${marker}:v1`
  try {
    const progress = app.getByRole('dialog', { name: `Build ${tag}` })
    for (const [contextPath, reference, outcome] of [[join(dir, 'broken'), broken, 'Failed at step'], [dir, tag, 'Built in']]) {
      const dialog = await openBuildDialog(app)
      await fillForm(dialog, contextPath, reference)
      await dialog.getByRole('button', { name: 'Build', exact: true }).click()
      const shown = app.getByRole('dialog', { name: `Build ${reference}` })
      await expect(shown.getByRole('status')).toContainText(outcome, { timeout: 30_000 })
      await shown.getByRole('button', { name: 'Close' }).click()
    }

    await ui.nav(app).getByRole('link', { name: 'Builds' }).click()
    const table = app.getByRole('table', { name: 'Build history' })
    const row = table.getByRole('row').filter({ hasText: tag })
    await expect(row).toHaveCount(1)
    await expect(row).toContainText('Built')
    await expect(table.getByRole('row').filter({ hasText: broken })).toContainText(/Failed.*Step 2, line 4/)
    await saveThemedScreenshots(app, 'builds-page', async () => {
      await expect(row).toBeVisible()
    })

    await row.getByRole('button', { name: `Re-run build of ${tag}` }).click()
    await expect(progress.getByRole('status')).toContainText('from cache', { timeout: 30_000 })
    await progress.getByRole('button', { name: 'Close' }).click()
    await expect(table.getByRole('row').filter({ hasText: tag })).toHaveCount(2)

    await row.first().getByRole('button', { name: new RegExp(`^Open image .* of ${tag}`) }).click()
    // The image's details page, headed by its tag.
    await expect(app.getByRole('heading', { name: tag, exact: true })).toBeVisible()
    await expect(app.getByRole('button', { name: 'Back to images' })).toBeVisible()

    await ui.nav(app).getByRole('link', { name: 'Builds' }).click()
    await app.getByRole('button', { name: 'Clear history' }).click()
    await app.getByRole('dialog', { name: 'Clear the build history?' }).getByRole('button', { name: 'Clear history' }).click()
    await expect(app.getByText('No builds yet.', { exact: false })).toBeVisible()
  } finally {
    await removeImage(engine, tag)
    rmSync(dir, { recursive: true, force: true })
  }
})
