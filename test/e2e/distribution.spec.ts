/**
 * Pull, push and tag through the UI in Chromium, against the real engine and the htpasswd
 * registry. Transfers go through a slow link to the registry (support/slow-registry.ts) so the
 * progress is on screen long enough to see and photograph. Berth runs here with its own server
 * whose DOCKER_CONFIG holds the registry login (as `docker login` writes it); the suite's shared
 * server has none, which is how the "Log in" offer is seen.
 * On Podman (the `podman` project: pull and tag) the engine reaches the registry itself, without
 * the slow link: its network namespace reaches 127.0.0.1:5000 only (scripts/test-host/registry-relay.mjs).
 */
import { randomBytes } from 'node:crypto'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Page } from '@playwright/test'
import { loadTestHost } from '../support/testHost'
import { EngineApi } from './support/engine-api'
import { expect, openBerth, saveThemedScreenshots, test } from './support/fixtures'
import { build, push, removeImage } from './support/image-api'
import { startServe, type ServeHandle } from './support/serve'
import { startSlowRegistry, type SlowRegistry } from './support/slow-registry'
import { ui } from './support/ui'

const host = loadTestHost()
const login = { host: host.registry.host, user: host.registry.user, password: host.registry.password }
const suffix = randomBytes(3).toString('hex')
const pullName = `distribution/e2e-pull-${suffix}`
const pushName = `distribution/e2e-push-${suffix}`
let slow: SlowRegistry
/** The registry as Berth's engine reaches it: the slow link on dockerd, the registry itself on Podman. */
let via: string
let podman = false
let server: ServeHandle
let configDir: string
let engine: EngineApi
/**
 * Not the suite's e2e label: other e2e runs sharing this engine remove e2e-labelled images at
 * their start and end, which would pull these away mid-test. This spec removes its own.
 */
const AREA_LABELS = { 'berth.test': '1', 'berth.test.area': 'distribution' }

/** A Dockerfile FROM the test image with one RUN layer of random bytes per size. */
function layered(testImage: string, sizes: number[]): string {
  // A fresh nonce keeps the builder's cache from handing back layers an earlier run pushed.
  return [`FROM ${testImage}`, `ENV NONCE=${randomBytes(8).toString('hex')}`, ...sizes.map((bytes, i) => `RUN head -c ${bytes} /dev/urandom > /layer-${i}.bin`)].join('\n')
}

async function deleteTagFromRegistry(name: string, tag: string): Promise<void> {
  const authorization = `Basic ${Buffer.from(`${login.user}:${login.password}`).toString('base64')}`
  const head = await fetch(`${host.registry.url}/v2/${name}/manifests/${tag}`, {
    method: 'HEAD',
    headers: { authorization, accept: 'application/vnd.docker.distribution.manifest.v2+json' }
  })
  const digest = head.headers.get('docker-content-digest')
  if (digest) await fetch(`${host.registry.url}/v2/${name}/manifests/${digest}`, { method: 'DELETE', headers: { authorization } })
}

test.beforeAll(async ({ state }) => {
  test.setTimeout(180_000)
  podman = state.engine === 'podman'
  engine = new EngineApi(state.engineSocket)
  // The pull test's image: in the registry, not on the engine.
  await build(engine, `${host.registry.host}/${pullName}:v1`, layered(state.testImage, [7e6, 6e6, 6e6, 5e6]), AREA_LABELS)
  await push(engine, `${host.registry.host}/${pullName}:v1`, login)
  await removeImage(engine, `${host.registry.host}/${pullName}:v1`, true)

  slow = await startSlowRegistry(host.registry.host, 1_500_000)
  via = podman ? host.registry.host : slow.host
  // The push test's image: on the engine, named for the slow link, not yet in the registry.
  await build(engine, `${via}/${pushName}:v1`, layered(state.testImage, [6e6, 5e6, 5e6]), AREA_LABELS)

  configDir = mkdtempSync(join(tmpdir(), 'berth-e2e-docker-config-'))
  const auth = Buffer.from(`${login.user}:${login.password}`).toString('base64')
  writeFileSync(join(configDir, 'config.json'), JSON.stringify({ auths: { [host.registry.host]: { auth }, [slow.host]: { auth } } }))
  server = await startServe({ dockerHost: state.server.dockerHost, env: { DOCKER_CONFIG: configDir } })
})

