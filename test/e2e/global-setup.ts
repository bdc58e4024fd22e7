/**
 * Once per run: build if needed, start browser mode against the test host's engine with a
 * throwaway settings folder, and hand URL + token to the specs. The returned function is
 * Playwright's teardown: it stops the server and removes what the suite labelled.
 */
import { rmSync } from 'node:fs'
import { loadTestHost } from '../support/testHost'
import { EngineApi } from './support/engine-api'
import { ensureBuilt, startServe } from './support/serve'
import { E2E_LABEL_FILTERS, E2E_STATE_PATH, writeE2eState } from './support/state'

/**
 * Containers, then images and volumes carrying the E2E suite's labels. Narrower than
 * test/support/cleanup.ts (all berth.test=1 objects): other suites may share this engine right now.
 */
async function removeOurObjects(engine: EngineApi): Promise<number> {
  const containers = await engine.removeContainersLabelled(E2E_LABEL_FILTERS)
  const images = await engine.removeImagesLabelled(E2E_LABEL_FILTERS)
  const volumes = await engine.removeVolumesLabelled(E2E_LABEL_FILTERS)
  return containers + images + volumes
}

export default async function globalSetup(): Promise<() => Promise<void>> {
  const host = loadTestHost()
  const engine = new EngineApi(host.dockerSocket)
  await engine.ping()
  // A crashed earlier run may have left containers behind; they would clutter the grid.
  const leftovers = await removeOurObjects(engine)
  if (leftovers) console.log(`e2e: removed ${leftovers} objects left by an earlier run`)

  ensureBuilt()
  const server = await startServe({ dockerHost: host.dockerHost })
  console.log(`e2e: browser mode at ${server.origin} (pid ${server.pid}) on ${host.dockerHost}`)
  writeE2eState({ server, dockerSocket: host.dockerSocket, testImage: host.testImage })
  process.env.BERTH_E2E_STATE = E2E_STATE_PATH

  return async () => {
    await server.stop()
    const removed = await removeOurObjects(engine)
    if (removed) console.log(`e2e: teardown removed ${removed} labelled objects`)
    engine.close()
    rmSync(E2E_STATE_PATH, { force: true })
  }
}
