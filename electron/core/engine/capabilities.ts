/**
 * What an engine can and can't do, decided in one place: by product and version, confirmed by a
 * cheap probe where the version alone can't be trusted. The renderer disables every control that
 * needs a missing capability and shows its reason; handlers refuse the call with the same words.
 *
 * Live updates (POST /containers/{id}/update) on Podman: its Docker-compatible API has no such
 * route in 4.x (the request is answered "Not Found" as plain text, before any container is looked
 * up). Podman 4.3's own API has POST /libpod/containers/{id}/update, and it does change the running
 * container's cgroup, but the engine's inspect keeps showing the old limits (HostConfig.Memory 0
 * after a 128 MiB update, measured on Debian's 4.3.1) and the change is not kept for the next
 * start: Berth would show limits the container doesn't have. So it is not used; people are told
 * to recreate the container instead.
 */
import type Docker from 'dockerode'
import { releaseLine } from '../../../shared/engine-identity'
import type { Capability, CapabilityName, EngineCapabilities, EngineIdentity } from '../../../shared/engines-models'
import { RpcError } from '../../../shared/errors'
import { engineStatus } from './failures'
import { dial } from './modem'

const AVAILABLE: Capability = { available: true }

/** What a probe found; undefined where it was not run or could not tell. */
export interface CapabilityProbes {
  /** Does the Docker-compatible API have POST /containers/{id}/update at all? */
  containerUpdateRoute?: boolean
}

/** Podman before 5 has no compatible update route; used when the probe could not tell. */
function podmanHasUpdateRoute(version: string): boolean {
  const major = Number(/^(\d+)\./.exec(version)?.[1] ?? Number.NaN)
  return Number.isFinite(major) && major >= 5
}

export function decideCapabilities(identity: EngineIdentity, probes: CapabilityProbes = {}): EngineCapabilities {
  if (identity.product !== 'podman') return { liveLimits: AVAILABLE, restartPolicyUpdate: AVAILABLE }
  const canUpdate = probes.containerUpdateRoute ?? podmanHasUpdateRoute(identity.version)
  if (canUpdate) return { liveLimits: AVAILABLE, restartPolicyUpdate: AVAILABLE }
  const named = `Podman ${releaseLine(identity.version)}`
  return {
    liveLimits: { available: false, reason: `${named} can't change the limits of a running container; recreate it with new limits.` },
    restartPolicyUpdate: {
      available: false,
      reason: `${named} can't change a container's restart policy once it is created; recreate it with the policy you want.`
    }
  }
}

/**
 * Asks for an update of a container that can't exist. An engine that has the route looks the
 * container up and answers 404 with a JSON message ("no such container"); one without the route
 * answers 404 with a bare "Not Found". Nothing is changed either way.
 */
export async function probeContainerUpdateRoute(docker: Docker, signal?: AbortSignal): Promise<boolean | undefined> {
  const name = `berth-capability-probe-${Math.random().toString(36).slice(2, 12)}`
  try {
    await dial(docker, {
      path: `/containers/${name}/update?`,
      method: 'POST',
      abortSignal: signal,
      statusCodes: { 200: true, 404: 'not found' },
      // A body the engine must decode (an empty one fails with 500 "EOF" before the lookup); the field means nothing.
      options: { _query: {}, _body: { BerthCapabilityProbe: true } }
    })
    return undefined
  } catch (err) {
    if (engineStatus(err) !== 404) return undefined
    const json = (err as { json?: unknown }).json
    const message = typeof json === 'object' && json !== null && 'message' in json ? (json as { message: unknown }).message : undefined
    return typeof message === 'string'
  }
}

/** The capabilities of an engine, probing only where its product and version leave a doubt. */
export async function readCapabilities(docker: Docker, identity: EngineIdentity, signal?: AbortSignal): Promise<EngineCapabilities> {
  if (identity.product !== 'podman') return decideCapabilities(identity)
  const containerUpdateRoute = await probeContainerUpdateRoute(docker, signal)
  return decideCapabilities(identity, containerUpdateRoute === undefined ? {} : { containerUpdateRoute })
}

/** Refuses a call that needs what the engine can't do, with the capability's own words. */
export function requireCapability(capabilities: EngineCapabilities | undefined, name: CapabilityName): void {
  const capability = capabilities?.[name]
  if (capability && !capability.available) throw new RpcError('UNSUPPORTED', capability.reason, { capability: name })
}
