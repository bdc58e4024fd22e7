/** disk.*: usage by kind and clean-up per kind (preview, then exactly those), on the active engine. */
import type { diskMethods } from '../../../shared/methods/disk'
import type { PartialHandlers } from '../rpc/handlers'
import type { CoreServices } from '../services'

export function diskHandlers({ engines }: CoreServices): PartialHandlers<keyof typeof diskMethods> {
  const engine = (signal: AbortSignal) => engines.whenActive(signal)
  return {
    'disk.usage': async (_input, signal) => (await engine(signal)).disk.usage(signal),
    'disk.cleanupPreview': async ({ kind }, signal) => (await engine(signal)).disk.cleanupPreview(kind, signal),
    'disk.cleanup': async ({ kind, ids }, signal) => (await engine(signal)).disk.cleanup(kind, ids, signal)
  }
}
