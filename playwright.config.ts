/**
 * End-to-end tests: Berth's browser mode in Debian's Chromium against the real test engine.
 * Never `playwright install` here: the browser is /usr/bin/chromium from apt.
 * The `electron` project drives the desktop shell with Playwright's _electron launcher where an
 * Electron binary is installed, and reports itself skipped (with the reason) where it is not.
 * The `podman` project runs the tests tagged @podman again with Berth on the test host's Podman.
 */
import { defineConfig } from '@playwright/test'
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './test/e2e/support/chromium'
import type { E2eWorkerOptions } from './test/e2e/support/fixtures'

const CHROMIUM = {
  browserName: 'chromium' as const,
  launchOptions: { executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS }
}

export default defineConfig<object, E2eWorkerOptions>({
  testDir: 'test/e2e',
  // 2 cores and one shared engine: one worker keeps timings honest and specs independent.
  workers: 1,
  fullyParallel: false,
  forbidOnly: !!process.env.CI,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  // Not the default test-results/: other runners put their reports there and Playwright empties its outputDir.
  outputDir: 'test-results/e2e-output',
  reporter: [['list'], ['json', { outputFile: 'test-results/e2e.json' }]],
  globalSetup: './test/e2e/global-setup.ts',
  use: {
    headless: true,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    viewport: { width: 1280, height: 800 },
    colorScheme: 'light'
  },
  projects: [
    {
      name: 'chromium',
      testIgnore: [/electron\.spec\.ts$/, /churn\.spec\.ts$/, /vm\.spec\.ts$/],
      use: CHROMIUM
    },
    {
      // A named subset for Podman (issue 10): every area a person touches, once at least. Specs
      // choose their tests with the @podman tag; where Podman 4.3 can't do what a test asks, the
      // test asserts Berth's explanation instead (the `berthEngine` fixture says which engine).
      // `npm test` runs it as the step "e2e-podman".
      name: 'podman',
      grep: /@podman/,
      testIgnore: [/electron\.spec\.ts$/, /churn\.spec\.ts$/, /vm\.spec\.ts$/],
      outputDir: 'test-results/podman-output',
      use: { ...CHROMIUM, berthEngine: 'podman' }
    },
    {
      // Ten minutes on an engine and a server of its own: `npm test` runs it beside the other
      // suites (scripts/test.mjs, step "churn"); `playwright test` alone runs it with the rest.
      name: 'churn',
      testMatch: /churn\.spec\.ts$/,
      outputDir: 'test-results/churn-output',
      use: CHROMIUM
    },
    {
      // The Berth VM booted from the UI (minutes under software emulation): `npm test` runs it
      // after the vm suite, which leaves the VM image in the shared cache (step "e2e-vm").
      name: 'vm',
      testMatch: /vm\.spec\.ts$/,
      outputDir: 'test-results/vm-output',
      use: CHROMIUM
    },
    {
      name: 'electron',
      testMatch: /electron\.spec\.ts$/
    }
  ]
})
