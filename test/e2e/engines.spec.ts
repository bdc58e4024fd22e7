/**
 * The Engines page in Chromium against a browser-mode server of our own (temp HOME, so the real
 * ~/.ssh is never touched): every engine with its status and facts; "Add remote engine" to the
 * test host's real sshd, field checks first, the unknown host key shown with its SHA256
 * fingerprint and accepted (known_hosts gets the line); switching engines from the top bar ends
 * the old engine's streams (the server's connections to it drop). Screenshots, light and dark.
 * On Podman (the `podman` project) the same, with Berth on the test Podman and the remote reaching
 * Podman's socket over SSH; its card also names Podman and lists what it can't do.
 */
import { execFileSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Page } from '@playwright/test'
import { loadTestHost } from '../support/testHost'
import { expect, openBerth, saveThemedScreenshots, test } from './support/fixtures'
import { startServe, type ServeHandle } from './support/serve'
import { ui } from './support/ui'

/** Connections from process `pid` to the unix socket `path`, read from the kernel (ss). */
function connectionsTo(pid: number, path: string): number {
  const lines = execFileSync('ss', ['-xpn'], { encoding: 'utf8' }).split('\n')
  const serverPeers = new Set<string>()
  for (const line of lines) {
    const fields = line.trim().split(/\s+/)
    if (fields[4] === path) serverPeers.add(fields[7])
  }
  return lines.filter((line) => {
    const fields = line.trim().split(/\s+/)
    return serverPeers.has(fields[5]) && line.includes(`pid=${pid},`)
  }).length
}

function serverFingerprint(knownHostsPath: string, dir: string): string {
  const keyLine = readFileSync(knownHostsPath, 'utf8').trim().split('\n')[0].split(/\s+/).slice(1, 3).join(' ')
  writeFileSync(join(dir, 'server.pub'), `${keyLine}\n`)
  return execFileSync('ssh-keygen', ['-l', '-E', 'sha256', '-f', join(dir, 'server.pub')], { encoding: 'utf8' }).split(/\s+/)[1]
}

const card = (page: Page, name: string) => page.getByRole('list', { name: 'Engines' }).getByRole('listitem', { name, exact: true })

