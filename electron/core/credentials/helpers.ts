/**
 * docker-credential-<name> programs, run exactly as the docker CLI runs them: the action as the
 * only argument (get, store, erase, list), the input on stdin (a server URL, or for `store` the
 * JSON {ServerURL, Username, Secret}), the answer on stdout. A helper reports failure with a
 * non-zero exit and its message on stdout; "credentials not found in native keychain" means
 * there is simply nothing stored. Secrets travel only through the pipes: never in arguments,
 * the environment, error messages or logs.
 */
import { spawn } from 'node:child_process'
import { RpcError } from '../../../shared/errors'

/** The helpers' shared words for "nothing stored" (docker-credential-helpers' credentials.errCredentialsNotFound). */
export const CREDENTIALS_NOT_FOUND = 'credentials not found in native keychain'
/** A helper may show a prompt (a keychain unlock): give the person time, but not forever. */
const HELPER_TIMEOUT_MS = 60_000
/** A username of "<token>" means the secret is an identity (refresh) token, not a password. */
export const IDENTITY_TOKEN_USERNAME = '<token>'

export interface HelperCredentials {
  username: string
  secret: string
}

export class CredentialHelper {
  constructor(
    readonly name: string,
    private readonly env: NodeJS.ProcessEnv
  ) {
    // The name comes from config.json and becomes part of a program name: no paths, no tricks.
    if (!/^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(name)) {
      throw new RpcError('INVALID_INPUT', `config.json names the credential helper "${name}", which is not a helper name (docker-credential-<name>).`)
    }
  }

  get program(): string {
    return `docker-credential-${this.name}`
  }

  /** The stored credentials for `serverUrl`, or undefined when the helper has none. */
  async get(serverUrl: string, signal?: AbortSignal): Promise<HelperCredentials | undefined> {
    const result = await this.run('get', serverUrl, signal)
    if (result.notFound) return undefined
    let parsed: unknown
    try {
      parsed = JSON.parse(result.stdout)
    } catch {
      throw new RpcError('INTERNAL', `${this.program} answered "get" with something that is not JSON.`)
    }
    const record = (typeof parsed === 'object' && parsed !== null ? parsed : {}) as Record<string, unknown>
    const username = typeof record.Username === 'string' ? record.Username : ''
    const secret = typeof record.Secret === 'string' ? record.Secret : ''
    if (!username && !secret) return undefined
    return { username, secret }
  }

  async store(serverUrl: string, credentials: HelperCredentials, signal?: AbortSignal): Promise<void> {
    const payload = JSON.stringify({ ServerURL: serverUrl, Username: credentials.username, Secret: credentials.secret })
    await this.run('store', payload, signal)
  }

  /** Erasing what is not there is fine (the CLI ignores "not found" too). */
  async erase(serverUrl: string, signal?: AbortSignal): Promise<void> {
    await this.run('erase', serverUrl, signal)
  }

  /** Server URL → username of everything the helper holds for docker. */
  async list(signal?: AbortSignal): Promise<Record<string, string>> {
    const result = await this.run('list', '', signal)
    if (result.notFound) return {}
    try {
      const parsed: unknown = JSON.parse(result.stdout)
      if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return {}
      return Object.fromEntries(Object.entries(parsed).filter((entry): entry is [string, string] => typeof entry[1] === 'string'))
    } catch {
      throw new RpcError('INTERNAL', `${this.program} answered "list" with something that is not JSON.`)
    }
  }

  private run(action: 'get' | 'store' | 'erase' | 'list', input: string, signal?: AbortSignal): Promise<{ stdout: string; notFound: boolean }> {
    return new Promise((resolve, reject) => {
      const child = spawn(this.program, [action], { env: this.env, stdio: ['pipe', 'pipe', 'pipe'], signal, timeout: HELPER_TIMEOUT_MS })
      const out: Buffer[] = []
      const err: Buffer[] = []
      child.stdout.on('data', (chunk: Buffer) => out.push(chunk))
      child.stderr.on('data', (chunk: Buffer) => err.push(chunk))
      // A helper that exits without reading stdin makes our write fail with EPIPE: its exit code says what happened.
      child.stdin.on('error', () => {})
      child.on('error', (error: NodeJS.ErrnoException) => {
        if (error.name === 'AbortError') return reject(error)
        if (error.code === 'ENOENT') {
          return reject(
            new RpcError(
              'UNSUPPORTED',
              `The credential helper ${this.program} is not installed (docker's config.json says to use it). Install it, or remove "${this.name}" from credsStore/credHelpers in config.json.`
            )
          )
        }
        reject(new RpcError('INTERNAL', `Cannot run ${this.program}: ${error.message}.`))
      })
      child.on('close', (code, killedBy) => {
        const stdout = Buffer.concat(out).toString('utf8').trim()
        if (code === 0) return resolve({ stdout, notFound: false })
        if (stdout.includes(CREDENTIALS_NOT_FOUND)) return resolve({ stdout, notFound: true })
        if (killedBy) return reject(new RpcError('TIMEOUT', `${this.program} did not answer "${action}" within ${HELPER_TIMEOUT_MS / 1000} s.`))
        // The helper's own words (it prints errors on stdout); never our input, which may hold the secret.
        const said = (stdout || Buffer.concat(err).toString('utf8').trim()).split('\n')[0].slice(0, 300)
        reject(new RpcError('INTERNAL', `${this.program} ${action} failed${said ? `: ${said}` : ` (exit ${code})`}.`))
      })
      child.stdin.end(input)
    })
  }
}
