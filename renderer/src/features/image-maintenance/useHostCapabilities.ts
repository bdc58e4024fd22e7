/** Whether this Berth has native file dialogs (the desktop app) — asked once per dialog; null until known. */
import { useCall } from '../../lib/useCall'

export function useNativeDialogs(): boolean | null {
  const { value, error } = useCall('host.capabilities', {})
  if (error) return false
  return value ? value.nativeDialogs : null
}
