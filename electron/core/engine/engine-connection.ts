/** One engine's client and the transport under it, made together so the registry can end its streams. */
import type { EngineClient } from './client'
import type { EngineCandidate } from './discovery'
import { DockerEngineClient } from './docker'
import { LayerFactsFile, layerFactsPath } from './image-details-persist'
import type { SshOptions, SshSecrets } from './ssh'
import { createTransport, type Transport } from './transports'

export interface EngineConnection {
  client: EngineClient
  /** Absent only for test doubles. */
  transport?: Transport
  close(): Promise<void>
}

/** `cacheDir`: where what was read from this engine and can't change is kept across restarts. */
export function createEngineConnection(candidate: EngineCandidate, ssh: SshOptions, secrets: SshSecrets, cacheDir?: string, log?: (message: string) => void): EngineConnection {
  const transport = createTransport(candidate.endpoint, ssh, secrets)
  const factsFile = cacheDir === undefined ? undefined : new LayerFactsFile(layerFactsPath(cacheDir, candidate.id), log)
  const client = new DockerEngineClient(candidate.id, transport, factsFile)
  return { client, transport, close: () => client.close() }
}

/**
 * Where a published port of this engine is reached: the remote machine for SSH and TCP engines
 * (after ~/.ssh/config's HostName), this machine (undefined) for sockets and pipes.
 */
export function linkHostOf(connection: EngineConnection | undefined, candidate: EngineCandidate): string | undefined {
  const { endpoint } = candidate
  if (endpoint.kind === 'tcp') return endpoint.host
  if (endpoint.kind !== 'ssh') return undefined
  return connection?.transport?.ssh?.target.hostName ?? endpoint.host
}
