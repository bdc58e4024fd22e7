/**
 * "Test connection" for a remote engine: one SSH connection (host key and login checked, the
 * person asked through the outcome when needed), then the Docker socket found — the one given,
 * or the default, or, when the default is missing, a rootless engine's `/run/user/UID/docker.sock`
 * — and the engine's /version and /info read over that same connection. Nothing is kept.
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

/** The socket to use: the one asked for, the default, or the rootless one when the default is missing. */
export async function findRemoteSocket(
  connection: SshConnection,
  asked: string | undefined,
  signal?: AbortSignal
): Promise<{ socket: string; rootlessSocketDetected: boolean }> {
  const where = `${connection.target.user}@${connection.target.hostName}`
  if (asked) {
    if (await socketAnswers(connection, asked)) return { socket: asked, rootlessSocketDetected: false }
    throw new RpcError('ENGINE_UNAVAILABLE', `Nothing answers at ${asked} on ${where}. Check the path, that Docker runs there, and that ${connection.target.user} may use the socket.`, { field: 'remoteSocket' })
  }
  if (await socketAnswers(connection, DEFAULT_REMOTE_SOCKET_PATH)) return { socket: DEFAULT_REMOTE_SOCKET_PATH, rootlessSocketDetected: false }
  const uid = (await connection.run('id -u', signal).catch(() => '')).trim()
  const rootless = /^\d+$/.test(uid) ? `/run/user/${uid}/docker.sock` : undefined
  if (rootless && (await socketAnswers(connection, rootless))) return { socket: rootless, rootlessSocketDetected: true }
  throw new RpcError(
    'ENGINE_UNAVAILABLE',
    `Connected to ${where}, but no Docker socket answers at ${DEFAULT_REMOTE_SOCKET_PATH}${rootless ? ` nor at ${rootless} (rootless Docker)` : ''}. Start Docker there, or enter its socket path.`,
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
