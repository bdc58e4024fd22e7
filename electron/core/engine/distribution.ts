/**
 * DistributionApi: pull (POST /images/create?fromImage&tag), push (POST /images/{name}/push)
 * and tag (POST /images/{name}/tag). Returns DTOs, never dockerode types.
 *
 * Pull and push answer with a JSON-lines progress body, read with our own framer into a
 * ProgressTracker the caller owns (it decides how often to look). Aborting `signal` destroys the
 * request, which is how dockerd learns to stop: it cancels the transfer and keeps no half image.
 * Failures come as an HTTP error before the body or as an error line inside it; both are worded
 * by distribution-failures.ts with the registry named.
 */
import type Docker from 'dockerode'
import type { Readable } from 'node:stream'
import { RpcError } from '../../../shared/errors'
import { familiarName, familiarReference, type ImageReference } from '../../../shared/reference'
import type { RegistryAuth } from '../credentials/store'
import { transferFailure, transferRequestFailure, type TransferContext } from './distribution-failures'
import type { EngineProgressLine, ProgressTracker } from './distribution-progress'
import { dial, type DialOptions } from './modem'
import { consumeBody, JsonLinesFramer } from './streams'

export interface PullResult {
  imageId: string
  digest: string | null
  upToDate: boolean
}

export interface PushResult {
  digest: string
  size: number | null
}

export interface DistributionApi {
  /** Pulls into the engine; `tracker` sees every progress line. Resolves early (with null) when `signal` aborts. */
  pull(reference: ImageReference, auth: RegistryAuth | undefined, tracker: ProgressTracker, signal: AbortSignal): Promise<PullResult | null>
  push(reference: ImageReference, auth: RegistryAuth | undefined, tracker: ProgressTracker, signal: AbortSignal): Promise<PushResult | null>
  /** Gives the image `source` (id or reference) the name `target`. */
  tag(source: string, target: ImageReference, signal: AbortSignal): Promise<void>
}

/**
 * The X-Registry-Auth header: the credentials as JSON in URL-safe base64 *with* padding (Go's
 * base64.URLEncoding, which the engine decodes with). Without credentials it is "{}": the engine
 * refuses a push that has no header at all.
 */
export function registryAuthHeader(auth: RegistryAuth | undefined): string {
  const json = auth ? JSON.stringify({ username: auth.username, password: auth.password, serveraddress: auth.serveraddress }) : '{}'
  return Buffer.from(json, 'utf8').toString('base64').replace(/\+/g, '-').replace(/\//g, '_')
}

type AuthedDial = DialOptions & { authconfig: { base64: string } }

function contextFor(action: TransferContext['action'], reference: ImageReference, auth: RegistryAuth | undefined): TransferContext {
  return { action, reference: familiarReference(reference), registry: reference.registry, username: auth?.username ?? null }
}

/** Opens a progress body; HTTP errors are worded for this transfer. */
async function openProgress(docker: Docker, request: AuthedDial, context: TransferContext): Promise<Readable> {
  try {
    const body = await dial(docker, request)
    if (!body) throw new RpcError('INTERNAL', `The engine sent no progress for the ${context.action} of ${context.reference}.`)
    return body as Readable
  } catch (err) {
    throw transferRequestFailure(err, context)
  }
}

/** Feeds the body's lines to `tracker` until it ends; the engine's error line becomes a worded failure. */
async function readProgress(body: Readable, tracker: ProgressTracker, context: TransferContext, signal: AbortSignal): Promise<void> {
  const framer = new JsonLinesFramer((value) => {
    if (typeof value === 'object' && value !== null) tracker.apply(value as EngineProgressLine)
  })
  await consumeBody(
    body,
    {
      push: (chunk) => {
        framer.push(chunk)
        // Stop reading at the first error line: nothing useful follows it.
        return tracker.error ? 'stop' : undefined
      },
      end: () => {
        framer.end()
        return undefined
      },
      closedWithoutEnd: `The engine closed the connection in the middle of the ${context.action} of ${context.reference}.`
    },
    signal
  )
  if (tracker.error && !signal.aborted) throw transferFailure(tracker.error, context)
}

export function createDistributionApi(docker: Docker): DistributionApi {
  return {
    async pull(reference, auth, tracker, signal) {
      const context = contextFor('pull', reference, auth)
      const body = await openProgress(
        docker,
        {
          path: '/images/create?',
          method: 'POST',
          isStream: true,
          abortSignal: signal,
          statusCodes: { 200: true, 404: 'not found', 500: 'server error' },
          // A digest goes where the tag would: the engine takes either as `tag`.
          options: { _query: { fromImage: familiarName(reference), tag: reference.digest ?? reference.tag ?? 'latest' }, _body: {} },
          authconfig: { base64: registryAuthHeader(auth) }
        },
        context
      )
      await readProgress(body, tracker, context, signal)
      if (signal.aborted) return null
      const pulled = (await docker.getImage(familiarReference(reference)).inspect({ abortSignal: signal } as object)) as { Id: string }
      tracker.finish()
      return { imageId: pulled.Id, digest: tracker.digest, upToDate: tracker.upToDate }
    },

    async push(reference, auth, tracker, signal) {
      const context = contextFor('push', reference, auth)
      const body = await openProgress(
        docker,
        {
          path: `/images/${encodeURIComponent(familiarName(reference))}/push?`,
          method: 'POST',
          isStream: true,
          abortSignal: signal,
          statusCodes: { 200: true, 404: 'no such image', 500: 'server error' },
          options: { _query: { tag: reference.tag ?? 'latest' }, _body: {} },
          authconfig: { base64: registryAuthHeader(auth) }
        },
        context
      )
      await readProgress(body, tracker, context, signal)
      if (signal.aborted) return null
      if (!tracker.digest) {
        throw new RpcError('INTERNAL', `The engine finished pushing ${context.reference} without saying its digest; check the registry.`)
      }
      tracker.finish()
      return { digest: tracker.digest, size: tracker.pushedSize }
    },

    async tag(source, target, signal) {
      await dial(docker, {
        path: `/images/${encodeURIComponent(source)}/tag?`,
        method: 'POST',
        abortSignal: signal,
        statusCodes: { 200: true, 201: true, 400: 'bad parameter', 404: 'no such image', 409: 'conflict', 500: 'server error' },
        options: { _query: { repo: familiarName(target), tag: target.tag ?? 'latest' }, _body: {} }
      })
    }
  }
}
