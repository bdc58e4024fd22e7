/**
 * The Volumes page in Chromium against the real engine: create a volume (the name checked before
 * the engine is asked), browse it read-only (a file a container put there; the helper container
 * gone after closing), back it up and restore the backup into a new volume, the in-use
 * explanation naming the container, details and prune previews. Light and dark screenshots.
 */
import { randomBytes } from 'node:crypto'
import { mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Page } from '@playwright/test'
import { expect, saveThemedScreenshots, test } from './support/fixtures'
import type { EngineApi } from './support/engine-api'
import { E2E_LABELS } from './support/state'
import { ui } from './support/ui'

const AREA = { ...E2E_LABELS, 'berth.test.area': 'volumes-networks' }
const LABEL_LINES = Object.entries(AREA)
  .map(([key, value]) => `${key}=${value}`)
  .join('\n')

async function openVolumes(app: Page): Promise<void> {
  await ui.nav(app).getByRole('link', { name: /^Volumes\b/ }).click()
  await expect(app.getByRole('heading', { name: 'Volumes', exact: true })).toBeVisible()
}

function volumeRow(app: Page, name: string) {
  return app.getByRole('grid', { name: 'Volumes' }).getByRole('row', { name, exact: true })
}

/** Runs `script` with the volume at /v in a throwaway container and returns its output. */
async function runOnVolume(engine: EngineApi, image: string, volume: string, script: string, keep = false): Promise<{ output: string; id: string }> {
  const { Id } = (await engine.ok('POST', `/containers/create?name=vn-e2e-${randomBytes(3).toString('hex')}`, {
    Image: image,
    Cmd: ['sh', '-c', script],
    Labels: AREA,
    HostConfig: { NetworkMode: 'none', Mounts: [{ Type: 'volume', Source: volume, Target: '/v' }] }
  })) as { Id: string }
  await engine.start(Id)
  await engine.ok('POST', `/containers/${Id}/wait`)
  const logs = await engine.request('GET', `/containers/${Id}/logs?stdout=1&stderr=1`)
  if (!keep) await engine.remove(Id)
  // Non-TTY logs carry 8-byte frame headers; the text we look for is inside the frames.
  return { output: String(logs.body), id: Id }
}

async function helpersOf(engine: EngineApi, volume: string): Promise<unknown[]> {
  const filters = encodeURIComponent(JSON.stringify({ label: [`berth.helper.volume=${volume}`] }))
  return (await engine.ok('GET', `/containers/json?all=1&filters=${filters}`)) as unknown[]
}

async function removeVolume(engine: EngineApi, name: string): Promise<void> {
  await engine.request('DELETE', `/volumes/${encodeURIComponent(name)}?force=1`)
}