test.afterAll(async () => {
  await server?.stop()
  await slow?.close()
  if (!engine) return
  const made = [`${host.registry.host}/${pullName}:v1`, `${host.registry.host}/${pushName}:v2`]
  if (via) made.push(`${via}/${pullName}:v1`, `${via}/${pushName}:v1`)
  for (const reference of made) await removeImage(engine, reference, true).catch(() => {})
  await deleteTagFromRegistry(pullName, 'v1')
  await deleteTagFromRegistry(pushName, 'v1')
  engine?.close()
  if (configDir) rmSync(configDir, { recursive: true, force: true })
})

async function openImages(page: Page, url?: string): Promise<void> {
  if (url) await openBerth(page, url)
  await ui.nav(page).getByRole('link', { name: 'Images' }).click()
  await expect(page.getByRole('heading', { name: 'Images', exact: true })).toBeVisible()
}

async function rowMenu(page: Page, reference: string, item: string): Promise<void> {
  await ui.imagesSearch(page).fill(reference)
  await page.getByRole('button', { name: `More actions for ${reference}`, exact: true }).click()
  await page.getByRole('menuitem', { name: item }).click()
}

test('pull: a bad reference is named at the field; a good one shows per-layer progress, then Run…', { tag: '@podman' }, async ({ page }) => {
  test.setTimeout(90_000)
  await openImages(page, server.url)
  await page.getByRole('button', { name: 'Pull image' }).click()
  const dialog = page.getByRole('dialog', { name: 'Pull image' })
  const field = dialog.getByLabel('Image')
  await field.fill('Team/App:v1')
  await dialog.getByRole('button', { name: 'Pull', exact: true }).click()
  await expect(dialog.getByText('Repository names must be lowercase: "Team/App" → "team/app"')).toBeVisible()
  await expect(field).toHaveAttribute('aria-invalid', 'true')
  await saveThemedScreenshots(page, 'distribution-pull-bad-reference', async () => {
    await expect(dialog.getByText('Repository names must be lowercase')).toBeVisible()
  })

  const reference = `${via}/${pullName}:v1`
  await field.fill(reference)
  await expect(dialog.getByText(`Pulls ${pullName}:v1 on ${via}`)).toBeVisible()
  await dialog.getByRole('button', { name: 'Pull', exact: true }).click()
  const overall = dialog.getByRole('progressbar', { name: 'Overall progress' })
  await expect(overall).toBeVisible()
  // Podman reports each layer only as "Pulling fs layer" and "Download complete" (no bytes, no
  // "Already exists"), and without the slow link it is done too soon to watch: its pull is judged by the end.
  if (!podman) {
    await expect(dialog.getByRole('progressbar', { name: /^Layer / })).toHaveCount(5, { timeout: 15_000 })
    await expect(dialog.getByText('Already exists')).toBeVisible()
    await saveThemedScreenshots(page, 'distribution-pull-progress', async () => {
      await expect(dialog.getByText('Downloading', { exact: true }).first()).toBeVisible({ timeout: 15_000 })
      await expect(dialog.getByText(/MB\/s/)).toBeVisible()
    })
  }

  await expect(dialog.getByRole('status')).toContainText(`Pulled ${reference}`, { timeout: 45_000 })
  await expect(overall).toHaveAttribute('aria-valuenow', '100')
  await saveThemedScreenshots(page, 'distribution-pull-done', async () => {
    await expect(dialog.getByRole('status')).toContainText(`Pulled ${reference}`)
  })
  // The list learns about the image from the engine's events, not from the dialog.
  await ui.imagesSearch(page).fill(reference)
  await expect(ui.imagesGrid(page).getByRole('row', { name: reference, exact: true })).toHaveCount(1)
  await dialog.getByRole('button', { name: 'Run…' }).click()
  await expect(page.getByRole('dialog', { name: 'Run a container' }).getByLabel('Image')).toHaveValue(reference)
})

