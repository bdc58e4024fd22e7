/**
 * Starts the browser-mode server over a real core pointed at the test engine, with its own temp
 * config and home dirs and a tiny static site (the renderer build is not needed to test transport).
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createCore } from '../../../electron/core/app'
import { startServer, type RunningServer } from '../../../electron/core/rpc/ws-server'
import { loadTestHost } from '../../support/testHost'

export const TEST_TOKEN = 'test-token-0123456789abcdef-xyz'
export const SECRET_TEXT = 'this file lives outside the static root'

export interface TestServer {
  server: RunningServer
  staticDir: string
  stop(): Promise<void>
}

export async function startTestServer(): Promise<TestServer> {
  const host = loadTestHost()
  const scratch = mkdtempSync(join(tmpdir(), 'berth-ws-'))
  const staticDir = join(scratch, 'site')
  mkdirSync(join(staticDir, 'assets'), { recursive: true })
  writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>Berth test</title><div id="root"></div>')
  writeFileSync(join(staticDir, 'assets', 'app.js'), 'console.log("berth")')
  writeFileSync(join(staticDir, 'assets', 'app.css'), 'body{}')
  writeFileSync(join(scratch, 'secret.txt'), SECRET_TEXT)
  mkdirSync(join(scratch, 'home'))
  const core = await createCore({
    env: { PATH: process.env.PATH, DOCKER_HOST: host.dockerHost },
    configDir: join(scratch, 'config'),
    homeDir: join(scratch, 'home')
  })
  const server = await startServer({ port: 0, token: TEST_TOKEN, staticDir, handlers: core.handlers })
  return {
    server,
    staticDir,
    async stop() {
      await server.close()
      await core.close()
      rmSync(scratch, { recursive: true, force: true })
    }
  }
}
