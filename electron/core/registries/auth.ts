/**
 * Registry authentication as the distribution spec describes it: a 401 carries a
 * WWW-Authenticate challenge. `Basic` wants the credentials on every request; `Bearer` names a
 * token server (realm, service, scope) that trades the credentials — or nothing, for anonymous
 * pulls — for a short-lived token per scope. An identity token (OAuth refresh token) is traded
 * with a POST, as the docker engine does.
 */
import { RpcError } from '../../../shared/errors'
import type { RegistryAuth } from '../credentials/store'
import { registryFetch, registryErrors } from './http'

export interface Challenge {
  scheme: 'basic' | 'bearer'
  realm?: string
  service?: string
  scope?: string
}

/** Parses `Bearer realm="https://auth.example/token",service="registry",scope="repository:a:pull"` (or Basic …). */
export function parseChallenge(header: string | null): Challenge | null {
  if (!header) return null
  const match = /^\s*(basic|bearer)\b\s*(.*)$/i.exec(header)
  if (!match) return null
  const challenge: Challenge = { scheme: match[1].toLowerCase() as Challenge['scheme'] }
  const params = /([a-z_]+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^\s,]+))/gi
  for (let param = params.exec(match[2]); param; param = params.exec(match[2])) {
    const value = (param[2] ?? param[3]).replace(/\\(.)/g, '$1')
    const key = param[1].toLowerCase()
    if (key === 'realm' || key === 'service' || key === 'scope') challenge[key] = value
  }
  return challenge
}

export function basicHeader(auth: RegistryAuth): string {
  return `Basic ${Buffer.from(`${auth.username}:${auth.password}`, 'utf8').toString('base64')}`
}

export interface Token {
  token: string
  /** ms since the epoch; a little before the server's expiry, so a token never dies mid-request. */
  expiresAt: number
}

const DEFAULT_TOKEN_SECONDS = 60

/**
 * Gets a bearer token for `scopes` from the challenge's realm. With credentials, a refused
 * login is UNAUTHORIZED in words; without, the realm may still grant anonymous pull tokens.
 */
export async function fetchToken(
  challenge: Challenge,
  registry: string,
  auth: RegistryAuth | undefined,
  scopes: string[],
  signal?: AbortSignal
): Promise<Token> {
  if (!challenge.realm) throw new RpcError('INTERNAL', `${registry} asked for a token but did not say where to get one.`)
  let realm: URL
  try {
    realm = new URL(challenge.realm)
  } catch {
    throw new RpcError('INTERNAL', `${registry} names a token server that is not a URL (${challenge.realm.slice(0, 100)}).`)
  }
  const where = realm.host
  let response: Response
  if (auth?.identitytoken) {
    const form = new URLSearchParams({ grant_type: 'refresh_token', refresh_token: auth.identitytoken, client_id: 'berth' })
    if (challenge.service) form.set('service', challenge.service)
    if (scopes.length) form.set('scope', scopes.join(' '))
    response = await registryFetch(realm.toString(), where, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: form.toString(),
      signal
    })
  } else {
    if (challenge.service) realm.searchParams.set('service', challenge.service)
    for (const scope of scopes) realm.searchParams.append('scope', scope)
    if (auth) realm.searchParams.set('account', auth.username)
    response = await registryFetch(realm.toString(), where, { headers: auth ? { authorization: basicHeader(auth) } : {}, signal })
  }
  if (response.status === 401 || response.status === 403) {
    const said = (await registryErrors(response)).message
    throw new RpcError('UNAUTHORIZED', auth ? `${registry} refused this user name and password${said ? ` (${said})` : ''}.` : `Log in to ${registry} to see this.`, {
      registry,
      needsLogin: !auth
    })
  }
  if (!response.ok) throw new RpcError('INTERNAL', `The token server for ${registry} (${where}) answered ${response.status}.`)
  const body = (await response.json().catch(() => ({}))) as { token?: unknown; access_token?: unknown; expires_in?: unknown }
  const token = typeof body.token === 'string' ? body.token : typeof body.access_token === 'string' ? body.access_token : ''
  if (!token) throw new RpcError('INTERNAL', `The token server for ${registry} (${where}) sent no token.`)
  const seconds = typeof body.expires_in === 'number' && body.expires_in > 0 ? body.expires_in : DEFAULT_TOKEN_SECONDS
  return { token, expiresAt: Date.now() + Math.max(5, seconds - 10) * 1000 }
}
