// @vitest-environment jsdom
/**
 * The Engines page over a fake Berth: the remote form refuses bad fields before any call, an
 * unknown host key is asked about and the answer sent back, a passphrase is asked for (and sent
 * again with each attempt, never stored); published-port links follow the active engine's host.
 */
import { screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { afterEach, describe, expect, it } from 'vitest'
import type { ConnectOutcome } from '../../shared/engines-models'
import { publishedPortLink } from '../../renderer/src/lib/portLinks'
import { PODMAN_4_3_CAPABILITIES, PODMAN_IDENTITY, makeContainer, makeEngine } from './fixtures'
import { renderBerth, type World } from './renderBerth'

let world: World | undefined
afterEach(() => {
  world?.stop()
  world?.view.unmount()
  world = undefined
})

const facts = {
  version: '24.0.7',
  apiVersion: '1.43',
  os: 'linux',
  operatingSystem: 'Ubuntu 22.04',
  kernelVersion: '6.1',
  arch: 'x86_64',
  cpus: 8,
  memoryBytes: 16e9,
  storageDriver: 'overlay2',
  cgroupDriver: 'systemd',
  cgroupVersion: '2',
  rootless: true,
  name: 'box',
  readAt: 1
}

describe('published port links', () => {
  it('open at localhost for this machine and at the remote host for a remote engine', () => {
    const port = { hostIp: '0.0.0.0', publicPort: 8080, protocol: 'tcp' as const }
    expect(publishedPortLink(port, undefined)).toEqual({ label: 'localhost:8080', url: 'http://localhost:8080/' })
    expect(publishedPortLink(port, 'build.example')).toEqual({ label: 'build.example:8080', url: 'http://build.example:8080/' })
    expect(publishedPortLink({ ...port, hostIp: '::' }, 'fd00::7')?.url).toBe('http://[fd00::7]:8080/')
    expect(publishedPortLink({ ...port, hostIp: '10.0.0.9' }, 'build.example')?.url).toBe('http://10.0.0.9:8080/')
    const loopback = publishedPortLink({ ...port, hostIp: '127.0.0.1' }, 'build.example')
    expect(loopback?.url).toBeUndefined()
    expect(loopback?.why).toMatch(/remote machine's loopback/)
    expect(publishedPortLink({ ...port, protocol: 'udp' }, 'build.example')).toEqual({ label: 'build.example:8080' })
  })

  it('the containers list links a remote engine’s ports to its host', async () => {
    world = renderBerth({ containers: [makeContainer({ name: 'web', ports: [{ hostIp: '0.0.0.0', publicPort: 8080, privatePort: 80, protocol: 'tcp' }] })] })
    world.engine = makeEngine({ id: 'remote:1', kind: 'ssh', source: 'settings', endpoint: 'ssh://me@build.example', linkHost: 'build.example' })
    const link = await screen.findByRole('link', { name: 'build.example:8080' })
    expect(link.getAttribute('href')).toBe('http://build.example:8080/')
  })
})

describe('which engine is which', () => {
  const podman = makeEngine({
    id: 'env',
    name: 'Podman (DOCKER_HOST)',
    source: 'env',
    endpoint: '/run/podman/podman.sock',
    version: '4.3.1',
    identity: PODMAN_IDENTITY,
    capabilities: PODMAN_4_3_CAPABILITIES,
    facts: { ...facts, version: '4.3.1', apiVersion: '1.41' }
  })
  const docker = makeEngine({ id: 'socket:/var/run/docker.sock', active: false, facts })

  it('the header names the active engine by its product: Podman 4.3.1, not Docker', async () => {
    world = renderBerth({ engine: podman })
    expect(await screen.findByText('Podman 4.3.1')).toBeTruthy()
    expect(screen.queryByText(/^Docker \d/)).toBeNull()
  })

  it('each card says its product and version, and what the engine can\'t do', async () => {
    world = renderBerth({ page: 'engines', engine: podman, otherEngines: [docker] })
    const podmanCard = await screen.findByRole('listitem', { name: 'Podman (DOCKER_HOST)' })
    expect(within(podmanCard).getByText('Podman', { selector: '.tag-chip' })).toBeTruthy()
    expect(podmanCard.textContent).toContain('Podman 4.3.1 (Docker API 1.41, Podman API 4.3.1)')
    const cannot = within(podmanCard).getByRole('list', { name: "What this engine can't do" })
    expect(within(cannot).getAllByRole('listitem').map((item) => item.textContent)).toEqual([
      "Podman 4.3 can't change the limits of a running container; recreate it with new limits.",
      "Podman 4.3 can't change a container's restart policy once it is created; recreate it with the policy you want."
    ])

    const dockerCard = screen.getByRole('listitem', { name: docker.name })
    expect(within(dockerCard).getByText('Docker', { selector: '.tag-chip' })).toBeTruthy()
    expect(dockerCard.textContent).toContain('Docker 20.10.24 (API 1.43)')
    expect(within(dockerCard).queryByRole('list', { name: "What this engine can't do" })).toBeNull()
  })
})

describe('add remote engine', () => {
  it('checks fields first, asks about the host key, sends the answer, and adds the engine', async () => {
    const user = userEvent.setup()
    world = renderBerth({ page: 'engines' })
    const outcomes: ConnectOutcome[] = [
      { status: 'needs-host-key', hostKey: { host: 'build.example', port: 2200, keyType: 'ssh-ed25519', fingerprint: 'SHA256:abcdefghijklmnop', knownHostsFile: '/home/me/.ssh/known_hosts' } },
      { status: 'needs-passphrase', keyFile: '/home/me/.ssh/id_ed25519', wrong: false },
      { status: 'connected', probe: { socket: '/run/user/1000/docker.sock', rootlessSocketDetected: true, user: 'me', hostName: 'build.example', port: 2200, via: [], facts } }
    ]
    world.fake.handle('engines.testRemote', () => outcomes.shift() as ConnectOutcome)
    world.fake.handle('engines.addRemote', (): ConnectOutcome => ({ status: 'connected', engineId: 'remote:new', probe: { socket: '/run/user/1000/docker.sock', rootlessSocketDetected: true, user: 'me', hostName: 'build.example', port: 2200, via: [], facts } }))
    world.fake.handle('engines.use', () => makeEngine({ id: 'remote:new', name: 'lab', kind: 'ssh', source: 'settings', endpoint: 'ssh://me@build.example:2200' }))

    await user.click(await screen.findByRole('button', { name: 'Add remote engine…' }))
    const dialog = screen.getByRole('dialog', { name: 'Add remote engine' })
    await user.click(within(dialog).getByRole('button', { name: 'Test connection' }))
    expect(within(dialog).getByText('Enter the host name, its address, or an alias from ~/.ssh/config.')).toBeTruthy()
    await user.type(within(dialog).getByRole('textbox', { name: 'Port' }), '99999')
    expect(within(dialog).getByText('The port is between 1 and 65535.')).toBeTruthy()
    expect(world.fake.callsTo('engines.testRemote')).toEqual([])

    await user.type(within(dialog).getByRole('textbox', { name: 'Host' }), 'build.example')
    await user.clear(within(dialog).getByRole('textbox', { name: 'Port' }))
    await user.type(within(dialog).getByRole('textbox', { name: 'Port' }), '2200')
    await user.type(within(dialog).getByRole('textbox', { name: 'User' }), 'me')
    await user.type(within(dialog).getByRole('textbox', { name: 'Name' }), 'lab')
    await user.click(within(dialog).getByRole('button', { name: 'Test connection' }))

    const hostKey = await screen.findByRole('dialog', { name: 'Unknown host key' })
    expect(within(hostKey).getByLabelText('SHA256 fingerprint').textContent).toBe('SHA256:abcdefghijklmnop')
    await user.click(within(hostKey).getByRole('button', { name: 'Trust and connect' }))
    const passphrase = await within(dialog).findByLabelText(/Passphrase for/)
    await user.type(passphrase, 'sekret{Enter}')
    expect(await within(dialog).findByText(/Connected to me@build.example:2200/)).toBeTruthy()
    expect(within(dialog).getByText(/rootless engine Berth found instead/)).toBeTruthy()

    const calls = world.fake.callsTo('engines.testRemote').map((c) => c.input)
    expect(calls).toEqual([
      { remote: { name: 'lab', host: 'build.example', port: 2200, user: 'me', auth: { method: 'agent' } }, decisions: {} },
      { remote: expect.objectContaining({ host: 'build.example' }), decisions: { acceptHostKey: { host: 'build.example', port: 2200, fingerprint: 'SHA256:abcdefghijklmnop' } } },
      { remote: expect.objectContaining({ host: 'build.example' }), decisions: { passphrase: 'sekret' } }
    ])

    await user.click(within(dialog).getByRole('button', { name: 'Add engine' }))
    await waitFor(() => expect(screen.queryByRole('dialog', { name: 'Add remote engine' })).toBeNull())
    // The passphrase typed in this dialog goes with the add too; then Berth switches to the new engine.
    expect(world.fake.callsTo('engines.addRemote').map((c) => c.input)).toEqual([{ remote: expect.objectContaining({ name: 'lab' }), decisions: { passphrase: 'sekret' }, use: false }])
    expect(world.fake.callsTo('engines.use').map((c) => c.input)).toEqual([{ id: 'remote:new' }])
  })
})
