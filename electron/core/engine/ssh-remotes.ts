/**
 * SSH remotes the person adds on the Engines page: tested first (ssh-probe.ts), then kept in
 * Berth's settings (host, port, user, key file path, socket: never a secret) and listed by the
 * registry. A passphrase typed while adding stays in memory for that engine's reconnects while
 * Berth runs. Only added engines can be renamed or removed: discovered ones come from DOCKER_HOST,
 * docker contexts or sockets on this machine, and would be found again at the next start.
 */
import { randomUUID } from 'node:crypto'
import type { ConnectDecisions, ConnectOutcome, RemoteDraft } from '../../../shared/engines-models'
import { RpcError } from '../../../shared/errors'
import type { EngineSummary } from '../../../shared/models'
import type { SettingsStore, StoredRemote } from '../settings'
import type { EngineCandidate } from './discovery'
import type { EngineRegistry } from './registry'
import type { SshSecrets } from './ssh'
import { endpointOfDraft, outcomeOfAttention, probeRemote } from './ssh-probe'

export function candidateOfRemote(remote: StoredRemote): EngineCandidate {
  const endpoint = endpointOfDraft({
    host: remote.host,
    port: remote.port,
    user: remote.user,
    auth: remote.identityFile ? { method: 'key', keyFile: remote.identityFile } : { method: 'agent' },
    remoteSocket: remote.remoteSocket
  })
  return { id: remote.id, name: remote.name, source: 'settings', endpoint }
}

export function remoteCandidates(settings: SettingsStore): EngineCandidate[] {
  return (settings.get().remotes ?? []).map(candidateOfRemote)
}

const WHY_NOT_REMOVABLE: Record<string, string> = {
  env: 'it comes from DOCKER_HOST: unset DOCKER_HOST (or change it) and restart Berth',
  context: 'it is one of your docker contexts: remove it with `docker context rm`',
  'well-known': 'it is a socket on this machine that Berth finds by itself'
}

export function whyNotRemovable(source: string): string | undefined {
  return source === 'settings' ? undefined : (WHY_NOT_REMOVABLE[source] ?? 'Berth found it by itself')
}

function defaultName(draft: RemoteDraft): string {
  return `ssh: ${draft.user ? `${draft.user}@` : ''}${draft.host}${draft.port ? `:${draft.port}` : ''}`
}

export class RemoteEngines {
  constructor(
    private readonly registry: EngineRegistry,
    private readonly settings: SettingsStore
  ) {}

  test(draft: RemoteDraft, decisions: ConnectDecisions, signal?: AbortSignal): Promise<ConnectOutcome> {
    return probeRemote(draft, decisions, this.registry.ssh, new Map(), signal)
  }

  async add(draft: RemoteDraft, decisions: ConnectDecisions, use: boolean, signal?: AbortSignal): Promise<ConnectOutcome> {
    const secrets: SshSecrets = new Map()
    const outcome = await probeRemote(draft, decisions, this.registry.ssh, secrets, signal)
    if (outcome.status !== 'connected') return outcome
    const remote: StoredRemote = {
      id: `remote:${randomUUID()}`,
      name: draft.name ?? defaultName(draft),
      host: draft.host,
      remoteSocket: outcome.probe.socket
    }
    if (draft.port !== undefined) remote.port = draft.port
    if (draft.user !== undefined) remote.user = draft.user
    if (draft.auth.method === 'key') remote.identityFile = draft.auth.keyFile
    await this.settings.update({ remotes: [...(this.settings.get().remotes ?? []), remote] })
    this.registry.add(candidateOfRemote(remote), secrets)
    if (use) await this.registry.use(remote.id)
    return { ...outcome, engineId: remote.id }
  }

  /** Answers an SSH engine's attention (host key, passphrase) and connects it now. */
  async connect(id: string, decisions: ConnectDecisions): Promise<ConnectOutcome> {
    const candidate = this.registry.candidate(id)
    if (candidate.endpoint.kind !== 'ssh') {
      const summary = await this.registry.connectNow(id)
      if (summary.state !== 'connected') throw new RpcError('ENGINE_UNAVAILABLE', summary.error ?? `${summary.name} is unavailable.`)
      throw new RpcError('INVALID_INPUT', `${summary.name} is not an SSH engine: there is nothing to decide.`)
    }
    const summary = await this.registry.connectNow(id, decisions)
    if (summary.attention) return outcomeOfAttention(summary.attention)
    if (summary.state !== 'connected' || !summary.facts) {
      throw new RpcError('ENGINE_UNAVAILABLE', summary.error ?? `${summary.name} is still connecting. Try again in a moment.`)
    }
    const target = this.registry.connectionOf(id)?.transport?.ssh?.target
    const endpoint = candidate.endpoint
    return {
      status: 'connected',
      engineId: id,
      probe: {
        socket: endpoint.remoteSocket,
        rootlessSocketDetected: false,
        user: target?.user ?? endpoint.user ?? '',
        hostName: target?.hostName ?? endpoint.host,
        port: target?.port ?? endpoint.port ?? 22,
        via: target?.proxyJump ?? [],
        facts: summary.facts
      }
    }
  }

  async rename(id: string, name: string): Promise<EngineSummary> {
    this.mustBeAdded(id, 'renamed')
    const remotes = (this.settings.get().remotes ?? []).map((r) => (r.id === id ? { ...r, name: name.trim() } : r))
    await this.settings.update({ remotes })
    return this.registry.rename(id, name.trim())
  }

  async remove(id: string): Promise<void> {
    this.mustBeAdded(id, 'removed')
    await this.registry.remove(id)
    await this.settings.update({ remotes: (this.settings.get().remotes ?? []).filter((r) => r.id !== id) })
  }

  private mustBeAdded(id: string, what: string): void {
    const candidate = this.registry.candidate(id)
    const why = whyNotRemovable(candidate.source)
    if (why) throw new RpcError('UNSUPPORTED', `${candidate.name} cannot be ${what} in Berth: ${why}.`)
  }
}
