/**
 * Snapshot, back up, move through the UI against the real engine: commit with changes (inspect
 * shows them), export → import round-trip (the imported image still has the marker), and the
 * prune preview (exactly this test's stopped containers, with the space) before removal.
 * Prune is filtered to this test's own label: it never touches anyone else's containers.
 */
import { randomBytes } from 'node:crypto'
import type { Page } from '@playwright/test'
import { E2E_LABELS } from './support/state'
import { expect, saveThemedScreenshots, test } from './support/fixtures'
import type { EngineApi } from './support/engine-api'
import { ui } from './support/ui'

const WRITE_MARKER_AND_WAIT = (marker: string) => ['sh', '-c', `echo ${marker} > /marker.txt && trap "exit 0" TERM; while true; do sleep 0.2; done`]

async function openDetailsTab(app: Page, name: string, tab: string): Promise<void> {
  await ui.containersSearch(app).fill(name)
  await ui.containerRow(app, name).getByRole('button', { name, exact: true }).click()
  await app.getByRole('tab', { name: tab }).click()
}

async function removeImage(engine: EngineApi, reference: string): Promise<void> {
  await engine.request('DELETE', `/images/${encodeURIComponent(reference)}?force=1`)
}

test('commit with ENV and CMD changes makes an image that has them', { tag: '@podman' }, async ({ app, containers, engine }) => {
  const { name } = await containers.create('commit', { running: true, cmd: WRITE_MARKER_AND_WAIT('committed') })
  const repo = `berth-e2e/commit-${randomBytes(3).toString('hex')}`
  // From the list: the row's "More actions" menu.
  await ui.containersSearch(app).fill(name)
  await ui.containerRow(app, name).getByRole('button', { name: `More actions for ${name}` }).click()
  const menu = app.getByRole('menu', { name: `Actions for ${name}` })
  await saveThemedScreenshots(app, 'containers-row-menu', async () => {
    await expect(menu.getByRole('menuitem', { name: 'Export' })).toBeVisible()
  })
  await menu.getByRole('menuitem', { name: 'Commit…' }).click()
  const dialog = app.getByRole('dialog', { name: `Commit ${name} to an image` })
  await dialog.getByLabel('Repository').fill('Not Valid')
  await dialog.getByLabel('Changes').fill('RUN rm -rf /')
  await dialog.getByRole('button', { name: 'Commit', exact: true }).click()
  await expect(dialog.getByText('repository names must be lowercase')).toBeVisible()
  await expect(dialog.getByText(/"RUN rm -rf \/" is not a change/)).toBeVisible()

  await dialog.getByLabel('Repository').fill(repo)
  await dialog.getByLabel('Tag').fill('v1')
  await dialog.getByLabel('Message').fill('made by the e2e test')
  await dialog.getByLabel('Author').fill('Berth E2E')
  await dialog.getByLabel('Changes').fill('ENV GREETING=from-berth\nCMD ["cat", "/marker.txt"]\nLABEL berth.test=1')
  await saveThemedScreenshots(app, 'snapshots-commit-dialog', async () => {
    await expect(dialog.getByLabel('Repository')).toHaveValue(repo)
  })
  await dialog.getByRole('button', { name: 'Commit', exact: true }).click()
  try {
    await expect(dialog.getByRole('status')).toContainText(`Created image ${repo}:v1`, { timeout: 20_000 })
    const inspect = (await engine.ok('GET', `/images/${encodeURIComponent(`${repo}:v1`)}/json`)) as {
      Config: { Env: string[]; Cmd: string[] }
      Comment: string
      Author: string
    }
    expect(inspect.Config.Env).toContain('GREETING=from-berth')
    expect(inspect.Config.Cmd).toEqual(['cat', '/marker.txt'])
    expect(inspect.Comment).toBe('made by the e2e test')
    expect(inspect.Author).toBe('Berth E2E')
  } finally {
    await removeImage(engine, `${repo}:v1`)
  }
})

