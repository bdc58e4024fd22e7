/** The network drivers this engine offers, with why the others can't be used. */
import { useEffect, useState } from 'react'
import type { RpcClient } from '../../api/client'
import type { NetworkDrivers } from '../../../../shared/networks-models'

const FALLBACK: NetworkDrivers['drivers'] = [{ name: 'bridge', available: true }]

export function useNetworkDrivers(client: RpcClient): NetworkDrivers['drivers'] {
  const [drivers, setDrivers] = useState(FALLBACK)
  useEffect(() => {
    let live = true
    client
      .call('networks.drivers', {})
      .then((answer) => live && setDrivers(answer.drivers))
      .catch(() => {})
    return () => {
      live = false
    }
  }, [client])
  return drivers
}
