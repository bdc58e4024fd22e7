/**
 * The specs' shared fixtures: the running server, the raw engine, a page already signed in
 * to Berth, and a container factory whose containers are removed after each test. Which engine
 * they point at is the project's `berthEngine` option: the `podman` project runs the tests tagged
 * @podman with all of these on the test host's Podman.
 */
import { randomBytes } from 'node:crypto'
import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { test as base, expect, type Page } from '@playwright/test'
import { EngineApi, type CreateContainerOptions } from './engine-api'
import { E2E_LABELS, SCREENSHOT_DIR, readE2eState, type E2eEngine, type E2eState } from './state'

export interface ContainerFactory {
  /** A unique name prefix for this test, so its rows can be found among whatever else the engine has. */
  readonly prefix: string
  /** Creates (and with `running`, starts) a labelled container named `${prefix}-${suffix}`. */
  create(suffix: string, options?: { running?: boolean; labels?: Record<string, string>; cmd?: string[] }): Promise<{ id: string; name: string }>
}

/** Set per project in playwright.config.ts (`use: { berthEngine: 'podman' }`). */
export interface E2eWorkerOptions {
  berthEngine: E2eEngine
}

interface WorkerFixtures extends E2eWorkerOptions {
  /** Worker-scoped so `beforeAll` hooks reach the same engine and server as the tests. */
  state: E2eState
}

interface Fixtures {
  engine: EngineApi
  containers: ContainerFactory
  /** A page that has opened Berth with the token and shows the Containers view. */
  app: Page
}

export const test = base.extend<Fixtures, WorkerFixtures>({
  berthEngine: ['docker', { option: true, scope: 'worker' }],
  state: [
    async ({ berthEngine }, use) => {
      await use(readE2eState(berthEngine))
    },
    { scope: 'worker' }
  ],
  engine: async ({ state }, use) => {
    const engine = new EngineApi(state.engineSocket)
    await use(engine)
    engine.close()
  },
  containers: async ({ engine, state }, use) => {
    const created: string[] = []
    const prefix = `e2e-${randomBytes(3).toString('hex')}`
    await use({
      prefix,
      async create(suffix, options = {}) {
        const name = `${prefix}-${suffix}`
        const spec: CreateContainerOptions = { name, image: state.testImage, labels: { ...E2E_LABELS, ...options.labels } }
        if (options.cmd) spec.cmd = options.cmd
        const id = await engine.createContainer(spec)
        created.push(id)
        if (options.running) await engine.start(id)
        return { id, name }
      }
    })
    await Promise.all(created.map((id) => engine.remove(id)))
  },
  app: async ({ page, state }, use) => {
    await openBerth(page, state.server.url)
    await use(page)
  }
})

export { expect }

/** Opens Berth with its token (which sets the session cookie) and waits until it is connected. */
export async function openBerth(page: Page, url: string): Promise<void> {
  const response = await page.goto(url)
  expect(response?.status(), 'Berth answered the tokenised URL').toBe(200)
  await expect(page.getByRole('heading', { name: 'Containers', exact: true })).toBeVisible()
  await expect(page.getByRole('status', { name: 'Engine connection' })).toHaveText(/Connected/, { timeout: 10_000 })
}

/**
 * Saves a screenshot under artifacts/screenshots/ (kept for people to look at). On Podman the
 * name starts with "podman-", so the two projects' pictures of the same view sit side by side.
 */
export async function saveScreenshot(page: Page, fileName: string): Promise<string> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true })
  const engine = (test.info().project.use as Partial<E2eWorkerOptions>).berthEngine ?? 'docker'
  const path = join(SCREENSHOT_DIR, engine === 'docker' ? fileName : `${engine}-${fileName}`)
  await page.screenshot({ path, fullPage: false })
  return path
}

/**
 * Light and dark screenshots (the themes follow the OS setting). `ready` asserts what the picture
 * must show; it runs before and after each shot, and a shot taken while the page changed under it
 * (the engine is shared with other suites) is taken again, so the artifact shows what was asserted.
 */
export async function saveThemedScreenshots(page: Page, baseName: string, ready: () => Promise<void>): Promise<void> {
  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme })
    for (let attempt = 1; ; attempt++) {
      await ready()
      // Let the theme's CSS transition (if any) settle so the picture shows the final colours.
      await page.waitForTimeout(300)
      await saveScreenshot(page, `${baseName}-${colorScheme}.png`)
      try {
        await ready()
        break
      } catch (err) {
        if (attempt >= 3) throw err
      }
    }
  }
  await page.emulateMedia({ colorScheme: 'light' })
}
