/**
 * Maps anything thrown by a handler to an RpcError with words people can act on.
 * Engine errors are mapped here once: HTTP status from the engine, socket errors, aborts.
 */
import { RpcError } from '../../../shared/errors'
import { engineSentence } from '../engine/failures'

interface EngineLikeError {
  statusCode?: number
  code?: string
  message?: string
  name?: string
}

const UNAVAILABLE_CODES = new Set(['ECONNREFUSED', 'ENOENT', 'ECONNRESET', 'EPIPE', 'EHOSTUNREACH', 'ENOTFOUND', 'ETIMEDOUT', 'EACCES'])

export function toRpcError(thrown: unknown): RpcError {
  if (thrown instanceof RpcError) return thrown
  const err = (typeof thrown === 'object' && thrown !== null ? thrown : { message: String(thrown) }) as EngineLikeError

  if (err.name === 'AbortError' || err.code === 'ABORT_ERR') {
    return new RpcError('CANCELLED', 'Cancelled.')
  }
  if (err.code && UNAVAILABLE_CODES.has(err.code) && err.statusCode === undefined) {
    const hint =
      err.code === 'EACCES'
        ? 'Berth may not have permission to use the Docker socket: add your user to the "docker" group, then log in again.'
        : 'Start Docker (or pick another engine in Engines), and Berth will reconnect by itself.'
    return new RpcError('ENGINE_UNAVAILABLE', `The Docker engine is unavailable (${err.code}). ${hint}`)
  }

  const status = err.statusCode
  if (typeof status === 'number') {
    const message = engineSentence(err)
    if (status === 404) return new RpcError('NOT_FOUND', `Not found: ${message}`)
    if (status === 409) {
      // Removing a running container, or an image some container still uses.
      // dockerd words it two ways: "image is being used by stopped container <id>" (by image id)
      // and "container <id> is using its referenced image <id>" (by tag).
      const usedBy =
        /(?:used by|being used by)(?: running| stopped)? container ([0-9a-f]{6,64})/i.exec(message) ??
        /container ([0-9a-f]{6,64}) is using its referenced image/i.exec(message)
      if (usedBy) {
        const running = /running container/i.test(message)
        const next = running ? 'Stop and remove that container first.' : 'Remove that container first, or choose Force.'
        return new RpcError('IN_USE', `${message}. It is used by container ${usedBy[1].slice(0, 12)}. ${next}`, {
          container: usedBy[1]
        })
      }
      if (/running container|stop the container|is running/i.test(message)) {
        // Our advice replaces the engine's ("Stop the container before attempting removal or
        // force remove"), and a full 64-character id says no more than its first 12.
        const fact = message
          .replace(/\.?\s*Stop the container before[^.]*\.?$/i, '')
          .replace(/\b([0-9a-f]{12})[0-9a-f]{52}\b/g, '$1')
        return new RpcError('CONFLICT', `${fact}. Stop it first or choose Force.`)
      }
      return new RpcError('CONFLICT', message)
    }
    if (status === 304) return new RpcError('CONFLICT', 'Nothing to do: it is already in that state.')
    if (status === 400) return new RpcError('INVALID_INPUT', message)
    if (status === 401 || status === 403) return new RpcError('UNAUTHORIZED', message)
    return new RpcError('INTERNAL', `The engine answered ${status}: ${message}`)
  }
  return new RpcError('INTERNAL', err.message ?? 'Something went wrong inside Berth.')
}
