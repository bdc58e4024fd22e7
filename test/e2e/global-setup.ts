/**
 * Once per run: build if needed, start browser mode against the test host's engine with a
 * throwaway settings folder, and hand URL + token to the specs. The returned function is
 * Playwright's teardown: it stops the server and removes what the suite labelled.
 */
import { rmSync } from 'node:fs'
import { loadTestHost } from '../support/testHost'
import { EngineApi } from './support/engine-api'
import { ensureBuilt, startServe } from './support/serve'
import { E2E_LABEL_FILTERS, E2E_RUN, E2E_RUN_LABEL, E2E_STATE_PATH, E2E_SUITE_FILTERS, runIsAlive, writeE2eState } from './support/state'

/**
 * Containers, then images and volumes carrying these labels. Narrower than
 * test/support/cleanup.ts (all berth.test=1 objects): other suites may share this engine right now.
 */
async function removeLabelled(engine: EngineApi, filters: string[]): Promise<number> {
  const containers = await engine.removeContainersLabelled(filters)
  const images = await engine.removeImagesLabelled(filters)
  const volumes = await engine.removeVolumesLabelled(filters)
  return containers + images + volumes
}

/** What e2e runs that are no longer running left behind (a crash, a killed runner); never a live run's objects. */
async function removeLeftovers(engine: EngineApi): Promise<number> {
  const filters = encodeURIComponent(JSON.stringify({ label: E2E_SUITE_FILTERS }))
  type Labelled = { Labels: Record<string, string> | null }
  const orphaned = (object: Labelled): boolean => {
    const run = object.Labels?.[E2E_RUN_LABEL]
    return run !== E2E_RUN && !runIsAlive(run)
  }
  const containers = ((await engine.ok('GET', `/containers/json?all=1&filters=${filters}`)) as Array<Labelled & { Id: string }>).filter(orphaned)
  for (const container of containers) await engine.remove(container.Id)
  const images = ((await engine.ok('GET', `/images/json?filters=${filters}`)) as Array<Labelled & { Id: string }>).filter(orphaned)
  for (const image of images) await engine.ok('DELETE', `/images/${image.Id}?force=1`, undefined, [404, 409])
  const volumes = (((await engine.ok('GET', `/volumes?filters=${filters}`)) as { Volumes: Array<Labelled & { Name: string }> | null }).Volumes ?? []).filter(orphaned)
  for (const volume of volumes) await engine.ok('DELETE', `/volumes/${encodeURIComponent(volume.Name)}?force=1`, undefined, [404, 409])
  return containers.length + images.length + volumes.length
}

export default async function globalSetup(): Promise<() => Promise<void>> {
  const host = loadTestHost()
  const engine = new EngineApi(host.dockerSocket)
  await engine.ping()
  // Workers read this run's id (and so its labels) from the environment.
  process.env.BERTH_E2E_RUN = E2E_RUN
  // A crashed earlier run may have left containers behind; they would clutter the grid.
  const leftovers = await removeLeftovers(engine)
  if (leftovers) console.log(`e2e: removed ${leftovers} objects left by an earlier run`)

  ensureBuilt()
  const server = await startServe({ dockerHost: host.dockerHost })
  console.log(`e2e: browser mode at ${server.origin} (pid ${server.pid}) on ${host.dockerHost}`)
  writeE2eState({ server, dockerSocket: host.dockerSocket, testImage: host.testImage })
  process.env.BERTH_E2E_STATE = E2E_STATE_PATH

  return async () => {
    await server.stop()
    const removed = await removeLabelled(engine, E2E_LABEL_FILTERS)
    if (removed) console.log(`e2e: teardown removed ${removed} labelled objects`)
    engine.close()
    rmSync(E2E_STATE_PATH, { force: true })
  }
}
