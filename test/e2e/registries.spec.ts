/**
 * The Registries page in Chromium against the real htpasswd registry: add 127.0.0.1:5000, log in
 * through the dialog (a wrong password first: the field says so and nothing is saved), browse
 * repositories and tags, delete a tag, log out, and Docker Hub's search saying plainly that it
 * can't be reached from this machine. This spec runs its own Berth server with its own
 * DOCKER_CONFIG, so the real ~/.docker is never read or written.
 */
import { existsSync, readFileSync } from 'node:fs'
import { expect, openBerth, saveThemedScreenshots, test } from './support/fixtures'
import { startServe, type ServeHandle } from './support/serve'
import { loadTestHost } from '../support/testHost'
import { deleteRepositories, engineFor, loginOf, pushUniqueImage, rawRegistry, runPrefix, tempDockerConfig, type TempDockerConfig } from '../support/registries'
import { ui } from './support/ui'
import { removeImage } from './support/image-api'
import { formatBytes } from '../../renderer/src/lib/format'

const host = loadTestHost()
const registry = host.registry.host
const prefix = runPrefix('e2e')
const APP = `${prefix}/app`
const OTHERS = ['base', 'tools']

let server: ServeHandle
let dockerConfig: TempDockerConfig

test.describe.configure({ mode: 'serial' })

test.beforeAll(async () => {
  const engine = engineFor(host)
  try {
    for (const tag of ['t1', 't2', 't3']) await pushUniqueImage(engine, `${registry}/${APP}:${tag}`, loginOf(host))
    for (const name of OTHERS) await pushUniqueImage(engine, `${registry}/${prefix}/${name}:latest`, loginOf(host))
  } finally {
    engine.close()
  }
  dockerConfig = tempDockerConfig()
  server = await startServe({ dockerHost: host.dockerHost, env: { DOCKER_CONFIG: dockerConfig.dir } })
})

test.afterAll(async () => {
  await server?.stop()
  dockerConfig?.cleanup()
  await deleteRepositories(host, prefix)
  // The tag the test pulled through the browser (the engine's copy; the registry's is gone above).
  const engine = engineFor(host)
  try {
    await removeImage(engine, `${registry}/${APP}:t2`).catch(() => {})
  } finally {
    engine.close()
  }
})

function savedAuths(): Record<string, { auth?: string }> {
  if (!existsSync(dockerConfig.configPath)) return {}
  return (JSON.parse(readFileSync(dockerConfig.configPath, 'utf8')) as { auths?: Record<string, { auth?: string }> }).auths ?? {}
}

