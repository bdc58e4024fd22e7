/**
 * engines.*: which engines exist and how each is, which one is active, and SSH remotes added,
 * tested, renamed and removed. Thin: the registry and RemoteEngines do the work.
 */
import type { engineMethods, EnginesWatchEvent } from '../../../shared/methods/engines'
import { RemoteEngines } from '../engine/ssh-remotes'
import type { EngineRegistry } from '../engine/registry'
import type { PartialHandlers } from '../rpc/handlers'
import type { CoreServices } from '../services'

/** Every engine's summary as it changes, until the client stops listening. */
export function watchEngines(engines: EngineRegistry, emit: (event: EnginesWatchEvent) => void, signal: AbortSignal): Promise<void> {
  return new Promise<void>((resolve) => {
    if (signal.aborted) return resolve()
    emit({ type: 'list', engines: engines.list() })
    const offChange = engines.onChange((engine) => emit({ type: 'engine', engine }))
    const offRemove = engines.onRemove((id) => emit({ type: 'removed', id }))
    signal.addEventListener(
      'abort',
      () => {
        offChange()
        offRemove()
        resolve()
      },
      { once: true }
    )
  })
}

export function engineHandlers(services: CoreServices): PartialHandlers<keyof typeof engineMethods> {
  const { engines } = services
  const remotes = new RemoteEngines(engines, engines.settings)
  return {
    'engines.list': async () => engines.list(),
    'engines.watch': (_input, emit, signal) => watchEngines(engines, emit, signal),
    'engines.use': async ({ id }) => engines.use(id),
    'engines.info': async (_input, signal) => (await engines.whenActive(signal)).info(signal),
    'engines.refresh': async ({ id }, signal) => engines.refresh(id, signal),
    'engines.testRemote': async ({ remote, decisions }, signal) => remotes.test(remote, decisions, signal),
    'engines.addRemote': async ({ remote, decisions, use }, signal) => remotes.add(remote, decisions, use, signal),
    'engines.connect': async ({ id, decisions }) => remotes.connect(id, decisions),
    'engines.rename': async ({ id, name }) => remotes.rename(id, name),
    'engines.remove': async ({ id }) => {
      await remotes.remove(id)
      return { ok: true as const }
    }
  }
}
