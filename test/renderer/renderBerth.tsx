/**
 * Renders the whole app over a FakeTransport with a given engine state, containers and images,
 * the way main.tsx wires it (client → stores → event sync → <App/>).
 */
import { configure, render, type RenderResult } from '@testing-library/react'
import { RpcClient } from '../../renderer/src/api/client'
import { App } from '../../renderer/src/app/App'
import { StoresContext } from '../../renderer/src/stores/context'
import { startEventSync } from '../../renderer/src/stores/events'
import { createBerthStores, type BerthStores } from '../../renderer/src/stores/index'
import type { Page } from '../../renderer/src/stores/views'
import type { ContainerSummary, EngineSummary, ImageSummary } from '../../shared/models'
import { FakeTransport } from './fakeTransport'
import { makeEngine } from './fixtures'

// Pages other than Containers, the details views and dialogs load on first use (App.tsx). Here
// that import is a first transform of the module and its imports, which can take over a second
// when the machine is busy: findBy* waits up to 5 s for them instead of the default 1 s.
configure({ asyncUtilTimeout: 5000 })

/** jsdom lays nothing out; the virtualizer needs a viewport to decide which rows to render. */
export function giveElementsASize(width = 1200, height = 800): void {
  Object.defineProperty(HTMLElement.prototype, 'clientHeight', { configurable: true, get: () => height })
  Object.defineProperty(HTMLElement.prototype, 'clientWidth', { configurable: true, get: () => width })
}

export interface World {
  fake: FakeTransport
  stores: BerthStores
  /** The containers the fake engine has; handlers read it on every call. */
  containers: ContainerSummary[]
  images: ImageSummary[]
  engine: EngineSummary
  view: RenderResult
  stop: () => void
}

export function renderBerth(
  options: { containers?: ContainerSummary[]; images?: ImageSummary[]; page?: Page; maxWaitMs?: number; engine?: EngineSummary; otherEngines?: EngineSummary[] } = {}
): World {
  giveElementsASize()
  const fake = new FakeTransport()
  const world = {
    fake,
    containers: options.containers ?? [],
    images: options.images ?? [],
    engine: options.engine ?? makeEngine()
  } as World
  fake
    .handle('engines.list', () => [world.engine, ...(options.otherEngines ?? [])])
    .handle('containers.list', () => world.containers)
    .handle('images.list', () => world.images)
    .handle('volumes.list', () => [])
    .handle('networks.list', () => [])
    .handle('containers.start', () => ({ ok: true as const }))
    .handle('containers.stop', () => ({ ok: true as const }))
    .handle('containers.restart', () => ({ ok: true as const }))
    .handle('containers.pause', () => ({ ok: true as const }))
    .handle('containers.unpause', () => ({ ok: true as const }))
    .handle('containers.kill', () => ({ ok: true as const }))
    .handle('containers.remove', () => ({ ok: true as const }))
  const client = new RpcClient(fake)
  world.stores = createBerthStores(client, fake, options.page ?? 'containers')
  world.stop = startEventSync(world.stores, fake, { debounceMs: 10, resubscribeDelayMs: 10, maxWaitMs: options.maxWaitMs })
  world.view = render(
    <StoresContext.Provider value={world.stores}>
      <App />
    </StoresContext.Provider>
  )
  return world
}
