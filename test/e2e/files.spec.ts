/**
 * The Files tab against the real engine: browse into a folder whose path has spaces, upload a
 * file with a unicode name through the "Upload files" input, see it listed, download it back
 * and compare bytes; the same on a stopped container, whose big folder is read only up to a cap.
 * Light and dark screenshots.
 */
import { readFileSync } from 'node:fs'
import type { Page } from '@playwright/test'
import { expect, saveThemedScreenshots, test } from './support/fixtures'
import { ui } from './support/ui'

const DIR = 'dir with spaces'
const FILE_NAME = 'ünïcødé ✓.txt'
/** Busybox `sh` as PID 1 ignores TERM, so trap it: removal is then quick. */
const MAKE_DIR_AND_WAIT = ['sh', '-c', `mkdir -p "/tmp/${DIR}/sub" && echo kept > "/tmp/${DIR}/existing.txt" && trap "exit 0" TERM; while true; do sleep 0.2; done`]

async function openFilesTab(app: Page, name: string): Promise<void> {
  await ui.containersSearch(app).fill(name)
  await ui.containerRow(app, name).getByRole('button', { name, exact: true }).click()
  await app.getByRole('tab', { name: 'Files' }).click()
  await expect(app.getByRole('table', { name: 'Files in /' })).toBeVisible()
}

async function uploadAndDownloadBack(app: Page, folder: string): Promise<void> {
  const bytes = Buffer.from(`berth upload ✓ ${Math.random()}\n`.repeat(50_000)) // ~1.9 MB: two chunks
  await app.getByLabel('Files to upload').setInputFiles({ name: FILE_NAME, mimeType: 'text/plain', buffer: bytes })
  const table = app.getByRole('table', { name: `Files in ${folder}` })
  await expect(table.getByRole('row', { name: new RegExp(FILE_NAME) })).toBeVisible({ timeout: 20_000 })

  const downloadPromise = app.waitForEvent('download')
  await app.getByRole('button', { name: `Download ${FILE_NAME}`, exact: true }).click()
  const download = await downloadPromise
  expect(download.suggestedFilename()).toBe(FILE_NAME)
  const saved = await download.path()
  expect(readFileSync(saved).equals(bytes), 'the downloaded bytes are the uploaded bytes').toBe(true)
}

test('browse into a folder with spaces, upload a unicode file, download it back byte for byte', { tag: '@podman' }, async ({ app, containers }) => {
  const { name } = await containers.create('files', { running: true, cmd: MAKE_DIR_AND_WAIT })
  await openFilesTab(app, name)
  await app.getByRole('button', { name: 'Open folder tmp' }).click()
  await app.getByRole('button', { name: `Open folder ${DIR}` }).click()
  const folder = `/tmp/${DIR}`
  await expect(app.getByRole('table', { name: `Files in ${folder}` })).toBeVisible()
  await expect(app.getByRole('navigation', { name: 'Folder path' }).getByRole('button', { name: `Folder ${folder}` })).toHaveAttribute('aria-current', 'location')

  await uploadAndDownloadBack(app, folder)

  // Breadcrumbs and Up lead back.
  await app.getByRole('button', { name: 'Up to parent folder' }).click()
  await expect(app.getByRole('table', { name: 'Files in /tmp' })).toBeVisible()
  await app.getByRole('button', { name: `Open folder ${DIR}` }).click()
  await saveThemedScreenshots(app, 'files-tab', async () => {
    await expect(app.getByRole('table', { name: `Files in ${folder}` }).getByRole('row', { name: new RegExp(FILE_NAME) })).toBeVisible()
  })
  await app.getByRole('button', { name: 'Root folder /' }).click()
  await expect(app.getByRole('table', { name: 'Files in /' })).toBeVisible()
})

test('a stopped container can be browsed and written to as well', async ({ app, containers }) => {
  const { name } = await containers.create('files-stopped')
  await openFilesTab(app, name)
  await app.getByRole('button', { name: 'Open folder tmp' }).click()
  // Uploads go to the folder on screen: wait until /tmp is the one shown (empty here: no table yet).
  await expect(app.getByRole('navigation', { name: 'Folder path' }).getByRole('button', { name: 'Folder /tmp' })).toHaveAttribute('aria-current', 'location')
  await uploadAndDownloadBack(app, '/tmp')
})

test('a stopped container’s big folder is read up to the cap, and the tab says items may be missing', async ({ app, containers, engine }) => {
  // 100 MiB (sparse on disk; the archive API sends every byte) sorts before the small file.
  const { id, name } = await containers.create('files-big', { running: true, cmd: ['sh', '-c', 'mkdir /big && truncate -s 100M /big/a-big && echo ok > /big/b-after'] })
  await expect.poll(() => engine.inspectState(id)).toBe('exited')
  await openFilesTab(app, name)
  await app.getByRole('button', { name: 'Open folder big' }).click()
  const table = app.getByRole('table', { name: 'Files in /big' })
  await expect(table.getByRole('row', { name: /a-big/ })).toBeVisible()
  await expect(table.getByRole('row', { name: /b-after/ })).toHaveCount(0)
  const note = app.getByText(/Berth stopped reading after .*, so some items may be missing/)
  await expect(note).toBeVisible()
  await expect(note).toContainText('Start the container to list it in full.')
  await saveThemedScreenshots(app, 'files-partial', async () => {
    await expect(note).toBeVisible()
  })
})

test('a folder downloads as FOLDER.tar', async ({ app, containers }) => {
  const { name } = await containers.create('files-tar', { running: true, cmd: MAKE_DIR_AND_WAIT })
  await openFilesTab(app, name)
  await app.getByRole('button', { name: 'Open folder tmp' }).click()
  const downloadPromise = app.waitForEvent('download')
  await app.getByRole('button', { name: `Download ${DIR} as a tar archive` }).click()
  const download = await downloadPromise
  expect(download.suggestedFilename()).toBe(`${DIR}.tar`)
  const tarText = readFileSync(await download.path()).toString('latin1')
  expect(tarText).toContain(`${DIR}/existing.txt`)
})
