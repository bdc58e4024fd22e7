/** Where Berth looks for a remote engine's socket when the person named none. */
import { describe, expect, it } from 'vitest'
import { remoteSocketCandidates } from '../../../electron/core/engine/ssh-probe'

describe('remoteSocketCandidates', () => {
  it('tries Docker’s default, rootless Docker, then Podman rootful and rootless, in that order', () => {
    expect(remoteSocketCandidates('1000').map((c) => [c.socket, c.rootless])).toEqual([
      ['/var/run/docker.sock', false],
      ['/run/user/1000/docker.sock', true],
      ['/run/podman/podman.sock', false],
      ['/run/user/1000/podman/podman.sock', true]
    ])
  })

  it('skips the per-user sockets when the user’s id is unknown', () => {
    expect(remoteSocketCandidates(undefined).map((c) => c.socket)).toEqual(['/var/run/docker.sock', '/run/podman/podman.sock'])
  })
})