test('add a registry, log in (wrong password first), browse, delete a tag, log out', async ({ page }) => {
  await openBerth(page, server.url)
  await ui.nav(page).getByRole('link', { name: 'Registries' }).click()
  await expect(page.getByRole('heading', { name: 'Registries', exact: true })).toBeVisible()
  const side = page.getByRole('navigation', { name: 'Registry list' })
  await expect(side.getByRole('button', { name: 'Docker Hub, Not logged in' })).toHaveAttribute('aria-current', 'true')

  // Add: the address is checked before anything is asked of it.
  await side.getByRole('button', { name: 'Add registry…' }).click()
  const add = page.getByRole('dialog', { name: 'Add a registry' })
  await add.getByLabel('Registry address').fill('my registry')
  await add.getByRole('button', { name: 'Add registry' }).click()
  await expect(add.getByText('a registry address has no spaces')).toBeVisible()
  await add.getByLabel('Registry address').fill(registry)
  await add.getByLabel('Registry address').press('Enter')
  await expect(add).toBeHidden()
  const entry = side.getByRole('button', { name: `${registry}, Not logged in` })
  await expect(entry).toHaveAttribute('aria-current', 'true')
  await expect(page.getByText(`http://${registry}`)).toBeVisible()

  // Anonymous: the registry wants a login, and the page offers one.
  const repos = page.getByRole('region', { name: 'Repositories' })
  await expect(repos.getByRole('alert')).toContainText(`Log in to ${registry} to list its repositories.`)
  await repos.getByRole('button', { name: 'Log in…' }).click()

  const login = page.getByRole('dialog', { name: `Log in to ${registry}` })
  await expect(login.getByLabel('User name')).toBeFocused()
  await login.getByLabel('User name').fill(host.registry.user)
  await login.getByLabel('Password').fill('certainly-not-the-password')
  await login.getByRole('button', { name: 'Log in', exact: true }).click()
  const refused = `${registry} refused this user name and password. Nothing was saved.`
  await expect(login.getByText(refused)).toBeVisible()
  await expect(login.getByLabel('Password')).toHaveAttribute('aria-invalid', 'true')
  await expect(login.getByLabel('Password')).toHaveValue('')
  expect(savedAuths()[registry]).toBeUndefined()
  await saveThemedScreenshots(page, 'registries-login-dialog', async () => {
    await expect(login.getByText(refused)).toBeVisible()
  })

  await login.getByLabel('Password').fill(host.registry.password)
  await login.getByLabel('Password').press('Enter')
  await expect(login.getByRole('status')).toContainText(`Logged in to ${registry} as ${host.registry.user}`)
  expect(Buffer.from(savedAuths()[registry]?.auth ?? '', 'base64').toString()).toBe(`${host.registry.user}:${host.registry.password}`)
  await expect(page.locator('body')).not.toContainText(host.registry.password)
  await login.getByRole('button', { name: 'Close' }).click()
  await expect(side.getByRole('button', { name: `${registry}, Logged in as ${host.registry.user}` })).toBeVisible()

  // Browse: search the catalog for this run's repositories, open one, see its tags.
  await repos.getByRole('searchbox', { name: 'Search repositories' }).fill(prefix)
  const list = repos.getByRole('list', { name: `Repositories in ${registry}` })
  await expect(list.getByRole('button')).toHaveText([APP, `${prefix}/base`, `${prefix}/tools`])
  await list.getByRole('button', { name: APP }).click()
  const table = page.getByRole('table', { name: `Tags of ${APP}` })
  await expect(table.getByRole('row')).toHaveCount(4)
  const t2 = table.getByRole('row', { name: 't2' })
  const head = await rawRegistry(host, `/v2/${APP}/manifests/t2`, { method: 'HEAD', accept: 'application/vnd.docker.distribution.manifest.v2+json' })
  const digest = head.headers.get('docker-content-digest') ?? ''
  await expect(t2.getByRole('rowheader')).toHaveText('t2linux/amd64')
  await expect(t2.getByRole('button', { name: 'Copy digest of t2' })).toHaveText(digest.slice(0, 19))
  const manifest = (await (await rawRegistry(host, `/v2/${APP}/manifests/t2`, { accept: 'application/vnd.docker.distribution.manifest.v2+json' })).json()) as {
    config: { size: number }
    layers: Array<{ size: number }>
  }
  await expect(t2.getByRole('cell').nth(1)).toHaveText(formatBytes(manifest.config.size + manifest.layers.reduce((sum, layer) => sum + layer.size, 0)))
  await expect(t2.getByRole('cell').nth(2)).toHaveText(/just now|ago/)
  await t2.getByRole('button', { name: 'Copy digest of t2' }).click()
  await expect(page.getByText(`Copied the digest of t2: ${digest}`)).toBeVisible()
  await saveThemedScreenshots(page, 'registries-browser', async () => {
    await expect(table.getByRole('row')).toHaveCount(4)
  })

  // Pull opens the pull dialog with the reference filled in (the dialog is the distribution area's).
  // It starts at once: wait for its end, so the pulled tag exists for afterAll to remove.
  await t2.getByRole('button', { name: `Pull ${registry}/${APP}:t2` }).click()
  await expect(page.getByRole('dialog')).toBeVisible()
  await expect(page.getByRole('dialog')).toContainText(new RegExp(`Pulled ${registry}/${APP}:t2|${registry}/${APP}:t2 is already up to date`), { timeout: 30_000 })
  await page.keyboard.press('Escape')
  await expect(page.getByRole('dialog')).toBeHidden()

  // Delete t2 after a confirmation naming it; t1 and t3 stay.
  await t2.getByRole('button', { name: 'Delete tag t2' }).click()
  const confirm = page.getByRole('dialog', { name: `Delete ${APP}:t2?` })
  await expect(confirm).toContainText(digest)
  await confirm.getByRole('button', { name: 'Delete tag' }).click()
  await expect(confirm).toBeHidden()
  await expect(table.getByRole('row', { name: 't2' })).toHaveCount(0)
  await expect(table.getByRole('row')).toHaveCount(3)
  expect((await rawRegistry(host, `/v2/${APP}/manifests/${digest}`, { method: 'HEAD' })).status).toBe(404)

  // Log out: the registry is erased from config.json like `docker logout` does.
  await page.getByRole('button', { name: 'Log out', exact: true }).click()
  await expect(side.getByRole('button', { name: `${registry}, Not logged in` })).toBeVisible()
  expect(savedAuths()[registry]).toBeUndefined()
})

test('Docker Hub search says it cannot be reached from this machine', async ({ page }) => {
  await openBerth(page, server.url)
  await ui.nav(page).getByRole('link', { name: 'Registries' }).click()
  await page.getByRole('navigation', { name: 'Registry list' }).getByRole('button', { name: /^Docker Hub,/ }).click()
  await page.getByRole('searchbox', { name: 'Search Docker Hub' }).fill('busybox')
  await page.getByRole('button', { name: 'Search', exact: true }).click()
  const notice = page.getByRole('status').filter({ hasText: 'Docker Hub' })
  await expect(notice).toContainText("Docker Hub can't be reached from this machine, so it cannot be searched", { timeout: 15_000 })
  await saveThemedScreenshots(page, 'registries-hub-offline', async () => {
    await expect(notice).toBeVisible()
  })
})
