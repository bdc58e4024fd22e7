/** An http.Agent whose "sockets" are SSH channels on one connection; docker-modem speaks HTTP over them. */
import http from 'node:http'
import type { Duplex } from 'node:stream'
import type { SshConnection } from './ssh'

export class SshChannelAgent extends http.Agent {
  /** `socketPath` overrides the endpoint's remote socket (the remote test tries the rootless one). */
  constructor(
    private readonly ssh: SshConnection,
    private readonly socketPath?: string
  ) {
    // Each request gets its own channel: channels are cheap on the shared connection and this
    // keeps HTTP keep-alive bookkeeping away from objects that are not net.Sockets.
    super({ keepAlive: false })
  }

  override createConnection(_options: unknown, callback?: (err: Error | null, socket: Duplex) => void): undefined {
    this.ssh.openChannel(this.socketPath).then(
      (channel) => callback?.(null, channel),
      (err: Error) => callback?.(err, undefined as unknown as Duplex)
    )
    return undefined
  }
}
