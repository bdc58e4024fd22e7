/** containers.*: the list and each lifecycle action, on the active engine. */
import { RpcError } from '../../../shared/errors'
import type { EngineClient } from '../engine/client'
import { engineStatus } from '../engine/failures'
import type { EngineRegistry } from '../engine/registry'
import type { PartialHandlers } from '../rpc/handlers'

type ContainerMethods =
  | 'containers.list'
  | 'containers.start'
  | 'containers.stop'
  | 'containers.restart'
  | 'containers.pause'
  | 'containers.unpause'
  | 'containers.kill'
  | 'containers.remove'

const DONE = { ok: true } as const

/** States in which the engine refuses to remove a container unless forced. */
const REMOVE_NEEDS_FORCE = new Set(['running', 'paused', 'restarting'])

/**
 * Why the engine refused to remove a container, in one sentence that names it. The engine's own
 * words give the 64-character id and advice that the generic mapping would repeat; Podman says it
 * with a 500 rather than a 409. Anything else is left to the generic mapping.
 */
async function removeRefusal(client: EngineClient, id: string, thrown: unknown, signal: AbortSignal): Promise<RpcError | null> {
  const status = engineStatus(thrown)
  if (status !== 409 && status !== 500) return null
  const container = await client.containerSummary(id, signal).catch(() => null)
  if (!container || !REMOVE_NEEDS_FORCE.has(container.state)) return null
  return new RpcError('CONFLICT', `Can't remove ${container.name} while it is ${container.state}: stop it first, or choose Force.`, {
    containerName: container.name
  })
}

export function containerHandlers(engines: EngineRegistry): PartialHandlers<ContainerMethods> {
  const engine = (signal: AbortSignal) => engines.whenActive(signal)
  return {
    'containers.list': async (_input, signal) => (await engine(signal)).listContainers(undefined, signal),
    'containers.start': async ({ id }, signal) => {
      await (await engine(signal)).startContainer(id)
      return DONE
    },
    'containers.stop': async ({ id, timeoutSeconds }, signal) => {
      await (await engine(signal)).stopContainer(id, timeoutSeconds)
      return DONE
    },
    'containers.restart': async ({ id, timeoutSeconds }, signal) => {
      await (await engine(signal)).restartContainer(id, timeoutSeconds)
      return DONE
    },
    'containers.pause': async ({ id }, signal) => {
      await (await engine(signal)).pauseContainer(id)
      return DONE
    },
    'containers.unpause': async ({ id }, signal) => {
      await (await engine(signal)).unpauseContainer(id)
      return DONE
    },
    'containers.kill': async ({ id, signal: killSignal }, signal) => {
      await (await engine(signal)).killContainer(id, killSignal)
      return DONE
    },
    'containers.remove': async ({ id, force, volumes }, signal) => {
      const client = await engine(signal)
      try {
        await client.removeContainer(id, { force, volumes })
      } catch (err) {
        throw (force ? null : await removeRefusal(client, id, err, signal)) ?? err
      }
      return DONE
    }
  }
}
