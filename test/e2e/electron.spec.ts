/**
 * The desktop shell, driven by Playwright's _electron launcher. Electron's binary cannot be
 * downloaded on every machine (its install script fetches it); where it is missing this spec
 * says so as a SKIP with the reason instead of silently not running.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { _electron as electron } from '@playwright/test'
import { expect, test } from './support/fixtures'
import { REPO_ROOT } from './support/serve'

/** The Electron binary named by node_modules/electron/path.txt, or why there is none. */
function findElectronBinary(): { path: string } | { missing: string } {
  const pathFile = join(REPO_ROOT, 'node_modules/electron/path.txt')
  if (!existsSync(pathFile)) {
    return { missing: 'node_modules/electron/path.txt is absent: the Electron binary was never downloaded (its install script cannot reach its host here)' }
  }
  const binary = join(REPO_ROOT, 'node_modules/electron/dist', readFileSync(pathFile, 'utf8').trim())
  return existsSync(binary) ? { path: binary } : { missing: `path.txt names ${binary}, which does not exist` }
}

const electronBinary = findElectronBinary()
const mainEntry = join(REPO_ROOT, 'out/main/index.js')

test('the desktop window opens on the Containers view and reaches the engine', async ({ state }) => {
  const skipReason =
    'missing' in electronBinary
      ? `Electron binary not installed — ${electronBinary.missing}`
      : existsSync(mainEntry)
        ? undefined
        : 'out/main/index.js is missing: the build has no Electron main entry'
  // Said on the console as well: the list reporter shows a skip without its reason.
  if (skipReason) console.log(`electron project SKIPPED: ${skipReason}`)
  // Skipped only where the desktop shell cannot start: no Electron binary (its download host is
  // unreachable on this project's machines and CI) or no Electron main build. Every flow it drives
  // also runs in Chromium through browser mode in the other specs.
  test.skip(skipReason !== undefined, skipReason)
  if (!('path' in electronBinary)) return

  const configDir = mkdtempSync(join(tmpdir(), 'berth-e2e-electron-'))
  const app = await electron.launch({
    executablePath: electronBinary.path,
    args: ['--no-sandbox', mainEntry],
    env: { ...process.env, DOCKER_HOST: state.server.dockerHost, BERTH_CONFIG_DIR: configDir }
  })
  try {
    const window = await app.firstWindow()
    await expect(window.getByRole('navigation', { name: 'Main' })).toBeVisible()
    await expect(window.getByRole('heading', { name: 'Containers', exact: true })).toBeVisible()
    await expect(window.getByRole('status', { name: 'Engine connection' })).toHaveText(/Connected/, { timeout: 15_000 })
  } finally {
    await app.close()
    rmSync(configDir, { recursive: true, force: true })
  }
})
