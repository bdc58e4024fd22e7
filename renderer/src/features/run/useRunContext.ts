/**
 * What the run rules need to know about the world, from the stores (names in use, ports other
 * containers publish, networks) and the engine (its cores and memory, read once per use).
 */
import { useEffect, useMemo, useState } from 'react'
import type { EngineInfo } from '../../../../shared/models'
import type { PublishedPort, RunContext } from '../../../../shared/run-validation'
import { useSlice, useStores } from '../../stores/context'

export interface HostLimits {
  cpus: number
  memoryBytes: number
}

/** The engine's cores and memory (engines.info); null until known or when it can't be read. */
export function useHostLimits(): HostLimits | null {
  const { client } = useStores()
  const [info, setInfo] = useState<EngineInfo | null>(null)
  useEffect(() => {
    let live = true
    client.call('engines.info', {}).then(
      (answer) => live && setInfo(answer),
      () => {} // sliders then fall back to generous defaults; the engine still enforces its own limits
    )
    return () => {
      live = false
    }
  }, [client])
  return info ? { cpus: info.cpus, memoryBytes: info.memoryBytes } : null
}

/** The run rules' context; `exceptId` leaves one container out (renaming it keeps its own name legal). */
export function useRunContext(host: HostLimits | null, exceptId?: string): RunContext {
  const { containers, networks } = useStores()
  const sorted = useSlice(containers, (s) => s.sorted)
  const networkItems = useSlice(networks, (s) => s.items)
  const networksLoaded = useSlice(networks, (s) => s.loaded)
  return useMemo(() => {
    const others = sorted.filter((c) => c.id !== exceptId)
    const publishedPorts: PublishedPort[] = others.flatMap((c) =>
      c.ports
        .filter((p) => p.publicPort !== undefined)
        .map((p) => ({ hostIp: p.hostIp, hostPort: p.publicPort as number, protocol: p.protocol, containerName: c.name }))
    )
    return {
      containerNames: new Set(others.map((c) => c.name)),
      publishedPorts,
      ...(networksLoaded ? { networks: new Set(networkItems.map((n) => n.name)) } : {}),
      ...(host ? { hostCpus: host.cpus, hostMemoryBytes: host.memoryBytes } : {})
    }
  }, [sorted, networkItems, networksLoaded, host, exceptId])
}
