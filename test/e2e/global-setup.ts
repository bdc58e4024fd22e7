/**
 * Once per run: build if needed, start browser mode against each of the test host's engines
 * (its dockerd, and its Podman when it has one) with throwaway settings folders, and hand the
 * URLs + tokens to the specs. The returned function is Playwright's teardown: it stops the
 * servers and removes what the suite labelled on each engine.
 *
 * Global setup runs once for whichever projects were chosen and can't tell which those are, so
 * the Podman server is started every time (an idle process; see startOnPodman for when it can't).
 */
import { rmSync } from 'node:fs'
import { loadTestHost, loadTestPodman, type TestHost } from '../support/testHost'
import { EngineApi } from './support/engine-api'
import { ensureBuilt, startServe, type ServeHandle } from './support/serve'
import {
  E2E_LABEL_FILTERS,
  E2E_RUN,
  E2E_RUN_LABEL,
  E2E_STATE_PATH,
  E2E_SUITE_FILTERS,
  runIsAlive,
  writeE2eState,
  type E2eEngine,
  type E2eEngineRun
} from './support/state'

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
  const images = (await engine.listImagesLabelled(E2E_SUITE_FILTERS)).filter(orphaned)
  for (const image of images) await engine.ok('DELETE', `/images/${image.Id}?force=1`, undefined, [404, 409])
  const volumes = (((await engine.ok('GET', `/volumes?filters=${filters}`)) as { Volumes: Array<Labelled & { Name: string }> | null }).Volumes ?? []).filter(orphaned)
  for (const volume of volumes) await engine.ok('DELETE', `/volumes/${encodeURIComponent(volume.Name)}?force=1`, undefined, [404, 409])
  return containers.length + images.length + volumes.length
}

interface Started {
  engine: EngineApi
  server: ServeHandle
  run: E2eEngineRun
}

async function startOn(name: E2eEngine, socket: string, testImage: string): Promise<Started> {
  const engine = new EngineApi(socket)
  await engine.ping()
  // A crashed earlier run may have left containers behind; they would clutter the grid.
  const leftovers = await removeLeftovers(engine)
  if (leftovers) console.log(`e2e: removed ${leftovers} objects left by an earlier run on ${name}`)
  const server = await startServe({ dockerHost: `unix://${socket}` })
  console.log(`e2e: browser mode at ${server.origin} (pid ${server.pid}) on ${name} (unix://${socket})`)
  return { engine, server, run: { server, socket, testImage: await engine.listedName(testImage) } }
}

/**
 * Berth on the test host's Podman, or undefined (the reason logged) when the host names none or it
 * doesn't answer: the Docker projects must not fail for Podman; the `podman` project then fails
 * with readE2eState()'s message.
 */
async function startOnPodman(host: TestHost): Promise<Started | undefined> {
  try {
    return await startOn('podman', loadTestPodman(host).socket, host.testImage)
  } catch (err) {
    console.log(`e2e: no server on Podman (${(err as Error).message})`)
    return undefined
  }
}

export default async function globalSetup(): Promise<() => Promise<void>> {
  const host = loadTestHost()
  // Workers read this run's id (and so its labels) from the environment.
  process.env.BERTH_E2E_RUN = E2E_RUN
  ensureBuilt()

  const started: Partial<Record<E2eEngine, Started>> = {}
  const stopAll = async (): Promise<void> => {
    for (const [name, { engine, server }] of Object.entries(started)) {
      await server.stop()
      const removed = await removeLabelled(engine, E2E_LABEL_FILTERS)
      if (removed) console.log(`e2e: teardown removed ${removed} labelled objects on ${name}`)
      engine.close()
    }
  }
  try {
    started.docker = await startOn('docker', host.dockerSocket, host.testImage)
    const podman = await startOnPodman(host)
    if (podman) started.podman = podman
  } catch (err) {
    await stopAll()
    throw err
  }
  writeE2eState({ dockerSocket: host.dockerSocket, engines: { docker: started.docker.run, podman: started.podman?.run } })
  process.env.BERTH_E2E_STATE = E2E_STATE_PATH

  return async () => {
    await stopAll()
    rmSync(E2E_STATE_PATH, { force: true })
  }
}