test('export a container to NAME.tar, import it as an image, the marker is there', { tag: '@podman' }, async ({ app, containers, engine }) => {
  const marker = `marker-${randomBytes(4).toString('hex')}`
  const { name } = await containers.create('export', { running: true, cmd: WRITE_MARKER_AND_WAIT(marker) })
  // From the details header (here on the Logs tab).
  await openDetailsTab(app, name, 'Logs')
  await saveThemedScreenshots(app, 'details-header-snapshots', async () => {
    await expect(app.locator('header').getByRole('button', { name: 'Commit…' })).toBeVisible()
  })
  const downloadPromise = app.waitForEvent('download')
  await app.locator('header').getByRole('button', { name: 'Export', exact: true }).click()
  const download = await downloadPromise
  expect(download.suggestedFilename()).toBe(`${name}.tar`)
  const tarPath = await download.path()

  const repo = `berth-e2e/import-${randomBytes(3).toString('hex')}`
  await app.getByRole('button', { name: 'Back to containers' }).click()
  await ui.nav(app).getByRole('link', { name: 'Images' }).click()
  await app.getByRole('button', { name: 'Import image' }).click()
  const dialog = app.getByRole('dialog', { name: 'Import a tar as an image' })
  await dialog.getByLabel('Tar file').setInputFiles(tarPath)
  await dialog.getByLabel('Repository').fill(repo)
  await dialog.getByLabel('Tag').fill('restored')
  await dialog.getByLabel('Changes').fill('CMD ["cat", "/marker.txt"]\nLABEL berth.test=1')
  await dialog.getByRole('button', { name: 'Import', exact: true }).click()
  try {
    await expect(dialog.getByRole('status')).toContainText(`Imported image ${repo}:restored`, { timeout: 30_000 })
    // Run the imported image (straight on the engine) and read what it prints.
    const created = (await engine.ok('POST', `/containers/create?name=${name}-run`, {
      Image: `${repo}:restored`,
      Labels: E2E_LABELS,
      HostConfig: { NetworkMode: 'none' }
    })) as { Id: string }
    try {
      await engine.start(created.Id)
      await engine.ok('POST', `/containers/${created.Id}/wait`)
      const logs = await engine.request('GET', `/containers/${created.Id}/logs?stdout=1`)
      expect(String(logs.body)).toContain(marker)
    } finally {
      await engine.remove(created.Id)
    }
  } finally {
    await removeImage(engine, `${repo}:restored`)
  }
})

test('prune shows exactly this test’s stopped containers and the space, then removes them', async ({ app, containers, engine }) => {
  const run = `prune-${randomBytes(4).toString('hex')}`
  const labels = { 'berth.test.run': run }
  const exited = await containers.create('prune-exited', { running: true, labels, cmd: ['sh', '-c', 'head -c 200000 /dev/zero > /ballast; exit 0'] })
  const created = await containers.create('prune-created', { labels })
  const running = await containers.create('prune-running', { running: true, labels })
  await engine.ok('POST', `/containers/${exited.id}/wait`)

  await app.getByRole('button', { name: 'Prune stopped containers' }).click()
  const dialog = app.getByRole('dialog', { name: 'Prune stopped containers' })
  await dialog.getByLabel('Only with label (optional)').fill(`berth.test.run=${run}`)
  await dialog.getByRole('button', { name: 'Show', exact: true }).click()
  const table = dialog.getByRole('table', { name: 'Containers to remove' })
  await expect(table.getByRole('row')).toHaveCount(3) // header + 2
  await expect(table.getByRole('cell', { name: exited.name, exact: true })).toBeVisible()
  await expect(table.getByRole('cell', { name: created.name, exact: true })).toBeVisible()
  await expect(table.getByRole('cell', { name: running.name, exact: true })).toHaveCount(0)
  await expect(dialog.getByRole('status')).toContainText(/These 2 stopped containers will be removed, reclaiming 20\d kB/)
  await saveThemedScreenshots(app, 'snapshots-prune-preview', async () => {
    await expect(table.getByRole('row')).toHaveCount(3)
  })

  await dialog.getByRole('button', { name: 'Remove 2 containers' }).click()
  await expect(dialog.getByRole('status')).toContainText(/Removed 2 containers and reclaimed 20\d kB/)
  expect((await engine.request('GET', `/containers/${exited.id}/json`)).status).toBe(404)
  expect((await engine.request('GET', `/containers/${created.id}/json`)).status).toBe(404)
  expect(await engine.inspectState(running.id)).toBe('running')
})
