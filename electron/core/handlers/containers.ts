/** containers.*: the list and each lifecycle action, on the active engine. */
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
      await (await engine(signal)).removeContainer(id, { force, volumes })
      return DONE
    }
  }
}
