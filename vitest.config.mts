import react from '@vitejs/plugin-react'
import { defineConfig } from 'vitest/config'

/**
 * Three projects: `unit` (no engine; node, plus jsdom for renderer components),
 * `integration` (the handler table against the real test engine the test host runs) and `vm`
 * (the Berth VM built and booted with QEMU).
 */
export default defineConfig({
  plugins: [react()],
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['test/unit/**/*.test.ts', 'test/renderer/**/*.test.{ts,tsx}'],
          environment: 'node',
          testTimeout: 20_000
        }
      },
      {
        extends: true,
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts'],
          environment: 'node',
          testTimeout: 60_000,
          hookTimeout: 120_000,
          // One engine, shared: files run one after another so timings and event order stay honest.
          fileParallelism: false,
          // One after another in one worker anyway: sharing its module cache saves importing the
          // core again for each of ~60 files (~3 s each on a busy two-core machine). Files keep no
          // module-level state (each makes its own core) and mock no modules.
          isolate: false
        }
      },
      {
        extends: true,
        test: {
          name: 'vm',
          // The Berth VM booted for real (issue 8): minutes under software emulation, so its own step.
          include: ['test/vm/**/*.test.ts'],
          environment: 'node',
          testTimeout: 400_000,
          hookTimeout: 600_000,
          fileParallelism: false
        }
      }
    ]
  }
})
