/**
 * The run dialog in the real browser against the real engine: invalid input shows messages
 * next to the fields (and creates nothing), a filled-in dialog with limits and a port runs a
 * container whose inspect shows them, and the app opens its details. Screenshots, light and dark.
 */
import type { Locator, Page } from '@playwright/test'
import { expect, saveThemedScreenshots, test } from './support/fixtures'
import type { EngineApi } from './support/engine-api'

const MIB = 1024 * 1024

/** Adds the labels the suite's cleanup looks for, plus one unique to this test, through the dialog's Labels rows. */
async function addLabels(dialog: Locator, labels: Record<string, string>): Promise<void> {
  let row = 0
  for (const [key, value] of Object.entries(labels)) {
    row++
    await dialog.getByRole('button', { name: 'Add label' }).click()
    await dialog.getByLabel(`Label key, row ${row}`).fill(key)
    await dialog.getByLabel(`Value, label row ${row}`).fill(value)
  }
}

async function openRunDialog(page: Page): Promise<Locator> {
  await page.getByRole('button', { name: 'Run container' }).click()
  const dialog = page.getByRole('dialog', { name: 'Run a container' })
  await expect(dialog).toBeVisible()
  return dialog
}

async function removeByRunLabel(engine: EngineApi, runLabel: string): Promise<void> {
  await engine.removeContainersLabelled(['berth.test=1', `berth.test.run=${runLabel}`])
}

test('invalid input shows each message next to its field and creates nothing', async ({ app, engine, containers }) => {
  const runLabel = `${containers.prefix}-invalid`
  const dialog = await openRunDialog(app)
  await expect(dialog.getByLabel('Image', { exact: true })).toBeFocused()
  await dialog.getByLabel('Name', { exact: true }).fill('no spaces allowed')
  await dialog.getByRole('button', { name: 'Add port' }).click()
  await dialog.getByLabel('Host port, row 1').fill('70000')
  await dialog.getByRole('button', { name: 'Add volume' }).click()
  await dialog.getByLabel('Volume name, row 1').fill('data')
  await dialog.getByLabel('Container path, row 1').fill('relative/path')
  await dialog.getByRole('checkbox', { name: 'Limit memory' }).check()
  await dialog.getByRole('spinbutton', { name: 'Memory (number, MiB)' }).fill('2')
  await addLabels(dialog, { 'berth.test': '1', 'berth.test.run': runLabel })
  await dialog.getByRole('button', { name: 'Run', exact: true }).click()

  const expectInvalid = async (control: Locator, message: RegExp): Promise<void> => {
    await expect(control).toHaveAttribute('aria-invalid', 'true')
    await expect(control).toHaveAccessibleDescription(message)
  }
  await expectInvalid(dialog.getByLabel('Image', { exact: true }), /Choose an image/)
  await expectInvalid(dialog.getByLabel('Name', { exact: true }), /at least 2 characters: letters, digits/)
  await expectInvalid(dialog.getByLabel('Host port, row 1'), /1 to 65535/)
  await expectInvalid(dialog.getByLabel('Container port, row 1'), /Enter the container port/)
  await expectInvalid(dialog.getByLabel('Container path, row 1'), /must be absolute/)
  await expectInvalid(dialog.getByRole('slider', { name: 'Memory' }), /at least 6 MiB/)
  await expect(dialog.getByText('6 fields need attention')).toBeVisible()
  await expect(dialog.getByLabel('Image', { exact: true })).toBeFocused()

  await saveThemedScreenshots(app, 'run-dialog-errors', async () => {
    await expect(dialog.getByText('6 fields need attention')).toBeVisible()
  })
  expect(await engine.listContainers([`berth.test.run=${runLabel}`]), 'nothing reached the engine').toEqual([])

  await app.keyboard.press('Escape')
  await expect(dialog).toBeHidden()
})

