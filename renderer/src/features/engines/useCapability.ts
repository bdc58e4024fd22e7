/**
 * What the active engine can do, for controls that need it: a control whose capability is missing
 * is disabled and shows the reason (decided by the core, electron/core/engine/capabilities.ts).
 * An engine whose capabilities are not known yet is taken to have them: the core refuses in the
 * same words if it turns out it can't.
 */
import type { Capability, CapabilityName } from '../../../../shared/engines-models'
import { useSlice, useStores } from '../../stores/context'
import { selectActiveEngine } from '../../stores/engines'

const AVAILABLE: Capability = { available: true }

export function useCapability(name: CapabilityName): Capability {
  const stores = useStores()
  return useSlice(stores.engines, (s) => selectActiveEngine(s)?.capabilities?.[name]) ?? AVAILABLE
}

/** The reason a capability is missing, or null when it is there. */
export function missingReason(capability: Capability): string | null {
  return capability.available ? null : capability.reason
}

/** The active engine's product for sentences about it ("Docker's own network"); Docker until it is known. */
export function useEngineProductName(): string {
  const stores = useStores()
  return useSlice(stores.engines, (s) => selectActiveEngine(s)?.identity?.productName) ?? 'Docker'
}
