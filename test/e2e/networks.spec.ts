/**
 * The Networks page in Chromium against the real engine: create a network with a subnet and a
 * gateway (a gateway outside the subnet refused beside the field first), connect a running
 * container with an alias and an address (read back from the engine), the in-use explanation
 * naming it, disconnect, remove; Docker's own networks can't be removed and say so; prune preview.
 * Light and dark screenshots of the page and each dialog.
 */
import { randomBytes } from 'node:crypto'
import type { Page } from '@playwright/test'
import { expect, saveThemedScreenshots, test } from './support/fixtures'
import type { EngineApi } from './support/engine-api'
import { E2E_LABELS } from './support/state'
import { ui } from './support/ui'

const AREA = { ...E2E_LABELS, 'berth.test.area': 'volumes-networks' }
const LABEL_LINES = Object.entries(AREA)
  .map(([key, value]) => `${key}=${value}`)
  .join('\n')
/** A /24 the other suites don't use; varied per run so a leftover can't block the next one. */
const octet = 100 + (process.pid % 100)

async function openNetworks(app: Page): Promise<void> {
  await ui.nav(app).getByRole('link', { name: /^Networks\b/ }).click()
  await expect(app.getByRole('heading', { name: 'Networks', exact: true })).toBeVisible()
}

function networkRow(app: Page, name: string) {
  return app.getByRole('grid', { name: 'Networks' }).getByRole('row', { name, exact: true })
}

/** A running container on the default bridge (one with no network can't join others). */
async function runningContainer(engine: EngineApi, image: string): Promise<{ id: string; name: string }> {
  const name = `vn-e2e-ctr-${randomBytes(3).toString('hex')}`
  const { Id } = (await engine.ok('POST', `/containers/create?name=${name}`, {
    Image: image,
    Cmd: ['sh', '-c', 'trap "exit 0" TERM; while true; do sleep 0.2; done'],
    Labels: AREA,
    HostConfig: { NetworkMode: 'bridge' }
  })) as { Id: string }
  await engine.start(Id)
  return { id: Id, name }
}

async function removeNetwork(engine: EngineApi, name: string): Promise<void> {
  await engine.request('DELETE', `/networks/${encodeURIComponent(name)}`)
}

