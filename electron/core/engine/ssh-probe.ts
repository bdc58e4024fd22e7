/**
 * "Test connection" for a remote engine: one SSH connection (host key and login checked, the
 * person asked through the outcome when needed), then the engine's socket found — the one given,
 * or the default, or, when the default is missing, rootless Docker's or Podman's (see
 * remoteSocketCandidates) — and the engine's /version and /info read over that same connection.
 * Nothing is kept.
 */
import {
  DEFAULT_REMOTE_SOCKET_PATH,
  type ConnectDecisions,
  type ConnectOutcome,
  type EngineAttention,
  type RemoteDraft
} from '../../../shared/engines-models'
import { RpcError } from '../../../shared/errors'
import { DockerEngineClient } from './docker'
import type { SshEndpoint } from './endpoint'
import { SshConnection, type SshOptions, type SshSecrets } from './ssh'
import { attentionOf } from './ssh-errors'
import { sshTransport } from './transports'

export function endpointOfDraft(draft: RemoteDraft): SshEndpoint {
  const endpoint: SshEndpoint = { kind: 'ssh', host: draft.host, remoteSocket: draft.remoteSocket ?? DEFAULT_REMOTE_SOCKET_PATH }
  if (draft.port !== undefined) endpoint.port = draft.port
  if (draft.user !== undefined) endpoint.user = draft.user
  if (draft.auth.method === 'key') endpoint.identityFile = draft.auth.keyFile
  return endpoint
}

export function outcomeOfAttention(attention: EngineAttention): ConnectOutcome {
  switch (attention.kind) {
    case 'host-key':
      return { status: 'needs-host-key', hostKey: attention.hostKey }
    case 'host-key-refused':
      return { status: 'host-key-refused', refusal: attention.refusal }
    case 'passphrase':
      return { status: 'needs-passphrase', keyFile: attention.keyFile, wrong: attention.wrong }
  }
}

async function socketAnswers(connection: SshConnection, path: string): Promise<boolean> {
  try {
    const channel = await connection.openChannel(path)
    channel.destroy()
    return true
  } catch {
    return false
  }
}

/**
 * Where engines listen when nobody said: Docker's default, then rootless Docker, then Podman's
 * service (rootful, then rootless) — the sockets `docker context` and `podman system connection`
 * users have. `uid` is the remote user's id, when known.
 */
export function remoteSocketCandidates(uid: string | undefined): Array<{ socket: string; rootless: boolean; product: string }> {
  const candidates = [{ socket: DEFAULT_REMOTE_SOCKET_PATH, rootless: false, product: 'Docker' }]
  if (uid) candidates.push({ socket: `/run/user/${uid}/docker.sock`, rootless: true, product: 'rootless Docker' })
  candidates.push({ socket: '/run/podman/podman.sock', rootless: false, product: 'Podman' })
  if (uid) candidates.push({ socket: `/run/user/${uid}/podman/podman.sock`, rootless: true, product: 'rootless Podman' })
  return candidates
}

/** The socket to use: the one asked for, or the first of remoteSocketCandidates() that answers. */
export async function findRemoteSocket(
  connection: SshConnection,
  asked: string | undefined,
  signal?: AbortSignal
): Promise<{ socket: string; rootlessSocketDetected: boolean }> {
  const where = `${connection.target.user}@${connection.target.hostName}`
  if (asked) {
    if (await socketAnswers(connection, asked)) return { socket: asked, rootlessSocketDetected: false }
    throw new RpcError('ENGINE_UNAVAILABLE', `Nothing answers at ${asked} on ${where}. Check the path, that the engine runs there, and that ${connection.target.user} may use the socket.`, { field: 'remoteSocket' })
  }
  if (await socketAnswers(connection, DEFAULT_REMOTE_SOCKET_PATH)) return { socket: DEFAULT_REMOTE_SOCKET_PATH, rootlessSocketDetected: false }
  const uid = (await connection.run('id -u', signal).catch(() => '')).trim()
  const candidates = remoteSocketCandidates(/^\d+$/.test(uid) ? uid : undefined)
  for (const candidate of candidates.slice(1)) {
    if (await socketAnswers(connection, candidate.socket)) return { socket: candidate.socket, rootlessSocketDetected: candidate.rootless }
  }
  throw new RpcError(
    'ENGINE_UNAVAILABLE',
    `Connected to ${where}, but no engine answers at ${candidates.map((c) => `${c.socket} (${c.product})`).join(', ')}. Start Docker or Podman's service there, or enter its socket path.`,
    { field: 'remoteSocket' }
  )
}

export async function probeRemote(
  draft: RemoteDraft,
  decisions: ConnectDecisions,
  ssh: SshOptions,
  secrets: SshSecrets,
  signal?: AbortSignal
): Promise<ConnectOutcome> {
  const connection = new SshConnection(endpointOfDraft(draft), ssh, secrets)
  connection.decide(decisions)
  const onAbort = (): void => connection.close()
  signal?.addEventListener('abort', onAbort, { once: true })
  try {
    try {
      await connection.connect()
    } catch (err) {
      const attention = attentionOf(err)
      if (attention) return outcomeOfAttention(attention)
      throw err
    }
    const found = await findRemoteSocket(connection, draft.remoteSocket, signal)
    const transport = sshTransport(connection, found.socket)
    const client = new DockerEngineClient('probe', transport)
    const { identity } = await client.connect(signal)
    const facts = await client.facts(signal)
    const { target } = connection
    return {
      status: 'connected',
      probe: { ...found, user: target.user, hostName: target.hostName, port: target.port, via: target.proxyJump, facts, identity }
    }
  } finally {
    signal?.removeEventListener('abort', onAbort)
    connection.close()
  }
}
