/** The network drivers this engine offers, with why the others can't be used. */
import type { NetworkDrivers } from '../../../../shared/networks-models'
import { useCall } from '../../lib/useCall'

const FALLBACK: NetworkDrivers['drivers'] = [{ name: 'bridge', available: true }]

export function useNetworkDrivers(): NetworkDrivers['drivers'] {
  return useCall('networks.drivers', {}).value?.drivers ?? FALLBACK
}
