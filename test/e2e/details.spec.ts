/**
 * Container details in the real browser against the real engine: opened from the list by name;
 * live limits applied with docker update (inspect and the engine's stats follow); the restart
 * policy edited; a --cpu-quota container's conflict explained and its equivalent applied;
 * Inspect's search; Rename. Screenshots of Overview and Inspect, light and dark. On Podman (the
 * `podman` project), the live controls are off with the reason instead.
 */
import type { Page } from '@playwright/test'
import { expect, saveThemedScreenshots, test } from './support/fixtures'
import { QUICK_STOP_COMMAND, type EngineApi } from './support/engine-api'

const MIB = 1024 * 1024

async function openDetails(page: Page, name: string): Promise<void> {
  await page.getByRole('searchbox', { name: 'Search containers' }).fill(name)
  await page.getByRole('grid', { name: 'Containers' }).getByRole('button', { name, exact: true }).click()
  await expect(page.getByRole('heading', { name, exact: true })).toBeVisible()
}

/**
 * Podman 4.3 can't change a running container's limits or restart policy (no compatible update
 * route; electron/core/engine/capabilities.ts): the limits are listed without controls and the
 * restart policy is off, each saying why and what to do instead; the container keeps what it had.
 */
async function expectLiveChangesRefused(app: Page, engine: EngineApi, id: string): Promise<void> {
  const version = ((await engine.ok('GET', '/version')) as { Version: string }).Version.split('.').slice(0, 2).join('.')
  const limits = app.getByRole('group', { name: 'Live resource limits' })
  await expect(limits).toHaveAccessibleDescription(`Podman ${version} can't change the limits of a running container; recreate it with new limits.`)
  await expect(limits.getByRole('slider')).toHaveCount(0)
  await expect(limits.getByRole('spinbutton')).toHaveCount(0)
  const inspected = (await engine.ok('GET', `/containers/${id}/json`)) as { HostConfig: { Memory: number; NanoCpus: number; PidsLimit: number | null } }
  const pids = inspected.HostConfig.PidsLimit ?? 0
  await expect(limits.getByRole('definition')).toHaveText(['no limit', 'no limit', 'engine default', pids > 0 ? String(pids) : 'no limit'])
  const policy = app.getByRole('combobox', { name: 'Restart policy' })
  await expect(policy).toBeDisabled()
  await expect(policy).toHaveAccessibleDescription(`Podman ${version} can't change a container's restart policy once it is created; recreate it with the policy you want.`)
  await expect(app.getByRole('button', { name: 'Save restart policy' })).toBeDisabled()
  await saveThemedScreenshots(app, 'details-overview', async () => {
    await expect(limits).toHaveAccessibleDescription(/can't change the limits/)
  })
  expect(inspected.HostConfig).toMatchObject({ Memory: 0, NanoCpus: 0 })
}

test('live sliders change the running container: inspect and stats follow; restart policy edits', { tag: '@podman' }, async ({ app, containers, engine, berthEngine }) => {
  const { id, name } = await containers.create('limits', { running: true })
  await openDetails(app, name)
  if (berthEngine === 'podman') return expectLiveChangesRefused(app, engine, id)
  await expect(app.getByText('now: no limit').first()).toBeVisible()

  const memory = app.getByRole('spinbutton', { name: 'Memory (number, MiB)' })
  await memory.fill('96')
  await memory.press('Enter')
  await expect(app.getByText('now: 96 MiB')).toBeVisible()
  await expect(app.getByRole('status').filter({ hasText: 'Applied.' })).toBeVisible()
  const inspected = (await engine.ok('GET', `/containers/${id}/json`)) as { HostConfig: { Memory: number; MemorySwap: number; NanoCpus: number } }
  expect(inspected.HostConfig.Memory).toBe(96 * MIB)
  expect(inspected.HostConfig.MemorySwap, 'memory + swap was sent with memory').toBeGreaterThanOrEqual(96 * MIB)
  const stats = (await engine.ok('GET', `/containers/${id}/stats?stream=false`)) as { memory_stats: { limit: number } }
  expect(stats.memory_stats.limit).toBe(96 * MIB)

  const cpus = app.getByRole('spinbutton', { name: 'CPUs (number)' })
  await cpus.fill('0.5')
  await cpus.press('Enter')
  await expect(app.getByText('now: 0.5 CPUs')).toBeVisible()
  expect(((await engine.ok('GET', `/containers/${id}/json`)) as typeof inspected).HostConfig.NanoCpus).toBe(500_000_000)

  await app.getByRole('combobox', { name: 'Restart policy' }).selectOption({ label: 'Unless stopped' })
  await app.getByRole('button', { name: 'Save restart policy' }).click()
  await expect(app.getByText('Restart policy saved.')).toBeVisible()
  const policy = (await engine.ok('GET', `/containers/${id}/json`)) as { HostConfig: { RestartPolicy: { Name: string } } }
  expect(policy.HostConfig.RestartPolicy.Name).toBe('unless-stopped')

  // The memory range is a log scale of round sizes: one arrow key from 96 MiB is 112 MiB, applied on key-up.
  await app.getByRole('slider', { name: 'Memory', exact: true }).press('ArrowRight')
  await expect(app.getByText('now: 112 MiB')).toBeVisible()
  expect(((await engine.ok('GET', `/containers/${id}/json`)) as typeof inspected).HostConfig.Memory).toBe(112 * MIB)

  // A process limit typed but not applied is a draft: it stays, with the way back beside it.
  await app.getByRole('textbox', { name: 'Process limit' }).fill('50')
  await saveThemedScreenshots(app, 'details-overview', async () => {
    await expect(app.getByText('now: 112 MiB')).toBeVisible()
    await expect(app.getByRole('button', { name: 'Cancel process limit change' })).toBeVisible()
  })
  await app.getByRole('button', { name: 'Cancel process limit change' }).click()
  await expect(app.getByRole('textbox', { name: 'Process limit' })).toHaveValue('')
})

// Not in the Podman subset: it changes a limit live, which Podman 4.3 can't (the test above asserts the refusal there).
test('a --cpu-quota container: the CPUs conflict is explained in words and the equivalent quota applies', async ({ app, engine, containers, state }) => {
  const name = `${containers.prefix}-quota`
  const created = (await engine.ok('POST', `/containers/create?name=${name}`, {
    Image: state.testImage,
    Cmd: QUICK_STOP_COMMAND,
    // Not the suite label: a concurrent run's start-up sweep of leftover e2e containers must not take it.
    Labels: { 'berth.test': '1', 'berth.test.run': `${containers.prefix}-quota` },
    HostConfig: { NetworkMode: 'none', CpuQuota: 50_000, CpuPeriod: 100_000 }
  })) as { Id: string }
  try {
    await engine.start(created.Id)
    await openDetails(app, name)
    await expect(app.getByText('now: 0.5 CPUs (CPU quota)')).toBeVisible()
    const cpus = app.getByRole('spinbutton', { name: 'CPUs (number)' })
    await cpus.fill('1')
    await cpus.press('Enter')
    const alert = app.getByRole('alert').filter({ hasText: 'created with a CPU quota' })
    await expect(alert).toContainText("the engine won't switch it to a CPUs limit (--cpus)")
    await alert.getByRole('button', { name: 'Apply the equivalent quota' }).click()
    await expect(app.getByText('now: 1 CPU (CPU quota)')).toBeVisible()
    const inspected = (await engine.ok('GET', `/containers/${created.Id}/json`)) as { HostConfig: { CpuQuota: number } }
    expect(inspected.HostConfig.CpuQuota).toBe(100_000)
  } finally {
    await engine.remove(created.Id)
  }
})

test('Inspect shows the JSON as a searchable tree; Rename validates and renames', { tag: '@podman' }, async ({ app, containers, engine }) => {
  const { id, name } = await containers.create('inspect', { running: true })
  await openDetails(app, name)
  await app.getByRole('tab', { name: 'Inspect' }).click()
  await expect(app.getByRole('tree', { name: 'Container JSON' })).toBeVisible()
  await app.getByRole('searchbox', { name: 'Search the JSON' }).fill('berth.test.suite')
  await expect(app.getByText('1 match')).toBeVisible()
  await expect(app.getByRole('button', { name: 'Collapse Labels' })).toBeVisible()
  await expect(app.locator('mark', { hasText: 'berth.test.suite' })).toBeVisible()
  await app.getByRole('button', { name: 'Copy JSON' }).click()
  await expect(app.getByText(/Copied the JSON|Couldn’t reach the clipboard/)).toBeVisible()
  await saveThemedScreenshots(app, 'details-inspect', async () => {
    await expect(app.getByText('1 match')).toBeVisible()
  })

  await app.getByRole('button', { name: 'Rename', exact: true }).click()
  const dialog = app.getByRole('dialog', { name: `Rename ${name}` })
  const input = dialog.getByLabel('New name')
  await input.fill('bad name')
  await expect(input).toHaveAccessibleDescription(/at least 2 characters/)
  const renamed = `${name}-renamed`
  await input.fill(renamed)
  await dialog.getByRole('button', { name: 'Rename' }).click()
  await expect(dialog).toBeHidden()
  await expect(app.getByRole('heading', { name: renamed, exact: true })).toBeVisible()
  expect(((await engine.ok('GET', `/containers/${id}/json`)) as { Name: string }).Name).toBe(`/${renamed}`)
})