test('push: per-layer upload progress to the registry, then the digest', async ({ page }) => {
  test.setTimeout(90_000)
  const reference = `${via}/${pushName}:v1`
  await openImages(page, server.url)
  await rowMenu(page, reference, 'Push…')
  const dialog = page.getByRole('dialog', { name: `Push ${reference}` })
  await expect(dialog.getByText(via, { exact: true })).toBeVisible()
  await dialog.getByRole('button', { name: 'Push', exact: true }).click()
  await expect(dialog.getByRole('progressbar', { name: 'Overall progress' })).toBeVisible()
  await saveThemedScreenshots(page, 'distribution-push-progress', async () => {
    await expect(dialog.getByText('Pushing', { exact: true }).first()).toBeVisible({ timeout: 15_000 })
  })
  await expect(dialog.getByRole('status')).toContainText(`Pushed ${reference}`, { timeout: 45_000 })
  await saveThemedScreenshots(page, 'distribution-push-done', async () => {
    await expect(dialog.getByRole('status')).toContainText('Digest sha256:')
  })
  // The registry really has it now.
  const authorization = `Basic ${Buffer.from(`${login.user}:${login.password}`).toString('base64')}`
  const manifest = await fetch(`${host.registry.url}/v2/${pushName}/manifests/v1`, {
    method: 'HEAD',
    headers: { authorization, accept: 'application/vnd.docker.distribution.manifest.v2+json' }
  })
  expect(manifest.status).toBe(200)
})

test('push without a login offers "Log in to REGISTRY"', async ({ app }) => {
  const reference = `${via}/${pushName}:v1`
  await openImages(app)
  await rowMenu(app, reference, 'Push…')
  const dialog = app.getByRole('dialog', { name: `Push ${reference}` })
  await dialog.getByRole('button', { name: 'Push', exact: true }).click()
  await expect(dialog.getByRole('alert')).toContainText(`Log in to ${via} to push ${reference}`, { timeout: 20_000 })
  await saveThemedScreenshots(app, 'distribution-push-login', async () => {
    await expect(dialog.getByRole('button', { name: `Log in to ${via}` })).toBeVisible()
  })
  await dialog.getByRole('button', { name: `Log in to ${via}` }).click()
  await expect(app.getByRole('dialog', { name: `Push ${reference}` })).toHaveCount(0)
})

test('tag: the source is shown, a bad tag is refused at the field, a good one is made', { tag: '@podman' }, async ({ page }) => {
  const source = `${via}/${pushName}:v1`
  const target = `${host.registry.host}/${pushName}:v2`
  await openImages(page, server.url)
  await rowMenu(page, source, 'Tag…')
  const dialog = page.getByRole('dialog', { name: 'Tag image' })
  await expect(dialog.getByText(source, { exact: true })).toBeVisible()
  const field = dialog.getByLabel('New name')
  await field.fill(`${host.registry.host}/${pushName}:.v2`)
  await dialog.getByRole('button', { name: 'Tag', exact: true }).click()
  await expect(dialog.getByText(/does not start with \. or -/)).toBeVisible()
  await field.fill(target)
  await dialog.getByRole('button', { name: 'Tag', exact: true }).click()
  await expect(dialog.getByRole('status')).toHaveText(`Tagged as ${target}.`)
  await saveThemedScreenshots(page, 'distribution-tag-done', async () => {
    await expect(dialog.getByRole('button', { name: `Push ${target}…` })).toBeVisible()
  })
  const image = (await engine.ok('GET', `/images/${encodeURIComponent(target)}/json`)) as { RepoTags: string[] }
  expect(image.RepoTags).toContain(source)
})

test('the run dialog offers to pull an image the engine lacks', async ({ page }) => {
  const missing = `${via}/${pullName}:not-here`
  await openBerth(page, server.url)
  await page.getByRole('button', { name: 'Run container', exact: true }).click()
  const run = page.getByRole('dialog', { name: 'Run a container' })
  await run.getByLabel('Image').fill(missing)
  await saveThemedScreenshots(page, 'distribution-run-pull-offer', async () => {
    await expect(run.getByRole('button', { name: `Pull ${missing}` })).toBeVisible()
  })
  await run.getByRole('button', { name: `Pull ${missing}` }).click()
  const pull = page.getByRole('dialog', { name: 'Pull image' })
  // It starts at once; this tag was never pushed, so the registry says so, in words.
  await expect(pull.getByRole('alert')).toContainText(`${missing} was not found on ${via}: check the name and tag.`, { timeout: 20_000 })
})
