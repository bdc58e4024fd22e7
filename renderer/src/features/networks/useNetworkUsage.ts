/**
 * Which containers are on each network, read apart from the list (networks.usage costs a full
 * container list, and network events come with every container start and stop): only while the
 * Networks page is open, again after the list changed (network events) or containers came or
 * went, coalesced so a burst of events costs one read.
 */
import { useCallback, useEffect, useRef, useState } from 'react'
import type { RpcClient } from '../../api/client'
import type { NetworkRow } from '../../../../shared/networks-models'
import type { ContainerRef } from '../../../../shared/volumes-models'
import type { ContainersStore } from '../../stores/containers'

export type NetworkUsageMap = ReadonlyMap<string, readonly ContainerRef[]>

export function useNetworkUsage(client: RpcClient, items: readonly NetworkRow[], containers: ContainersStore, delayMs = 150): NetworkUsageMap {
  const [usage, setUsage] = useState<NetworkUsageMap>(new Map())
  const inFlight = useRef(false)
  const again = useRef(false)
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null)
  const mounted = useRef(true)

  const read = useCallback(async (): Promise<void> => {
    if (inFlight.current) {
      again.current = true
      return
    }
    inFlight.current = true
    try {
      const answer = await client.call('networks.usage', {})
      if (mounted.current) setUsage(new Map(Object.entries(answer.byNetwork)))
    } catch {
      // Kept as it was: the list says why the engine can't be read.
    } finally {
      inFlight.current = false
      if (again.current && mounted.current) {
        again.current = false
        void read()
      }
    }
  }, [client])

  const schedule = useCallback(() => {
    if (timer.current) clearTimeout(timer.current)
    timer.current = setTimeout(() => {
      timer.current = null
      void read()
    }, delayMs)
  }, [read, delayMs])

  useEffect(() => {
    schedule()
  }, [items, schedule])

  useEffect(() => {
    mounted.current = true
    const unsubscribe = containers.subscribe((state, previous) => {
      if (state.byId === previous.byId) return
      const sameSet = state.byId.size === previous.byId.size && [...state.byId.keys()].every((id) => previous.byId.has(id))
      if (!sameSet) schedule()
    })
    return () => {
      mounted.current = false
      unsubscribe()
      if (timer.current) clearTimeout(timer.current)
    }
  }, [containers, schedule])

  return usage
}
