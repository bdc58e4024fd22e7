/**
 * One-click engine setup in the browser, against real engines:
 * 1. No engine → the banner offers "Start …" → the dialog shows what Berth found and the exact
 *    command → Run (from the keyboard) → Berth starts a private dockerd for real → the page goes
 *    from "Engine unavailable" to the containers list without a reload.
 * 2. A start that fails: progress while it runs, then the reason in words and the log's last lines.
 * The engine is a private dockerd (own containerd, roots, socket and network namespace) that
 * Berth's engine-start.json describes; the machine's own /var/run/docker.sock is never involved
 * (asserted on the commands shown). Screenshots: the dialog before, during and after, light and dark.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Locator, Page } from '@playwright/test'
import { startPrivateEngine } from '../support/privateEngine'
import { EngineApi } from './support/engine-api'
import { expect, saveThemedScreenshots, test } from './support/fixtures'
import { startServe } from './support/serve'
import { E2E_LABELS } from './support/state'
import { markPage, pageWasNotReloaded, ui } from './support/ui'

const START_PROFILES_FILE = 'engine-start.json'

function writeProfile(configDir: string, profile: { name: string; socket: string; command: string[] }): void {
  writeFileSync(join(configDir, START_PROFILES_FILE), JSON.stringify({ engines: [{ ...profile, asRoot: true }] }, null, 2))
}

/** Opens Berth expecting no engine (openBerth in fixtures waits for "Connected"). */
async function openWithoutEngine(page: Page, url: string): Promise<void> {
  const response = await page.goto(url)
  expect(response?.status()).toBe(200)
  await expect(page.getByRole('heading', { name: 'Containers', exact: true })).toBeVisible()
  await expect(ui.engineStatus(page)).toHaveText(/Engine unavailable/, { timeout: 15_000 })
}

function banner(page: Page): Locator {
  return page.getByRole('alert').filter({ hasText: 'Engine unavailable' })
}

function prettyName(): string {
  return /^PRETTY_NAME="?([^"\n]*)"?$/m.exec(readFileSync('/etc/os-release', 'utf8'))?.[1] ?? ''
}