test('create a volume, browse a file a container put there, back it up and restore it into a new volume', { tag: '@podman' }, async ({ app, engine, state }) => {
  const name = `vn-e2e-${randomBytes(3).toString('hex')}`
  const restored = `${name}-restored`
  try {
    await openVolumes(app)
    await saveThemedScreenshots(app, 'volumes-page', async () => {
      await expect(app.getByRole('grid', { name: 'Volumes' })).toBeVisible()
    })

    // Create: a bad name is refused beside the field, then a good one appears by itself.
    await app.getByRole('button', { name: 'Create volume' }).click()
    const create = app.getByRole('dialog', { name: 'Create a volume' })
    await create.getByLabel('Name').fill('x')
    await create.getByLabel('Driver options').fill('no equals sign')
    await create.getByRole('button', { name: 'Create', exact: true }).click()
    await expect(create.getByText('volume names are at least 2 characters')).toBeVisible()
    await expect(create.getByText('line 1: write driver options as key=value')).toBeVisible()
    await saveThemedScreenshots(app, 'volumes-create-errors', async () => {
      await expect(create.getByText('volume names are at least 2 characters')).toBeVisible()
    })
    await create.getByLabel('Name').fill(name)
    await create.getByLabel('Driver options').fill('')
    await create.getByLabel('Labels').fill(LABEL_LINES)
    await create.getByRole('button', { name: 'Create', exact: true }).click()
    await expect(create.getByRole('status')).toHaveText(`Created volume ${name}.`)
    await create.getByRole('button', { name: 'Close' }).click()
    await expect(volumeRow(app, name)).toBeVisible({ timeout: 2_000 })

    // A container writes into it; Browse shows it, one folder at a time.
    await runOnVolume(engine, state.testImage, name, 'mkdir -p /v/docs && echo "hello from a container" > /v/docs/note.txt && head -c 3000 /dev/zero > /v/blob.bin')
    await volumeRow(app, name).getByRole('button', { name: `Browse ${name}` }).click()
    const browse = app.getByRole('dialog', { name: `Browse volume ${name}` })
    const root = browse.getByRole('table', { name: 'Files in /' })
    await expect(root).toBeVisible({ timeout: 15_000 })
    await expect(root.getByRole('row')).toHaveCount(3) // header, docs, blob.bin
    await expect(root.getByRole('row', { name: /blob\.bin/ })).toContainText('3.0 kB')
    expect(await helpersOf(engine, name)).toHaveLength(1)
    await browse.getByRole('button', { name: 'Open folder docs' }).click()
    const docs = browse.getByRole('table', { name: 'Files in /docs' })
    await expect(docs.getByRole('row', { name: /note\.txt/ })).toBeVisible()
    await saveThemedScreenshots(app, 'volumes-browse', async () => {
      await expect(docs.getByRole('row', { name: /note\.txt/ })).toBeVisible()
    })
    const fileDownload = app.waitForEvent('download')
    await browse.getByRole('button', { name: 'Download note.txt', exact: true }).click()
    const note = await fileDownload
    expect(note.suggestedFilename()).toBe('note.txt')
    expect(readFileSync(await note.path(), 'utf8')).toBe('hello from a container\n')
    // Escape closes it like the button does; the helper container goes with it.
    await app.keyboard.press('Escape')
    await expect(browse).toBeHidden()
    await expect.poll(async () => (await helpersOf(engine, name)).length, { timeout: 10_000 }).toBe(0)

    // Back up: a tar download; restore it into a new volume from the Restore dialog.
    const backupDownload = app.waitForEvent('download')
    await volumeRow(app, name).getByRole('button', { name: `Back up ${name}` }).click()
    const backup = await backupDownload
    expect(backup.suggestedFilename()).toMatch(new RegExp(`^${name}-\\d{4}-\\d{2}-\\d{2}T\\d{2}-\\d{2}\\.tar$`))
    // Saved under its suggested name: the file input then offers that name, as a person's would.
    const tarPath = join(mkdtempSync(join(tmpdir(), 'vn-e2e-')), backup.suggestedFilename())
    await backup.saveAs(tarPath)

    await app.getByRole('button', { name: 'Restore backup…' }).click()
    const restore = app.getByRole('dialog', { name: 'Restore a volume backup' })
    await restore.getByLabel('Backup file').setInputFiles(tarPath)
    await expect(restore.getByLabel('New volume name')).toHaveValue(name)
    await restore.getByLabel('New volume name').fill(restored)
    await saveThemedScreenshots(app, 'volumes-restore', async () => {
      await expect(restore.getByLabel('New volume name')).toHaveValue(restored)
    })
    await restore.getByRole('button', { name: 'Restore', exact: true }).click()
    await expect(restore.getByRole('status')).toContainText(`into the new volume ${restored}`, { timeout: 20_000 })
    await restore.getByRole('button', { name: 'Close' }).click()
    await expect(volumeRow(app, restored)).toBeVisible({ timeout: 2_000 })
    const check = await runOnVolume(engine, state.testImage, restored, 'cat /v/docs/note.txt && wc -c < /v/blob.bin')
    expect(check.output).toContain('hello from a container')
    expect(check.output).toContain('3000')

    // Restoring into a volume that holds files asks first, then replaces the backup's paths only.
    await runOnVolume(engine, state.testImage, name, 'echo changed > /v/docs/note.txt && echo mine > /v/extra.txt')
    await volumeRow(app, name).getByRole('button', { name: `More actions for ${name}` }).click()
    await app.getByRole('menuitem', { name: 'Restore a backup into it…' }).click()
    await restore.getByLabel('Backup file').setInputFiles(tarPath)
    await expect(restore.getByLabel('Volume', { exact: true })).toHaveValue(name)
    await restore.getByRole('button', { name: 'Restore', exact: true }).click()
    await expect(restore.getByRole('alert')).toContainText(`Volume ${name} already holds files`, { timeout: 20_000 })
    await restore.getByRole('checkbox', { name: 'Restore over files already in the volume' }).check()
    await saveThemedScreenshots(app, 'volumes-restore-over', async () => {
      await expect(restore.getByRole('alert')).toContainText('Confirm overwriting')
    })
    await restore.getByRole('button', { name: 'Restore', exact: true }).click()
    await expect(restore.getByRole('status')).toContainText(`into volume ${name}`, { timeout: 20_000 })
    await restore.getByRole('button', { name: 'Close' }).click()
    expect((await runOnVolume(engine, state.testImage, name, 'cat /v/docs/note.txt /v/extra.txt')).output).toMatch(/hello from a container[\s\S]*mine/)

    // Remove from the page: the row goes by itself.
    await volumeRow(app, restored).getByRole('button', { name: `Remove ${restored}` }).click()
    const removeDialog = app.getByRole('dialog', { name: `Remove volume ${restored}` })
    await removeDialog.getByRole('button', { name: 'Remove volume' }).click()
    await expect(removeDialog).toBeHidden()
    await expect(volumeRow(app, restored)).toBeHidden({ timeout: 2_000 })
  } finally {
    await removeVolume(engine, name)
    await removeVolume(engine, restored)
  }
})