test('a dialog filled with limits and a port runs the container, and its details open', { tag: '@podman' }, async ({ app, engine, containers, state, berthEngine }) => {
  const runLabel = `${containers.prefix}-run`
  const name = `${containers.prefix}-web`
  try {
    const dialog = await openRunDialog(app)
    await dialog.getByLabel('Image', { exact: true }).fill(state.testImage)
    await dialog.getByLabel('Name', { exact: true }).fill(name)
    await dialog.getByLabel('Command', { exact: true }).fill(`sh -c "trap 'exit 0' TERM; while true; do sleep 1; done"`)
    await dialog.getByRole('button', { name: 'Add port' }).click()
    await dialog.getByRole('button', { name: 'Pick a free port, row 1' }).click()
    await expect(dialog.getByLabel('Host port, row 1')).toHaveValue(/^\d+$/)
    const hostPort = Number(await dialog.getByLabel('Host port, row 1').inputValue())
    await dialog.getByLabel('Host IP, row 1').fill('127.0.0.1')
    await dialog.getByLabel('Container port, row 1').fill('8080')
    await dialog.getByRole('button', { name: 'Add variable' }).click()
    await dialog.getByLabel('Variable name, row 1').fill('GREETING')
    await dialog.getByLabel('Value, variable row 1').fill('hello')
    await addLabels(dialog, { 'berth.test': '1', 'berth.test.run': runLabel })
    await dialog.getByRole('checkbox', { name: 'Limit CPUs' }).check()
    await dialog.getByRole('spinbutton', { name: 'CPUs (number)' }).fill('0.5')
    await dialog.getByRole('checkbox', { name: 'Limit memory' }).check()
    await dialog.getByRole('spinbutton', { name: 'Memory (number, MiB)' }).fill('64')
    await dialog.getByRole('combobox', { name: 'Memory + swap' }).selectOption({ label: 'Limited to…' })
    await dialog.getByRole('spinbutton', { name: 'Memory + swap limit (number, MiB)' }).fill('128')
    await dialog.getByRole('checkbox', { name: 'Limit processes' }).check()
    await dialog.getByLabel('Process limit').fill('64')
    await saveThemedScreenshots(app, 'run-dialog-filled', async () => {
      await expect(dialog.getByLabel('Name', { exact: true })).toHaveValue(name)
    })
    await dialog.getByRole('button', { name: 'Run', exact: true }).click()

    await expect(dialog).toBeHidden({ timeout: 20_000 })
    await expect(app.getByRole('heading', { name, exact: true })).toBeVisible()
    await expect(app.getByRole('tab', { name: 'Overview' })).toHaveAttribute('aria-selected', 'true')
    if (berthEngine === 'podman') {
      // Podman 4.3 can't change limits live: the Overview lists them instead of offering sliders.
      await expect(app.getByRole('group', { name: 'Live resource limits' }).getByRole('definition')).toHaveText(['0.5 CPUs', '64 MiB', '128 MiB', '64'])
    } else {
      await expect(app.getByText('now: 0.5 CPUs')).toBeVisible()
      await expect(app.getByText('now: 64 MiB')).toBeVisible()
    }
    await expect(app.getByRole('link', { name: `localhost:${hostPort}` })).toBeVisible()

    const [entry] = await engine.listContainers([`berth.test.run=${runLabel}`])
    expect(entry.State).toBe('running')
    const inspect = (await engine.ok('GET', `/containers/${entry.Id}/json`)) as {
      HostConfig: { NanoCpus: number; Memory: number; MemorySwap: number; PidsLimit: number }
      NetworkSettings: { Ports: Record<string, Array<{ HostPort: string }>> }
    }
    expect(inspect.HostConfig).toMatchObject({ NanoCpus: 500_000_000, Memory: 64 * MIB, MemorySwap: 128 * MIB, PidsLimit: 64 })
    expect(inspect.NetworkSettings.Ports['8080/tcp'][0].HostPort).toBe(String(hostPort))

    await app.getByRole('button', { name: 'Back to containers' }).click()
    await app.getByRole('searchbox', { name: 'Search containers' }).fill(name)
    await expect(app.getByRole('grid', { name: 'Containers' }).getByRole('row', { name, exact: true })).toBeVisible()
  } finally {
    await removeByRunLabel(engine, runLabel)
  }
})

test('"Run IMAGE" on the Images page opens the dialog with that image', { tag: '@podman' }, async ({ app, state }) => {
  await app.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: /Images/ }).click()
  await app.getByRole('button', { name: `Run ${state.testImage}`, exact: true }).click()
  const dialog = app.getByRole('dialog', { name: 'Run a container' })
  await expect(dialog.getByLabel('Image', { exact: true })).toHaveValue(state.testImage)
  await dialog.getByRole('button', { name: 'Cancel' }).click()
  await expect(dialog).toBeHidden()
})
