/** Placeholder until one-click engine setup lands: the Engines page shows it below the engine cards. */
import type { ReactElement } from 'react'

export function NativeEngineSetup(): ReactElement | null {
  return null
}
