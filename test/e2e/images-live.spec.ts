/**
 * Every change to images made behind the UI shows on the open Images page within 2 s, by itself
 * (engine events, no reload): commit, tag, untag, delete, import, load, pull and build.
 */
import type { Page } from '@playwright/test'
import { loadTestHost } from '../support/testHost'
import * as images from './support/image-api'
import { expect, test } from './support/fixtures'
import { E2E_LABELS, E2E_LABEL_FILTERS } from './support/state'
import { ui } from './support/ui'

const WITHIN = { timeout: 2_000 }

async function openImages(page: Page): Promise<void> {
  await ui.nav(page).getByRole('link', { name: 'Images' }).click()
  await expect(page.getByRole('heading', { name: 'Images', exact: true })).toBeVisible()
  await expect(page.getByRole('status', { name: 'Engine connection' })).toHaveText(/Connected/)
}

/** Rows the grid shows while searching for `text`. */
async function rowsFor(page: Page, text: string): Promise<ReturnType<Page['getByRole']>> {
  await ui.imagesSearch(page).fill(text)
  return ui.imagesGrid(page).getByRole('row').filter({ hasNot: page.getByRole('columnheader') })
}

test.afterEach(async ({ engine }) => {
  await engine.removeImagesLabelled([...E2E_LABEL_FILTERS])
})

test('commit, tag, untag and delete behind the UI show within 2 s', async ({ app, containers, engine }) => {
  const repo = `${containers.prefix}-live`
  // The container exists before the page loads: its own create event must not be what refreshes the list.
  const base = await containers.create('base')
  await app.reload()
  await openImages(app)

  // Without repo/tag a commit makes a dangling image and no image event at all: only the
  // container's `commit` event says the images list changed.
  const dangling = await images.commit(engine, base.id, E2E_LABELS)
  await expect(await rowsFor(app, dangling.replace(/^sha256:/, '').slice(0, 12))).toHaveCount(1, WITHIN)

  await images.commit(engine, base.id, E2E_LABELS, repo, 'one')
  await expect(await rowsFor(app, `${repo}:one`)).toHaveCount(1, WITHIN)

  await images.tag(engine, `${repo}:one`, repo, 'two')
  await expect(await rowsFor(app, `${repo}:two`)).toHaveCount(1, WITHIN)

  await images.removeImage(engine, `${repo}:one`) // still tagged "two": an untag
  await expect(await rowsFor(app, `${repo}:one`)).toHaveCount(0, WITHIN)
  await expect(await rowsFor(app, `${repo}:two`)).toHaveCount(1)

  await images.removeImage(engine, `${repo}:two`)
  await expect(await rowsFor(app, repo)).toHaveCount(0, WITHIN)
})

test('import and load behind the UI show within 2 s', async ({ app, containers, engine }) => {
  const repo = `${containers.prefix}-imported`
  await openImages(app)
  await images.importImage(engine, repo, 'v1', E2E_LABELS)
  await expect(await rowsFor(app, `${repo}:v1`)).toHaveCount(1, WITHIN)

  const archive = await images.save(engine, `${repo}:v1`)
  await images.removeImage(engine, `${repo}:v1`)
  await expect(await rowsFor(app, repo)).toHaveCount(0, WITHIN)
  await images.load(engine, archive)
  await expect(await rowsFor(app, `${repo}:v1`)).toHaveCount(1, WITHIN)
})

test('pull and build behind the UI show within 2 s', async ({ app, containers, engine, state }) => {
  const host = loadTestHost()
  const login = { host: host.registry.host, user: host.registry.user, password: host.registry.password }
  const remote = `${host.registry.host}/e2e/${containers.prefix}-pulled:v1`
  const built = `${containers.prefix}-built:v1`
  await images.build(engine, remote, `FROM ${state.testImage}\nRUN echo pulled > /marker\n`, E2E_LABELS)
  await images.push(engine, remote, login)
  await images.removeImage(engine, remote)
  await openImages(app)
  await expect(await rowsFor(app, remote)).toHaveCount(0)

  await images.pull(engine, remote, login)
  await expect(await rowsFor(app, remote)).toHaveCount(1, WITHIN)

  await images.build(engine, built, `FROM ${state.testImage}\nRUN echo built > /marker\n`, E2E_LABELS)
  await expect(await rowsFor(app, built)).toHaveCount(1, WITHIN)

  // An untagged build's image is announced by its container commit only.
  const untagged = await images.build(engine, undefined, `FROM ${state.testImage}\nRUN echo untagged > /marker\n`, E2E_LABELS)
  await expect(await rowsFor(app, untagged)).toHaveCount(1, WITHIN)
})
