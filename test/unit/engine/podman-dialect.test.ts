/**
 * Podman's refusals (bodies recorded from Debian's Podman 4.3.1 compatible API) read as Docker's
 * once they leave the modem, so one mapping serves both engines; Docker's own errors are untouched.
 */
import { describe, expect, it } from 'vitest'
import { toRpcError } from '../../../electron/core/rpc/errors'
import { nameConflictRefusal } from '../../../electron/core/engine/failures'
import { translatePodmanError } from '../../../electron/core/engine/podman-dialect'

const ID = '2f7d54deffb6979ed311a8c5f348487ec1d9dc531c66f8e4594d628e3a2ace7a'

/** An error as docker-modem builds it from a Podman answer. */
function podmanError(response: number, cause: string, message: string): { statusCode: number; message: string; json: unknown } {
  return { statusCode: response, message: `(HTTP code ${response}) server error - ${message} `, json: { cause, message, response } }
}

describe('Podman errors in Docker\'s dialect', () => {
  it('removing a running container: 500 → 409 with Docker\'s sentence (then Berth\'s words)', () => {
    const err = translatePodmanError(
      podmanError(500, 'container state improper', `cannot remove container ${ID} as it is running - running or paused containers cannot be removed without force: container state improper`)
    )
    expect(err.statusCode).toBe(409)
    expect(toRpcError(err)).toMatchObject({ code: 'CONFLICT', message: `You cannot remove a running container ${ID.slice(0, 12)}. Stop it first or choose Force.` })
  })

  it('a name in use: 500 → 409, and Berth names the holder by its short id', () => {
    const err = translatePodmanError(
      podmanError(500, 'that name is already in use', `container create: creating container storage: the container name "web" is already in use by ${ID}. You have to remove that container to be able to reuse that name: that name is already in use`)
    )
    expect(err.statusCode).toBe(409)
    expect(nameConflictRefusal(err, 'web')).toMatchObject({
      code: 'CONFLICT',
      message: `The name web is already taken by another container (${ID.slice(0, 12)}): pick another name, or rename or remove that container.`
    })
  })

  it('an image in use names the container, as Docker does', () => {
    const err = translatePodmanError(
      podmanError(409, 'image is in use by a container', `image berth-test/busybox:latest is in use: image used by ${ID}: image is in use by a container: consider listing external containers and force-removing image`)
    )
    expect(toRpcError(err)).toMatchObject({ code: 'IN_USE', detail: { container: ID.slice(0, 12) } })
  })

  it('what is not there reads as Docker says it', () => {
    const container = translatePodmanError(podmanError(404, 'no such container', 'no container with name or ID "nope" found: no such container'))
    expect(toRpcError(container).message).toBe('Not found: No such container: nope')
    const image = translatePodmanError(podmanError(404, 'image not known', 'no such image: docker.io/nope/never:x: image not known'))
    expect(toRpcError(image).message).toBe('Not found: No such image: docker.io/nope/never:x')
    const volume = translatePodmanError(podmanError(404, 'no such volume', 'no volume with name "gone" found: no such volume'))
    expect(toRpcError(volume).message).toBe('Not found: get gone: no such volume')
  })

  it('an error only streamed (no body kept) is still recognised by its sentence', () => {
    const streamed = { statusCode: 404, message: '(HTTP code 404) no such container - no container with name or ID "nope" found: no such container ', json: null }
    expect(toRpcError(translatePodmanError(streamed)).message).toBe('Not found: No such container: nope')
  })

  it('any other Podman error loses its repeated cause and full ids; Docker\'s errors are left alone', () => {
    const other = translatePodmanError(podmanError(500, 'something odd', `container ${ID} did something odd: something odd`))
    expect(toRpcError(other).message).toBe(`The engine answered 500: container ${ID.slice(0, 12)} did something odd`)
    const docker = { statusCode: 409, message: '(HTTP code 409) conflict - x', json: { message: `Conflict. The container name "/web" is already in use by container "${ID}".` } }
    expect(translatePodmanError({ ...docker })).toEqual(docker)
  })
})
