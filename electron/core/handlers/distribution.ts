/**
 * images.pull, images.push, images.tag. The reference was checked by the contract; here it is
 * parsed into its registry (for the credentials, which never leave the main process) and handed
 * to the engine. Progress goes out paced (progress-pacer.ts); cancelling the stream aborts the
 * signal, which destroys the engine request and so stops the engine's transfer.
 */
import type { distributionMethods } from '../../../shared/methods/distribution'
import { RpcError } from '../../../shared/errors'
import type { TransferProgress } from '../../../shared/distribution-models'
import { familiarName, familiarReference, isLocalOnly, parseReference, type ImageReference } from '../../../shared/reference'
import type { RegistryAuth } from '../credentials/store'
import type { EngineClient } from '../engine/client'
import { ProgressTracker, type Direction } from '../engine/distribution-progress'
import type { PartialHandlers } from '../rpc/handlers'
import type { CoreServices } from '../services'
import { ProgressPacer } from '../progress-pacer'

function referenceOf(text: string): ImageReference {
  const parsed = parseReference(text)
  // The contract already refused bad references; this only narrows the type.
  if (!parsed.ok) throw new RpcError('INVALID_INPUT', parsed.problem)
  return parsed.reference
}

/**
 * On Podman, localhost/NAME is its name for an image made on the engine (built, committed, tagged
 * or loaded there): no registry has it, and Podman would try one at https://localhost. Said here,
 * in words, before the engine's connection error could.
 */
function refuseLocalOnly(services: CoreServices, reference: ImageReference, direction: Direction): void {
  if (!isLocalOnly(reference) || services.engines.activeSummary().identity?.product !== 'podman') return
  const name = familiarName(reference)
  const path = reference.repository
  throw new RpcError(
    'INVALID_INPUT',
    direction === 'push'
      ? `${name} is Podman's name for an image made on this engine: it belongs to no registry. Tag it for a registry first (e.g. registry.example.com/${path}), then push that tag.`
      : `${name} is Podman's name for an image made on this engine: no registry has it, so it can't be pulled. Build, load or tag it here instead.`,
    { field: 'reference' }
  )
}

interface Transfer {
  client: EngineClient
  auth: RegistryAuth | undefined
  tracker: ProgressTracker
}

/**
 * Runs one pull or push with its tracker and pacer. Progress is flushed before the caller's
 * `done` event so the last snapshot (every layer finished) is never lost; after a failure or a
 * cancel nothing more is sent.
 */
async function runTransfer<T>(
  services: CoreServices,
  direction: Direction,
  reference: ImageReference,
  emit: (event: TransferProgress) => void,
  signal: AbortSignal,
  work: (transfer: Transfer) => Promise<T>
): Promise<T> {
  const [client, auth] = await Promise.all([services.engines.whenActive(signal), services.credentials.authFor(reference.registry, signal)])
  const pacer = new ProgressPacer(() => emit(tracker.snapshot()))
  const tracker = new ProgressTracker(direction, () => pacer.poke())
  try {
    const result = await work({ client, auth, tracker })
    pacer.flush()
    return result
  } finally {
    pacer.stop()
  }
}

export function distributionHandlers(services: CoreServices): PartialHandlers<keyof typeof distributionMethods> {
  return {
    'images.pull': async (input, emit, signal) => {
      const reference = referenceOf(input.reference)
      refuseLocalOnly(services, reference, 'pull')
      const pulled = await runTransfer(services, 'pull', reference, emit, signal, ({ client, auth, tracker }) =>
        client.distribution.pull(reference, auth, tracker, signal)
      )
      if (pulled) emit({ kind: 'done', reference: familiarReference(reference), ...pulled })
    },

    'images.push': async (input, emit, signal) => {
      const reference = referenceOf(input.reference)
      refuseLocalOnly(services, reference, 'push')
      const pushed = await runTransfer(services, 'push', reference, emit, signal, ({ client, auth, tracker }) =>
        client.distribution.push(reference, auth, tracker, signal)
      )
      if (pushed) emit({ kind: 'done', reference: familiarReference(reference), ...pushed })
    },

    'images.tag': async ({ source, target }, signal) => {
      const reference = referenceOf(target)
      await (await services.engines.whenActive(signal)).distribution.tag(source, reference, signal)
      return { reference: familiarReference(reference) }
    }
  }
}
