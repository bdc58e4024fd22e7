/**
 * The Berth VM on the Engines page, in Chromium, against a browser-mode server of its own (its own
 * config folder, so its VM is its own; the image comes from the shared cache the `vm` suite
 * filled): the resources form refuses bad values before anything is sent; "Create and start"
 * shows the boot phases filling in with their times and says which acceleration it got and why;
 * the serial console shows the guest's lines; a new CPU count is applied by a confirmed restart
 * and the VM's engine then reports it; Stop leaves it stopped. Screenshots, light and dark.
 * Runs in the Playwright project `vm` (npm test step "e2e-vm").
 */
import { spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Page } from '@playwright/test'
import { expect, openBerth, saveThemedScreenshots, test } from './support/fixtures'
import { startServe, type ServeHandle } from './support/serve'
import { ui } from './support/ui'

const BOOT_MS = 300_000

const section = (page: Page) => page.getByRole('region', { name: 'Berth VM' })
const badge = (page: Page, label: string) => section(page).getByLabel(`VM state: ${label}`)
/** The section is below the engine cards: bring its top into view for the pictures. */
const showSection = (page: Page) =>
  section(page).evaluate((element) => {
    // Scroll the page's own scroller only (scrollIntoView would also shift the app's frame).
    const scroller = element.closest('.page-scrolls')
    if (scroller) scroller.scrollTop += element.getBoundingClientRect().top - scroller.getBoundingClientRect().top - 12
  })

test('Berth VM: create with checked resources, boot phases, serial console, resize by restart, stop', async ({ page, state }) => {
  test.setTimeout(600_000)
  const configDir = mkdtempSync(join(tmpdir(), 'berth-e2e-vm-'))
  let server: ServeHandle | undefined
  try {
    server = await startServe({ dockerHost: state.server.dockerHost, configDir })
    await openBerth(page, server.url)
    await ui.nav(page).getByRole('link', { name: /^Engines/ }).click()
    const vm = section(page)
    await expect(badge(page, 'Not created')).toBeVisible()

    // Field-level checks before any call: the memory box as typed.
    const memory = vm.getByRole('textbox', { name: 'Memory (number, MiB)' })
    await memory.fill('lots')
    await expect(vm.getByText('The memory is a whole number.')).toBeVisible()
    await memory.fill('512')
    await expect(vm.getByText(/^Between 1024 and \d+ MiB/)).toBeVisible()
    await vm.getByRole('button', { name: 'Create and start' }).click()
    await expect(badge(page, 'Not created')).toBeVisible()
    await memory.fill('1536')
    await vm.getByRole('textbox', { name: 'CPUs (number, CPUs)' }).fill('2')
    await expect(vm.locator('.field-error')).toHaveCount(0)

    await vm.getByRole('button', { name: 'Create and start' }).click()
    // The phases fill in with their times while it boots.
    const phases = vm.getByRole('list', { name: 'Boot phases' })
    await expect(phases.getByRole('listitem').first()).toContainText(/Starting QEMU\s*\d+\.\d s/, { timeout: BOOT_MS })
    await expect(vm.getByRole('progressbar', { name: 'VM boot progress' })).toBeVisible()
    await showSection(page)
    await saveThemedScreenshots(page, 'vm-booting', async () => {
      await expect(badge(page, 'Starting')).toBeVisible()
    })
    await expect(badge(page, 'Running')).toBeVisible({ timeout: BOOT_MS })
    await expect(phases.getByRole('listitem')).toHaveText([/Starting QEMU\s*\d/, /Kernel booting\s*\d/, /SSH ready\s*\d/, /Engine ready\s*\d/])
    await expect(vm).toContainText(/Software emulation \(TCG\)|Hardware virtualisation \(KVM\)/)
    await expect(vm).toContainText('The VM’s engine reports 2 CPUs')
    // Its engine is listed with the others.
    await expect(page.getByRole('list', { name: 'Engines' }).getByRole('listitem', { name: 'Berth VM', exact: true })).toContainText('Connected')
    await showSection(page)
    await saveThemedScreenshots(page, 'vm-running', async () => {
      await expect(badge(page, 'Running')).toBeVisible()
    })

    await vm.getByRole('button', { name: 'Serial console…' }).click()
    const dialog = page.getByRole('dialog', { name: 'Berth VM serial console' })
    await expect(dialog.getByLabel('Serial console output')).toContainText('BERTH-PHASE engine')
    await saveThemedScreenshots(page, 'vm-serial-console', async () => {
      await expect(dialog).toBeVisible()
    })
    await page.keyboard.press('Escape')
    await expect(dialog).toHaveCount(0)

    // One CPU: applied by a restart the person confirms; the engine then reports it.
    await vm.getByRole('textbox', { name: 'CPUs (number, CPUs)' }).fill('1')
    await vm.getByRole('button', { name: 'Apply and restart…' }).click()
    const confirm = page.getByRole('dialog', { name: 'Restart the VM with new resources?' })
    await expect(confirm).toContainText('1 CPUs, 1536 MiB of memory')
    await confirm.getByRole('button', { name: 'Restart VM' }).click()
    await expect(badge(page, 'Running')).toBeHidden({ timeout: 60_000 })
    await expect(badge(page, 'Running')).toBeVisible({ timeout: BOOT_MS })
    await expect(vm).toContainText('The VM’s engine reports 1 CPUs', { timeout: 30_000 })

    await vm.getByRole('button', { name: 'Stop' }).click()
    await expect(badge(page, 'Stopped')).toBeVisible({ timeout: 60_000 })
    expect(spawnSync('pgrep', ['-f', join(configDir, 'vm')], { encoding: 'utf8' }).stdout.trim()).toBe('')
  } finally {
    await server?.stop()
    rmSync(configDir, { recursive: true, force: true })
  }
})
