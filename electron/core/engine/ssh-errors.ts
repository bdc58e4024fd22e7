/**
 * Why an SSH connection did not come up, in words, and — when a person can fix it by answering
 * (accept a host key, type a passphrase) or must be warned (a changed or revoked key) — what to
 * ask, carried as `attention` so the Engines page and the remote dialog can ask it.
 */
import type { EngineAttention, HostKeyPrompt, HostKeyRefusal } from '../../../shared/engines-models'
import { RpcError } from '../../../shared/errors'
import { hostPattern } from './knownHosts'
import type { AuthPlan } from './ssh-auth'
import type { SshTarget } from './ssh-config'

export class SshNeedsPerson extends RpcError {
  constructor(
    readonly attention: EngineAttention,
    message: string
  ) {
    super('UNAUTHORIZED', message, { attention })
    this.name = 'SshNeedsPerson'
  }

  static hostKey(prompt: HostKeyPrompt): SshNeedsPerson {
    const name = hostPattern(prompt.host, prompt.port)
    const hop = prompt.jumpFor ? ` (the jump host on the way to ${prompt.jumpFor})` : ''
    return new SshNeedsPerson(
      { kind: 'host-key', hostKey: prompt },
      `Refused ${name}${hop}: unknown host key ${prompt.fingerprint} (${prompt.keyType}). If that is the server's key, accept it in Engines, or add it to known_hosts (${prompt.knownHostsFile}) yourself, e.g. by connecting once with ssh.`
    )
  }

  static refused(refusal: HostKeyRefusal): SshNeedsPerson {
    const name = hostPattern(refusal.host, refusal.port)
    const message =
      refusal.reason === 'revoked'
        ? `Refused ${name}: its host key ${refusal.fingerprint} is REVOKED in ${refusal.file} line ${refusal.line}. Berth will not connect with a revoked key.`
        : `Refused ${name}: the host key CHANGED (now ${refusal.fingerprint}, ${refusal.keyType}; ${refusal.file} line ${refusal.line} says otherwise). This is a possible attack. If the server was really reinstalled, remove that line and connect again.`
    return new SshNeedsPerson({ kind: 'host-key-refused', refusal }, message)
  }

  static passphrase(keyFile: string, wrong: boolean): SshNeedsPerson {
    return new SshNeedsPerson(
      { kind: 'passphrase', keyFile, wrong },
      wrong
        ? `The passphrase for ${keyFile} is wrong. Enter it again in Engines.`
        : `The SSH key ${keyFile} is encrypted and no SSH agent holds it: enter its passphrase in Engines (kept in memory only), or load it with ssh-add.`
    )
  }
}

export function isSshNeedsPerson(value: unknown): value is SshNeedsPerson {
  return value instanceof SshNeedsPerson
}

/** Words for an ssh2 error before the connection was ready; `field` names the form field to fix. */
export function describeSshFailure(
  err: Error & { level?: string; code?: string },
  target: SshTarget,
  plan: AuthPlan,
  secrets: Map<string, string>
): RpcError {
  const where = `${target.user}@${target.hostName}:${target.port}`
  if (err.level === 'client-authentication') {
    if (plan.wrongPassphrase.length > 0) {
      for (const file of plan.wrongPassphrase) secrets.delete(file)
      return SshNeedsPerson.passphrase(plan.wrongPassphrase[0], true)
    }
    if (plan.locked.length > 0) return SshNeedsPerson.passphrase(plan.locked[0], false)
    const tried = plan.described.length > 0 ? `tried ${plan.described.join(', ')}` : 'Berth found no key to offer: no key file and no SSH agent'
    return new RpcError(
      'UNAUTHORIZED',
      `The SSH server at ${where} refused the login (${tried}). Add your public key to ~/.ssh/authorized_keys of ${target.user} there, or pick the right key or user.`,
      { field: plan.described.length > 0 ? 'user' : 'keyFile' }
    )
  }
  if (err.level === 'client-timeout') {
    return new RpcError('ENGINE_UNAVAILABLE', `${where} did not finish the SSH handshake in time. Check the host and port, and that sshd runs there.`, { field: 'host' })
  }
  switch (err.code) {
    case 'ECONNREFUSED':
      return new RpcError('ENGINE_UNAVAILABLE', `Nothing accepts SSH connections at ${target.hostName}:${target.port} (connection refused). Check the port, and that sshd runs there.`, { field: 'port' })
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return new RpcError('ENGINE_UNAVAILABLE', `The host ${target.hostName} cannot be found (DNS). Check the name, or add it to ~/.ssh/config.`, { field: 'host' })
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
    case 'ETIMEDOUT':
      return new RpcError('ENGINE_UNAVAILABLE', `${target.hostName} cannot be reached on the network (${err.code}).`, { field: 'host' })
  }
  const code = err.code ? ` (${err.code})` : ''
  return new RpcError('ENGINE_UNAVAILABLE', `Cannot reach ${where} over SSH${code}: ${err.message}. Check the host, port and that sshd runs there.`, { field: 'host' })
}

/** The attention an error carries (also after it crossed a layer that kept only its detail). */
export function attentionOf(err: unknown): EngineAttention | undefined {
  if (err instanceof SshNeedsPerson) return err.attention
  const detail = (err as { detail?: { attention?: EngineAttention } } | null | undefined)?.detail
  return detail && typeof detail === 'object' && detail.attention ? detail.attention : undefined
}
