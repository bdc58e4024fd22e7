/** Run and details: containers.create / inspect / update / rename / freePort, on the active engine. */
import { RpcError } from '../../../shared/errors'
import type { EngineRegistry } from '../engine/registry'
import type { PartialHandlers } from '../rpc/handlers'
import { toRpcError } from '../rpc/errors'
import { requireCapability } from '../engine/capabilities'
import { nameConflictRefusal } from '../engine/failures'
import { engineIsLocal, pickFreePort } from './run-free-port'
import { planUpdate } from './run-update'

type RunMethods = 'containers.create' | 'containers.inspect' | 'containers.update' | 'containers.rename' | 'containers.freePort'

export function runHandlers(engines: EngineRegistry): PartialHandlers<RunMethods> {
  const engine = (signal: AbortSignal) => engines.whenActive(signal)
  return {
    'containers.create': async (spec, signal) => {
      const client = await engine(signal)
      const { id, warnings } = await client.run.create(spec, signal).catch((err: unknown) => {
        throw nameConflictRefusal(err, spec.name || undefined) ?? err
      })
      if (spec.start) {
        try {
          await client.startContainer(id)
        } catch (err) {
          // A container that can't start (port taken, bad bind source…) would only be clutter, and
          // would hold the name the person is about to use again after fixing the settings.
          await client.removeContainer(id, { force: true }).catch(() => {})
          const cause = toRpcError(err)
          throw new RpcError(cause.code, `The container was created but couldn't start, so Berth removed it: ${cause.message}`, cause.detail)
        }
      }
      const name = spec.name || (await client.run.inspect(id, signal)).name
      return { id, name, started: spec.start, warnings }
    },
    'containers.inspect': async ({ id }, signal) => (await engine(signal)).run.inspect(id, signal),
    'containers.update': async ({ id, resources, restartPolicy }, signal) => {
      const client = await engine(signal)
      // Refused before the engine is asked: on Podman 4 the route is missing and its answer is a bare "Not Found".
      const { capabilities } = engines.activeSummary()
      if (resources) requireCapability(capabilities, 'liveLimits')
      if (restartPolicy) requireCapability(capabilities, 'restartPolicyUpdate')
      const current = await client.run.inspect(id, signal)
      const body = planUpdate(current.limits, { resources, restartPolicy })
      return client.run.update(id, body)
    },
    'containers.rename': async ({ id, name }, signal) => {
      await (await engine(signal)).run.rename(id, name).catch((err: unknown) => {
        throw nameConflictRefusal(err, name) ?? err
      })
      return { ok: true }
    },
    'containers.freePort': async ({ protocol, hostIp }, signal) => {
      const client = await engine(signal)
      const published = new Set<number>()
      for (const container of await client.listContainers(undefined, signal)) {
        for (const port of container.ports) if (port.publicPort && port.protocol === protocol) published.add(port.publicPort)
      }
      return pickFreePort(engineIsLocal(engines.activeSummary()), protocol, hostIp, published)
    }
  }
}
