/** The volume drivers this engine offers (local, plus any plugins), read once per dialog. */
import { useEffect, useState } from 'react'
import type { RpcClient } from '../../api/client'

export function useVolumeDrivers(client: RpcClient): string[] {
  const [drivers, setDrivers] = useState<string[]>(['local'])
  useEffect(() => {
    let live = true
    client
      .call('volumes.drivers', {})
      .then((answer) => live && setDrivers(answer.drivers))
      .catch(() => {})
    return () => {
      live = false
    }
  }, [client])
  return drivers
}