test('removing a volume in use names the container, which opens from there; details and prune preview', async ({ app, engine, state }) => {
  const name = `vn-e2e-${randomBytes(3).toString('hex')}`
  await engine.ok('POST', '/volumes/create', { Name: name, Labels: AREA })
  const user = await runOnVolume(engine, state.testImage, name, 'head -c 120000 /dev/zero > /v/ballast', true)
  const userName = ((await engine.ok('GET', `/containers/${user.id}/json`)) as { Name: string }).Name.replace(/^\//, '')
  const unused = `vn-e2e-unused-${randomBytes(3).toString('hex')}`
  try {
    await engine.ok('POST', '/volumes/create', { Name: unused, Labels: { ...AREA, 'vn.e2e.prune': unused } })
    await openVolumes(app)
    const row = volumeRow(app, name)
    await expect(row.getByRole('button', { name: `Open container ${userName} (exited)` })).toBeVisible()
    await expect(row).toContainText(/1\d\d kB/, { timeout: 10_000 }) // the size, measured apart

    await row.getByRole('button', { name: `Remove ${name}` }).click()
    const remove = app.getByRole('dialog', { name: `Remove volume ${name}` })
    await expect(remove.getByRole('status')).toContainText(`${name} is in use by ${userName} (exited).`)
    await expect(remove.getByRole('status')).toContainText('Remove those containers first, then remove the volume.')
    await expect(remove.getByRole('button', { name: 'Remove volume' })).toBeDisabled()
    await saveThemedScreenshots(app, 'volumes-remove-in-use', async () => {
      await expect(remove.getByRole('status')).toContainText(userName)
    })
    await app.keyboard.press('Escape')
    await expect(remove).toBeHidden()

    await row.getByRole('button', { name: `Details of ${name}` }).click()
    const details = app.getByRole('dialog', { name: `Volume ${name}` })
    const list = details.getByLabel(`Details of ${name}`)
    await expect(list).toContainText('local')
    await expect(list).toContainText('berth.test.area = volumes-networks')
    await saveThemedScreenshots(app, 'volumes-details', async () => {
      await expect(list).toContainText(userName)
    })
    await details.getByRole('button', { name: `Open container ${userName} (exited)` }).click()
    await expect(app.getByRole('heading', { name: userName })).toBeVisible()

    await openVolumes(app)
    await app.getByRole('button', { name: 'Prune…' }).click()
    const prune = app.getByRole('dialog', { name: 'Prune unused volumes' })
    await prune.getByRole('radio', { name: /^All unused, named too/ }).check()
    await prune.getByLabel('Only with label (optional)').fill(`vn.e2e.prune=${unused}`)
    await prune.getByRole('button', { name: 'Show', exact: true }).click()
    const table = prune.getByRole('table', { name: 'Volumes to remove' })
    await expect(table.getByRole('row')).toHaveCount(2)
    await expect(table.getByRole('cell', { name: unused, exact: true })).toBeVisible()
    await saveThemedScreenshots(app, 'volumes-prune-preview', async () => {
      await expect(table.getByRole('row')).toHaveCount(2)
    })
    await prune.getByRole('button', { name: 'Remove 1 volume' }).click()
    await expect(prune.getByRole('status')).toContainText('Removed 1 volume')
    await expect(volumeRow(app, unused)).toBeHidden({ timeout: 2_000 })
    expect((await engine.request('GET', `/volumes/${unused}`)).status).toBe(404)
    expect((await engine.request('GET', `/volumes/${name}`)).status).toBe(200)
  } finally {
    await engine.remove(user.id)
    await removeVolume(engine, name)
    await removeVolume(engine, unused)
  }
})
