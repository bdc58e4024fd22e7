/**
 * Handlers for shared/methods/build.ts. `build.run` is a thin adapter over runBuild (one build,
 * start to end) that also keeps a cancel handle by the client's build id and records the outcome
 * in the history. Cancelling through `build.cancel` ends the stream normally with a `cancelled`
 * result (the client sees it); a client that goes away aborts the same way, and the history still
 * says "cancelled".
 */
import { RpcError } from '../../../shared/errors'
import type { buildMethods } from '../../../shared/methods/build'
import { BuildHistory } from '../engine/build-history'
import { inspectContext, runBuild } from '../engine/build-session'
import type { PartialHandlers } from '../rpc/handlers'
import type { CoreServices } from '../services'

export function buildHandlers(services: CoreServices): PartialHandlers<keyof typeof buildMethods> {
  const { engines, homeDir, credentials } = services
  const history = new BuildHistory(services.configDir, services.log)
  const running = new Map<string, AbortController>()
  return {
    'build.run': async ({ buildId, ...options }, emit, signal) => {
      if (running.has(buildId)) throw new RpcError('CONFLICT', 'A build with this id is already running.')
      const controller = new AbortController()
      const stop = (): void => controller.abort()
      signal.addEventListener('abort', stop, { once: true })
      running.set(buildId, controller)
      try {
        const engine = await engines.whenActive(controller.signal)
        const record = await runBuild(buildId, options, emit, controller.signal, { engine, homeDir, credentials })
        await history.add(record)
        emit({ kind: 'result', record })
      } finally {
        running.delete(buildId)
        signal.removeEventListener('abort', stop)
      }
    },

    'build.cancel': async ({ buildId }) => {
      const controller = running.get(buildId)
      controller?.abort()
      return { cancelled: controller !== undefined }
    },

    'build.inspectContext': async (input) => inspectContext(input, homeDir),
    'build.builders': async (_input, signal) => (await engines.whenActive(signal)).build.builders(signal),
    'build.history': async () => history.list(),
    'build.clearHistory': async () => {
      await history.clear()
      return { ok: true }
    }
  }
}