/** Stops the dockerd Berth started, by the pid dockerd recorded, and waits until it is gone. */
async function stopDockerdByPidFile(pidFile: string): Promise<void> {
  let pid: number
  try {
    pid = Number(readFileSync(pidFile, 'utf8').trim())
    process.kill(pid, 'SIGTERM')
  } catch {
    return
  }
  for (const deadline = Date.now() + 30_000; Date.now() < deadline; ) {
    try {
      process.kill(pid, 0)
    } catch {
      return
    }
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
}

test('no engine → Start → Berth starts it and shows the containers list without a reload', async ({ page, state }) => {
  test.setTimeout(180_000)
  const engine = await startPrivateEngine('e2e-setup')
  const engineApi = new EngineApi(engine.socketPath)
  const configDir = mkdtempSync(join(tmpdir(), 'berth-e2e-setup-'))
  let server: Awaited<ReturnType<typeof startServe>> | undefined
  try {
    await new EngineApi(state.dockerSocket).copyImageTo(engineApi, state.testImage)
    const containerName = 'e2e-setup-web'
    await engineApi.createContainer({ name: containerName, image: state.testImage, labels: E2E_LABELS })
    await engine.kill()
    const profileName = 'Docker (Berth test)'
    writeProfile(configDir, { name: profileName, socket: engine.socketPath, command: engine.dockerdCommand })
    server = await startServe({ dockerHost: engine.dockerHost, configDir })

    await openWithoutEngine(page, server.url)
    await markPage(page)
    const start = banner(page).getByRole('button', { name: `Start ${profileName}` })
    await expect(start).toBeVisible()
    // The empty Containers list offers the same thing.
    await expect(page.getByRole('button', { name: `Start ${profileName}` })).toHaveCount(2)

    // From the keyboard: open, look, run.
    await start.focus()
    await page.keyboard.press('Enter')
    const dialog = page.getByRole('dialog', { name: `Start ${profileName}` })
    await expect(dialog).toBeVisible()
    const facts = dialog.getByRole('definition')
    await expect(facts.filter({ hasText: prettyName() })).toHaveCount(1)
    const steps = dialog.getByRole('list', { name: 'Commands Berth will run' })
    const daemonStep = steps.getByRole('listitem', { name: `Step 1: Start ${profileName} in the background` })
    await expect(daemonStep.locator('code')).toHaveText(`unshare --net -- dockerd ${engine.dockerdCommand.slice(4).join(' ')}`)
    await expect(steps.getByRole('listitem', { name: `Step 2: Wait for ${profileName} to answer on ${engine.socketPath}` })).toBeVisible()
    // The plan (what runs) never names the machine's own Docker socket; the facts above it may.
    await expect(dialog.getByRole('region', { name: 'Plan' })).not.toContainText('/var/run/docker.sock')
    const run = dialog.getByRole('button', { name: 'Run', exact: true })
    await expect(run).toBeEnabled()
    await expect(run).toBeFocused()
    await saveThemedScreenshots(page, 'setup-dialog-before', async () => {
      await expect(run).toBeEnabled()
      await expect(daemonStep).toBeVisible()
    })

    await run.focus()
    const clickedAt = Date.now()
    await page.keyboard.press('Enter')
    const status = dialog.getByRole('status')
    await expect(status).toHaveText(`${profileName} is running, and Berth is connected to it.`, { timeout: 60_000 })
    await expect(ui.engineStatus(page)).toHaveText(/Connected/)
    const connectedMs = Date.now() - clickedAt
    await expect(daemonStep.getByText('Done', { exact: true })).toBeVisible()
    await expect(daemonStep.getByRole('log', { name: 'Output of step 1' })).toContainText('Daemon has completed initialization')
    await saveThemedScreenshots(page, 'setup-dialog-done', async () => {
      await expect(status).toHaveText(/is running, and Berth is connected/)
      await expect(dialog.getByRole('button', { name: 'Show containers' })).toBeVisible()
    })

    await dialog.getByRole('button', { name: 'Show containers' }).click()
    await expect(dialog).toBeHidden()
    await expect(ui.containerRow(page, containerName)).toBeVisible()
    await expect(page.getByRole('alert')).toHaveCount(0)
    expect(await pageWasNotReloaded(page), 'went from no engine to the list without reloading the page').toBe(true)
    console.log(`setup e2e: Run → "Connected" and the step done in ${connectedMs} ms`)
  } finally {
    await server?.stop()
    // Berth started this dockerd in the background (it outlives Berth on purpose): stop it first.
    await stopDockerdByPidFile(engine.dockerPidFile)
    engineApi.close()
    await engine.stop()
    rmSync(configDir, { recursive: true, force: true })
  }
})

test('a start that fails shows progress while it runs, then why in words with the log', async ({ page }) => {
  test.setTimeout(120_000)
  const configDir = mkdtempSync(join(tmpdir(), 'berth-e2e-setup-fail-'))
  // Under the test host's folder for throwaway engines; this one never creates its socket.
  const socket = '/run/berth-test/extra/e2e-setup-fail/docker.sock'
  const server = await startServe({ dockerHost: `unix://${socket}`, configDir })
  try {
    const profileName = 'Broken engine (test)'
    // Fails only once the test lets it (the gate file), so the dialog can be seen (and shot) while
    // it runs however slow the machine is; gives up on its own after a minute.
    const gate = join(configDir, 'let-it-fail')
    writeProfile(configDir, {
      name: profileName,
      socket,
      command: ['sh', '-c', `echo "preparing the test engine"; i=0; while [ ! -e '${gate}' ] && [ $i -lt 600 ]; do sleep 0.1; i=$((i+1)); done; exec dockerd --berth-no-such-flag`]
    })
    await openWithoutEngine(page, server.url)
    await saveThemedScreenshots(page, 'setup-no-engine', async () => {
      await expect(banner(page).getByRole('button', { name: `Start ${profileName}` })).toBeVisible()
      await expect(page.getByRole('button', { name: `Start ${profileName}` })).toHaveCount(2)
    })
    await banner(page).getByRole('button', { name: `Start ${profileName}` }).click()
    const dialog = page.getByRole('dialog', { name: `Start ${profileName}` })
    await dialog.getByRole('button', { name: 'Run', exact: true }).click()

    const step = dialog.getByRole('listitem', { name: `Step 1: Start ${profileName} in the background` })
    await expect(step.getByText('Running', { exact: true })).toBeVisible()
    await expect(step.getByRole('log', { name: 'Output of step 1' })).toContainText('preparing the test engine')
    await expect(dialog.getByRole('status')).toHaveText(`Running step 1 of 2: Start ${profileName} in the background…`)
    await expect(dialog.getByRole('button', { name: 'Hide' })).toBeVisible()
    await saveThemedScreenshots(page, 'setup-dialog-running', async () => {
      await expect(step.getByText('Running', { exact: true })).toBeVisible()
    })
    writeFileSync(gate, '')

    await expect(step.getByText('Failed', { exact: true })).toBeVisible({ timeout: 30_000 })
    await expect(step).toContainText("The daemon doesn't know the option --berth-no-such-flag")
    await expect(step.getByRole('log', { name: 'Output of step 1' })).toContainText('unknown flag: --berth-no-such-flag')
    const second = dialog.getByRole('listitem', { name: `Step 2: Wait for ${profileName} to answer on ${socket}` })
    await expect(second.getByText('Not run', { exact: true })).toBeVisible()
    await expect(dialog.getByRole('status')).toContainText('stopped right after it started')
    await expect(ui.engineStatus(page)).toHaveText(/Engine unavailable/)
    await saveThemedScreenshots(page, 'setup-dialog-failed', async () => {
      await expect(step.getByText('Failed', { exact: true })).toBeVisible()
      await expect(dialog.getByRole('button', { name: 'Check again' })).toBeVisible()
    })

    // Escape closes it; the banner still offers to try again.
    await page.keyboard.press('Escape')
    await expect(dialog).toBeHidden()
    await expect(banner(page).getByRole('button', { name: `Start ${profileName}` })).toBeVisible()

    // The Engines page says the same about this machine, and opens the same dialog.
    await ui.nav(page).getByRole('link', { name: /^Engines/ }).click()
    const section = page.getByRole('region', { name: 'This machine' })
    await expect(section.getByRole('definition').filter({ hasText: prettyName() })).toHaveCount(1)
    await expect(section).toContainText(`${profileName} is not running`)
    await saveThemedScreenshots(page, 'setup-engines-section', async () => {
      await expect(section.getByRole('button', { name: `Start ${profileName}` })).toBeVisible()
    })
    await section.getByRole('button', { name: `Start ${profileName}` }).click()
    await expect(page.getByRole('dialog', { name: `Start ${profileName}` })).toBeVisible()
  } finally {
    await server.stop()
    rmSync(configDir, { recursive: true, force: true })
  }
})
