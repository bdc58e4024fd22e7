/** The volume drivers this engine offers (local, plus any plugins), read once per dialog. */
import { useCall } from '../../lib/useCall'

export function useVolumeDrivers(): string[] {
  return useCall('volumes.drivers', {}).value?.drivers ?? ['local']
}
