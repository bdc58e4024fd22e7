/**
 * Checks a user name and password against the registry itself before anything is saved, as
 * `docker login` does through the engine: GET /v2/ answers 401 with a challenge; for Basic the
 * credentials go straight to /v2/, for Bearer they are traded at the token server first and the
 * token is shown to /v2/. A refusal is UNAUTHORIZED with `detail.field`, so the dialog can say
 * it next to the password.
 */
import { RpcError } from '../../../shared/errors'
import type { RegistryAuth } from '../credentials/store'
import { basicHeader, fetchToken, parseChallenge } from './auth'
import type { RegistryEndpoint } from './client'
import { registryErrors, registryFetch } from './http'

export type LoginCheck = 'accepted' | 'open'

/** The registry's own words ("authentication required") add nothing to a refusal, so they are left out. */
function refused(endpoint: RegistryEndpoint): RpcError {
  return new RpcError('UNAUTHORIZED', `${endpoint.name} refused this user name and password. Nothing was saved.`, {
    registry: endpoint.id,
    field: 'password'
  })
}

/** 'accepted' when the registry took the credentials; 'open' when it asks for none at all. */
export async function checkLogin(endpoint: RegistryEndpoint, auth: RegistryAuth, signal?: AbortSignal): Promise<LoginCheck> {
  const url = `${endpoint.base}/v2/`
  const anonymous = await registryFetch(url, endpoint.name, { signal })
  await anonymous.body?.cancel()
  if (anonymous.ok) return 'open'
  const challenge = anonymous.status === 401 ? parseChallenge(anonymous.headers.get('www-authenticate')) : null
  if (!challenge) {
    throw new RpcError('INTERNAL', `${endpoint.name} answered ${anonymous.status} at ${url} without saying how to log in; is it a Docker registry?`)
  }
  let authorization = basicHeader(auth)
  if (challenge.scheme === 'bearer') {
    try {
      authorization = `Bearer ${(await fetchToken(challenge, endpoint.name, auth, [], signal)).token}`
    } catch (err) {
      if (err instanceof RpcError && err.code === 'UNAUTHORIZED') throw refused(endpoint)
      throw err
    }
  }
  const checked = await registryFetch(url, endpoint.name, { headers: { authorization }, signal })
  if (checked.ok) {
    await checked.body?.cancel()
    return 'accepted'
  }
  const said = (await registryErrors(checked)).message
  if (checked.status === 401 || checked.status === 403) throw refused(endpoint)
  throw new RpcError('INTERNAL', `${endpoint.name} answered ${checked.status} when checking the login${said ? ` (${said})` : ''}. Nothing was saved.`)
}