test('create a network, connect a container with an alias, see it in use, disconnect, remove', { tag: '@podman' }, async ({ app, engine, state, berthEngine }) => {
  // Podman lists only the networks it has (its default one is called bridge in the compatible
  // API; no host or none) and offers no overlay driver at all.
  const podman = berthEngine === 'podman'
  const name = `vn-e2e-net-${randomBytes(3).toString('hex')}`
  const subnet = `10.232.${octet}.0/24`
  const container = await runningContainer(engine, state.testImage)
  try {
    await openNetworks(app)
    // The engine's own networks: the remove button is off and its name says why.
    await expect(networkRow(app, 'bridge').getByRole('button', { name: `Remove bridge (${podman ? 'Podman' : 'Docker'}'s own network: it can't be removed)` })).toBeDisabled()
    await saveThemedScreenshots(app, 'networks-page', async () => {
      await expect(networkRow(app, podman ? 'bridge' : 'host')).toBeVisible()
    })

    await app.getByRole('button', { name: 'Create network' }).click()
    const create = app.getByRole('dialog', { name: 'Create a network' })
    await create.getByLabel('Name').fill(name)
    await create.getByLabel('IPv4 subnet').fill(subnet)
    await create.getByLabel('IPv4 gateway').fill(`10.233.${octet}.1`)
    await create.getByLabel('IPv4 IP range').fill(`10.232.${octet}.7/24`)
    await create.getByRole('button', { name: 'Create', exact: true }).click()
    await expect(create.getByText(`the gateway must be inside ${subnet}`)).toBeVisible()
    await expect(create.getByText(`the IP range has host bits set: did you mean 10.232.${octet}.0/24?`)).toBeVisible()
    await expect(create.getByLabel('Driver', { exact: true })).toHaveValue('bridge')
    await expect(create.getByRole('option', { name: 'overlay (not available)' })).toBeDisabled()
    await expect(create.getByText(podman ? 'This engine offers bridge, macvlan, ipvlan. overlay: this engine has no such driver.' : /This engine offers bridge, .*overlay: needs Swarm mode/)).toBeVisible()
    await saveThemedScreenshots(app, 'networks-create-errors', async () => {
      await expect(create.getByText(`the gateway must be inside ${subnet}`)).toBeVisible()
    })
    await create.getByLabel('IPv4 gateway').fill(`10.232.${octet}.1`)
    await create.getByLabel('IPv4 IP range').fill('')
    await create.getByLabel('Labels').fill(LABEL_LINES)
    await create.getByRole('button', { name: 'Create', exact: true }).click()
    await expect(create.getByRole('status')).toHaveText(`Created network ${name}.`)
    await create.getByRole('button', { name: 'Close' }).click()
    const row = networkRow(app, name)
    await expect(row).toBeVisible({ timeout: 2_000 })
    await expect(row).toContainText(`${subnet} · gw 10.232.${octet}.1`)

    // Connect from the details dialog, with an alias and a fixed address.
    await row.getByRole('button', { name: `Details of ${name}` }).click()
    const details = app.getByRole('dialog', { name: `Network ${name}` })
    await expect(details).toContainText('No container is connected.')
    await details.getByRole('button', { name: 'Connect a container…' }).click()
    const connect = app.getByRole('dialog', { name: `Connect a container to ${name}` })
    await connect.getByLabel('Container').selectOption({ label: `${container.name} (running)` })
    await connect.getByLabel('Aliases').fill('db bad alias!')
    await connect.getByLabel('IPv4 address (optional)').fill('10.9.9.9')
    await connect.getByRole('button', { name: 'Connect', exact: true }).click()
    await expect(connect.getByText('"alias!" is not a host name: use letters, digits, - _ and dots between them')).toBeVisible()
    await expect(connect.getByText(`must be inside ${subnet}`)).toBeVisible()
    await connect.getByLabel('Aliases').fill('db primary.db')
    await connect.getByLabel('IPv4 address (optional)').fill(`10.232.${octet}.50`)
    await saveThemedScreenshots(app, 'networks-connect', async () => {
      await expect(connect.getByLabel('Aliases')).toHaveValue('db primary.db')
    })
    await connect.getByRole('button', { name: 'Connect', exact: true }).click()

    const endpoints = details.getByRole('table', { name: `Containers on ${name}` })
    const endpoint = endpoints.getByRole('row', { name: new RegExp(container.name) })
    await expect(endpoint).toContainText(`10.232.${octet}.50`)
    await expect(endpoint).toContainText('db, primary.db')
    // The page's row follows the connect event under the dialog.
    await expect(row.getByRole('button', { name: `Open container ${container.name} (running)` })).toBeAttached({ timeout: 2_000 })
    const inspected = (await engine.ok('GET', `/containers/${container.id}/json`)) as { NetworkSettings: { Networks: Record<string, { Aliases: string[]; IPAddress: string }> } }
    expect(inspected.NetworkSettings.Networks[name].Aliases).toEqual(expect.arrayContaining(['db', 'primary.db']))
    expect(inspected.NetworkSettings.Networks[name].IPAddress).toBe(`10.232.${octet}.50`)
    await saveThemedScreenshots(app, 'networks-details', async () => {
      await expect(endpoint).toContainText('db, primary.db')
    })

    // In use: removal names the running container and is not offered.
    await details.getByRole('button', { name: 'Remove…' }).click()
    const remove = app.getByRole('dialog', { name: `Remove network ${name}` })
    await expect(remove.getByRole('status')).toContainText(`${name} is in use by ${container.name} (running).`)
    await expect(remove.getByRole('button', { name: 'Remove network' })).toBeDisabled()
    await saveThemedScreenshots(app, 'networks-remove-in-use', async () => {
      await expect(remove.getByRole('status')).toContainText(container.name)
    })
    await app.keyboard.press('Escape')

    // Disconnect, then remove: the row goes by itself.
    await row.getByRole('button', { name: `Details of ${name}` }).click()
    await details.getByRole('button', { name: `Disconnect ${container.name}` }).click()
    await expect(details).toContainText('No container is connected.')
    await expect(row.getByRole('button', { name: `Open container ${container.name} (running)` })).not.toBeAttached({ timeout: 2_000 })
    const after = (await engine.ok('GET', `/containers/${container.id}/json`)) as { NetworkSettings: { Networks: Record<string, unknown> } }
    // Podman's inspect names its default network by its own name (its network list says bridge).
    expect(Object.keys(after.NetworkSettings.Networks)).toEqual([podman ? 'podman' : 'bridge'])
    await details.getByRole('button', { name: 'Remove…' }).click()
    await remove.getByRole('button', { name: 'Remove network' }).click()
    await expect(remove).toBeHidden()
    await expect(row).toBeHidden({ timeout: 2_000 })
    expect((await engine.request('GET', `/networks/${name}`)).status).toBe(404)
  } finally {
    await engine.remove(container.id)
    await removeNetwork(engine, name)
  }
})

test('prune previews only unused networks, and Escape closes it', { tag: '@podman' }, async ({ app, engine }) => {
  const name = `vn-e2e-unused-${randomBytes(3).toString('hex')}`
  await engine.ok('POST', '/networks/create', { Name: name, CheckDuplicate: true, Labels: { ...AREA, 'vn.e2e.prune': name } })
  try {
    await openNetworks(app)
    await app.getByRole('button', { name: 'Prune…' }).click()
    const prune = app.getByRole('dialog', { name: 'Prune unused networks' })
    await prune.getByLabel('Only with label (optional)').fill(`vn.e2e.prune=${name}`)
    await prune.getByRole('button', { name: 'Show', exact: true }).click()
    const table = prune.getByRole('table', { name: 'Networks to remove' })
    await expect(table.getByRole('row')).toHaveCount(2)
    await expect(table.getByRole('cell', { name, exact: true })).toBeVisible()
    await saveThemedScreenshots(app, 'networks-prune-preview', async () => {
      await expect(table.getByRole('row')).toHaveCount(2)
    })
    await prune.getByRole('button', { name: 'Remove 1 network' }).click()
    await expect(prune.getByRole('status')).toContainText('Removed 1 network.')
    await app.keyboard.press('Escape')
    await expect(prune).toBeHidden()
    await expect(networkRow(app, name)).toBeHidden({ timeout: 2_000 })
  } finally {
    await removeNetwork(engine, name)
  }
})
