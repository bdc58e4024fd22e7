/** Whether this Berth has native file dialogs (the desktop app) — asked once per dialog. */
import { useEffect, useState } from 'react'
import { useStores } from '../../stores/context'

export function useNativeDialogs(): boolean | null {
  const { client } = useStores()
  const [native, setNative] = useState<boolean | null>(null)
  useEffect(() => {
    let live = true
    client.call('host.capabilities', {}).then(
      (caps) => live && setNative(caps.nativeDialogs),
      () => live && setNative(false)
    )
    return () => {
      live = false
    }
  }, [client])
  return native
}
