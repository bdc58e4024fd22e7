import { describe, expect, it } from 'vitest'
import { toRpcError } from '../../electron/core/rpc/errors'
import { RpcError } from '../../shared/errors'

/** Shaped like docker-modem's errors: message prefixed with the HTTP code, the engine's JSON body attached. */
function engineError(statusCode: number, engineMessage: string): Error {
  return Object.assign(new Error(`(HTTP code ${statusCode}) unexpected - ${engineMessage} `), {
    statusCode,
    json: { message: engineMessage }
  })
}

function socketError(code: string): Error {
  return Object.assign(new Error(`connect ${code} /var/run/docker.sock`), { code, errno: -1, syscall: 'connect' })
}

describe('toRpcError', () => {
  it('passes an RpcError through unchanged', () => {
    const original = new RpcError('IN_USE', 'busy', { container: 'abc' })
    expect(toRpcError(original)).toBe(original)
  })

  it('maps 404 to NOT_FOUND with the engine sentence, without the modem prefix', () => {
    const err = toRpcError(engineError(404, 'No such container: web'))
    expect(err.code).toBe('NOT_FOUND')
    expect(err.message).toBe('Not found: No such container: web')
  })

  it('maps 409 for an image used by a container to IN_USE naming the container', () => {
    const id = 'f3b2c1d0e9a8f3b2c1d0e9a8'
    const err = toRpcError(
      engineError(409, `conflict: unable to delete 0123456789ab (must be forced) - image is being used by stopped container ${id}`)
    )
    expect(err.code).toBe('IN_USE')
    expect(err.detail).toEqual({ container: id })
    expect(err.message).toContain(id.slice(0, 12))
    expect(err.message).toContain('Force')
  })

  it('maps 409 for removing a running container to CONFLICT with what to do', () => {
    const err = toRpcError(
      engineError(409, 'You cannot remove a running container 0123abcd. Stop the container before attempting removal or force remove')
    )
    expect(err.code).toBe('CONFLICT')
    expect(err.message).toMatch(/Stop it first or choose Force/)
  })

  it('gives a running-container 409 the advice once and ids at 12 characters', () => {
    const id = 'a'.repeat(64)
    const err = toRpcError(engineError(409, `You cannot remove a running container ${id}. Stop the container before attempting removal or force remove`))
    expect(err.message).toBe(`You cannot remove a running container ${id.slice(0, 12)}. Stop it first or choose Force.`)
  })

  it('maps other 409s to CONFLICT, 400 to INVALID_INPUT, 401/403 to UNAUTHORIZED, 304 to CONFLICT', () => {
    expect(toRpcError(engineError(409, 'name "/web" is already in use')).code).toBe('CONFLICT')
    expect(toRpcError(engineError(400, 'invalid reference format')).code).toBe('INVALID_INPUT')
    expect(toRpcError(engineError(401, 'authentication required')).code).toBe('UNAUTHORIZED')
    expect(toRpcError(engineError(403, 'forbidden')).code).toBe('UNAUTHORIZED')
    expect(toRpcError(Object.assign(new Error('(HTTP code 304) container already started'), { statusCode: 304 })).code).toBe(
      'CONFLICT'
    )
  })

  it('maps 500 to INTERNAL quoting the status and the engine message', () => {
    const err = toRpcError(engineError(500, 'driver failed programming external connectivity'))
    expect(err.code).toBe('INTERNAL')
    expect(err.message).toContain('500')
    expect(err.message).toContain('driver failed programming external connectivity')
  })

  it('maps ECONNREFUSED and ENOENT to ENGINE_UNAVAILABLE with a next step', () => {
    for (const code of ['ECONNREFUSED', 'ENOENT']) {
      const err = toRpcError(socketError(code))
      expect(err.code).toBe('ENGINE_UNAVAILABLE')
      expect(err.message).toContain(code)
      expect(err.message).toMatch(/Start Docker/)
    }
  })

  it('maps EACCES to ENGINE_UNAVAILABLE explaining the docker group', () => {
    const err = toRpcError(socketError('EACCES'))
    expect(err.code).toBe('ENGINE_UNAVAILABLE')
    expect(err.message).toMatch(/"docker" group/)
  })

  it('maps an AbortError (by name or by code) to CANCELLED', () => {
    const byName = new Error('The operation was aborted')
    byName.name = 'AbortError'
    expect(toRpcError(byName).code).toBe('CANCELLED')
    expect(toRpcError(Object.assign(new Error('aborted'), { code: 'ABORT_ERR' })).code).toBe('CANCELLED')
    const controller = new AbortController()
    controller.abort()
    expect(toRpcError(controller.signal.reason).code).toBe('CANCELLED')
  })

  it('maps anything else, including non-Error throws, to INTERNAL with a message', () => {
    expect(toRpcError(new TypeError('x is not a function'))).toMatchObject({ code: 'INTERNAL', message: 'x is not a function' })
    expect(toRpcError('a bare string').code).toBe('INTERNAL')
    expect(toRpcError('a bare string').message).toBe('a bare string')
    expect(toRpcError(undefined).code).toBe('INTERNAL')
    expect(toRpcError(null).code).toBe('INTERNAL')
  })
})