test('Engines page: facts and status, add an SSH remote through the host key dialog, switch engines', { tag: '@podman' }, async ({ page, containers, state }) => {
  test.setTimeout(120_000)
  const host = loadTestHost()
  // The engine under test: the test dockerd, or the test Podman.
  const socket = state.engineSocket
  const home = mkdtempSync(join(tmpdir(), 'berth-e2e-engines-'))
  mkdirSync(join(home, '.ssh'), { mode: 0o700 })
  let server: ServeHandle | undefined
  try {
    // No SSH agent, an empty ~/.ssh: the host key is unknown to this "person".
    server = await startServe({ dockerHost: state.server.dockerHost, env: { HOME: home, SSH_AUTH_SOCK: '' } })
    const ticker = await containers.create('engines-ssh-ticker', { running: true, cmd: ['sh', '-c', 'while true; do date; sleep 0.2; done'] })
    await openBerth(page, server.url)
    await ui.nav(page).getByRole('link', { name: /^Engines/ }).click()
    await expect(page.getByRole('heading', { name: 'Engines', exact: true })).toBeVisible()

    const local = card(page, 'DOCKER_HOST')
    await expect(local.getByText('Connected', { exact: true })).toBeVisible()
    await expect(local.getByText('Active', { exact: true })).toBeVisible()
    await expect(local).toContainText(/Storage\s*overlay2|Storage\s*\w+/)
    await expect(local).toContainText('Rootless')
    await expect(local).toContainText('To remove it, change or unset DOCKER_HOST.')
    await expect(local.getByRole('button', { name: 'Remove DOCKER_HOST' })).toHaveCount(0)
    if (state.engine === 'podman') {
      // Named for what it is, and what it can't do listed in the words its disabled controls use.
      await expect(local).toContainText(/Podman 4\.\d+\.\d+ \(Docker API [\d.]+, Podman API 4\.[\d.]+\)/)
      await expect(local.getByRole('list', { name: "What this engine can't do" }).getByRole('listitem')).toHaveText([
        /^Podman 4\.\d+ can't change the limits of a running container; recreate it with new limits\.$/,
        /^Podman 4\.\d+ can't change a container's restart policy once it is created; recreate it with the policy you want\.$/
      ])
    }
    const missing = card(page, 'Docker (default socket)')
    await expect(missing).toContainText('Engine unavailable')
    await saveThemedScreenshots(page, 'engines-page', async () => {
      await expect(local.getByText('Connected', { exact: true })).toBeVisible()
    })

    // The form is checked before anything connects.
    await page.getByRole('button', { name: 'Add remote engine…' }).click()
    const dialog = page.getByRole('dialog', { name: 'Add remote engine' })
    await dialog.getByRole('button', { name: 'Test connection' }).click()
    await expect(dialog.getByText('Enter the host name, its address, or an alias from ~/.ssh/config.')).toBeVisible()
    await dialog.getByRole('textbox', { name: 'Host' }).fill('root@127.0.0.1')
    await expect(dialog.getByText('Put the user in the User field, and only the host here.')).toBeVisible()
    await dialog.getByRole('textbox', { name: 'Host' }).fill(host.ssh.host)
    await dialog.getByRole('textbox', { name: 'Port' }).fill(String(host.ssh.port))
    await dialog.getByRole('textbox', { name: 'User' }).fill(host.ssh.user)
    await dialog.getByRole('radio', { name: 'A key file' }).check()
    await dialog.getByRole('textbox', { name: 'Key file' }).fill(host.ssh.privateKeyPath)
    await dialog.getByRole('textbox', { name: 'Engine socket on the remote machine' }).fill(socket)
    await dialog.getByRole('textbox', { name: 'Name' }).fill('engines-ssh-e2e')
    await saveThemedScreenshots(page, 'engines-add-remote', async () => {
      await expect(dialog.getByRole('textbox', { name: 'Name' })).toHaveValue('engines-ssh-e2e')
    })

    // Unknown host key: shown with its fingerprint, accepted, written to known_hosts.
    await dialog.getByRole('button', { name: 'Test connection' }).click()
    const hostKey = page.getByRole('dialog', { name: 'Unknown host key' })
    await expect(hostKey).toBeVisible()
    const fingerprint = serverFingerprint(host.ssh.knownHostsPath, home)
    await expect(hostKey.getByLabel('SHA256 fingerprint')).toHaveText(fingerprint)
    await expect(hostKey).toContainText('ssh-ed25519')
    await expect(hostKey).toContainText(join(home, '.ssh', 'known_hosts'))
    await saveThemedScreenshots(page, 'engines-host-key', async () => {
      await expect(hostKey.getByLabel('SHA256 fingerprint')).toHaveText(fingerprint)
    })
    await hostKey.getByRole('button', { name: 'Trust and connect' }).click()
    await expect(hostKey).toBeHidden()
    await expect(dialog.getByRole('status')).toContainText(`Connected to root@${host.ssh.host}:${host.ssh.port}`)
    expect(readFileSync(join(home, '.ssh', 'known_hosts'), 'utf8')).toContain(`[${host.ssh.host}]:${host.ssh.port} ssh-ed25519 `)

    // Added, not switched to yet: the local engine keeps a log stream open meanwhile.
    await dialog.getByRole('checkbox', { name: 'Switch to it once added' }).uncheck()
    await dialog.getByRole('button', { name: 'Add engine' }).click()
    await expect(dialog).toBeHidden()
    const remote = card(page, 'engines-ssh-e2e')
    await expect(remote.getByText('Connected', { exact: true })).toBeVisible({ timeout: 20_000 })
    await expect(remote).toContainText('added by you')
    await expect(remote.getByRole('button', { name: 'Rename engines-ssh-e2e' })).toBeVisible()

    // Follow a log on the local engine, then switch from the top bar.
    await ui.nav(page).getByRole('link', { name: /^Containers/ }).click()
    await ui.containerRow(page, ticker.name).getByRole('button', { name: ticker.name, exact: true }).click()
    await page.getByRole('tab', { name: 'Logs', exact: true }).click()
    await expect(page.getByRole('log', { name: 'Log lines' })).toContainText(/\d\d:\d\d:\d\d/)
    const pid = server.pid
    await expect.poll(() => connectionsTo(pid, socket)).toBeGreaterThanOrEqual(2)
    const remoteId = await page.getByRole('combobox', { name: 'Engine' }).locator('option', { hasText: 'engines-ssh-e2e' }).getAttribute('value')
    await page.getByRole('combobox', { name: 'Engine' }).selectOption(remoteId as string)
    await expect(ui.engineStatus(page)).toHaveText(/Connected/)
    // The old engine's watchdog and log stream are gone; at most its slow health check remains.
    await expect.poll(() => connectionsTo(pid, socket), { timeout: 5_000 }).toBeLessThanOrEqual(1)
    // The new engine (the same test engine, over SSH) lists the container.
    await expect(ui.containerRow(page, ticker.name)).toBeVisible()

    await ui.nav(page).getByRole('link', { name: /^Engines/ }).click()
    const active = card(page, 'engines-ssh-e2e')
    await expect(active.getByText('Active', { exact: true })).toBeVisible()
    await expect(card(page, 'DOCKER_HOST').getByRole('button', { name: 'Use DOCKER_HOST' })).toBeEnabled()
    await expect(active).toContainText('SSH')
    await saveThemedScreenshots(page, 'engines-page-remote', async () => {
      await expect(active.getByText('Active', { exact: true })).toBeVisible()
      await expect(active.getByText('Connected', { exact: true })).toBeVisible()
    })
  } finally {
    await server?.stop()
    rmSync(home, { recursive: true, force: true })
  }
})
