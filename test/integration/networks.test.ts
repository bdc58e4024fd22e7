/**
 * Networks through the handler table against the real test engine (bridge berth0, no iptables):
 * create with subnet, gateway and IP range; connect a container with an alias and a fixed
 * address (both read back from inspect, and the alias resolved by another container); disconnect;
 * remove refused while in use, naming the container; Docker's own networks can't be removed;
 * bad input refused before the engine is called; engine errors in words.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { call, createTestCore, removeLabelledContainers, TRAPPING_COMMAND, type TestCore } from './handlers-kit'
import { labelsOf, vnName } from './volumes-kit'

let t: TestCore
const networks: string[] = []
/** A /24 under 10.231.0.0/16 unlikely to be taken by anyone else's parallel run. */
const octet = 16 + (process.pid % 200)
const subnet = `10.231.${octet}.0/24`
const prefix = `10.231.${octet}`

beforeAll(async () => {
  t = await createTestCore()
}, 60_000)

afterAll(async () => {
  await removeLabelledContainers(t)
  for (const id of networks) await t.docker.getNetwork(id).remove().catch(() => {})
  await t.dispose()
})

async function runningContainer(network?: string): Promise<{ id: string; name: string }> {
  const name = vnName('ctr')
  const container = await t.docker.createContainer({
    name,
    Image: t.host.testImage,
    Cmd: TRAPPING_COMMAND,
    Labels: labelsOf(t),
    HostConfig: { NetworkMode: network ?? 'none' }
  })
  await container.start()
  return { id: container.id, name }
}

describe('create, connect, disconnect, remove', () => {
  it('creates a network with subnet, gateway, range and labels; connects a container with an alias and an address; disconnects; removes', async () => {
    const name = vnName('net')
    const created = await call(t.core, 'networks.create', {
      name,
      driver: 'bridge',
      ipam: [{ subnet, gateway: `${prefix}.1`, ipRange: `${prefix}.128/25` }],
      attachable: true,
      labels: labelsOf(t)
    })
    networks.push(created.id)
    expect(created).toMatchObject({
      name,
      driver: 'bridge',
      scope: 'local',
      attachable: true,
      internal: false,
      predefined: false,
      ipam: [{ subnet, gateway: `${prefix}.1`, ipRange: `${prefix}.128/25` }]
    })
    expect((await call(t.core, 'networks.usage', {})).byNetwork[created.id]).toEqual([])
    expect((await call(t.core, 'networks.list', {})).find((n) => n.id === created.id)?.name).toBe(name)

    // A container on the bridge network (it can reach the new one once connected).
    const { id, name: containerName } = await runningContainer('bridge')
    await call(t.core, 'networks.connect', { network: name, container: containerName, aliases: ['db', 'primary.db'], ipv4: `${prefix}.200` })

    const details = await call(t.core, 'networks.inspect', { id: created.id })
    expect(details.endpoints).toEqual([expect.objectContaining({ id, name: containerName, state: 'running', ipv4: `${prefix}.200`, aliases: ['db', 'primary.db'] })])
    const raw = await t.docker.getContainer(id).inspect()
    expect(raw.NetworkSettings.Networks[name].Aliases).toEqual(expect.arrayContaining(['db', 'primary.db']))

    // Another container on the network finds it by its alias.
    const probe = await t.docker.createContainer({ Image: t.host.testImage, Cmd: ['nslookup', 'db'], Labels: labelsOf(t), HostConfig: { NetworkMode: name } })
    await probe.start()
    await probe.wait()
    const lookup = ((await probe.logs({ stdout: true, stderr: true })) as unknown as Buffer).toString('latin1')
    expect(lookup).toContain(`${prefix}.200`)
    await probe.remove({ force: true })

    const { byNetwork } = await call(t.core, 'networks.usage', {})
    expect(byNetwork[created.id]).toEqual([{ id, name: containerName, state: 'running' }])
    expect(byNetwork[(await t.docker.getNetwork('bridge').inspect()).Id as string]).toEqual(expect.arrayContaining([expect.objectContaining({ id })]))

    const refusal = call(t.core, 'networks.remove', { id: name })
    await expect(refusal).rejects.toMatchObject({ code: 'IN_USE' })
    await expect(refusal).rejects.toThrow(new RegExp(`in use by ${containerName} \\(running\\)`))

    await call(t.core, 'networks.disconnect', { network: name, container: containerName })
    expect(Object.keys((await t.docker.getContainer(id).inspect()).NetworkSettings.Networks)).toEqual(['bridge'])
    await expect(call(t.core, 'networks.disconnect', { network: name, container: containerName })).rejects.toThrow(/not connected/)

    await call(t.core, 'networks.remove', { id: name })
    await expect(t.docker.getNetwork(created.id).inspect()).rejects.toMatchObject({ statusCode: 404 })
  }, 60_000)

  it('refuses removing Docker’s own networks, in words', async () => {
    for (const id of ['bridge', 'host', 'none']) {
      await expect(call(t.core, 'networks.remove', { id })).rejects.toMatchObject({ code: 'UNSUPPORTED', message: expect.stringContaining("Docker's own networks") })
    }
    const rows = await call(t.core, 'networks.list', {})
    expect(rows.filter((n) => n.predefined).map((n) => n.name).sort()).toEqual(['bridge', 'host', 'none'])
  })

  it('explains a taken name, an overlapping subnet and an alias on the default bridge', async () => {
    const name = vnName('dup')
    const first = await call(t.core, 'networks.create', { name, driver: 'bridge', ipam: [{ subnet: `10.231.${octet + 1}.0/24` }], labels: labelsOf(t) })
    networks.push(first.id)
    await expect(call(t.core, 'networks.create', { name, driver: 'bridge', labels: labelsOf(t) })).rejects.toMatchObject({
      code: 'CONFLICT',
      message: `A network named ${name} already exists. Pick another name.`
    })
    await expect(
      call(t.core, 'networks.create', { name: vnName('overlap'), driver: 'bridge', ipam: [{ subnet: `10.231.${octet + 1}.0/25` }], labels: labelsOf(t) })
    ).rejects.toThrow(/overlaps a network that already exists/)
    const { name: containerName } = await runningContainer()
    await expect(call(t.core, 'networks.connect', { network: 'bridge', container: containerName, aliases: ['x'] })).rejects.toThrow(/Aliases work only on networks you create/)
    await expect(call(t.core, 'networks.connect', { network: name, container: containerName, ipv4: '10.9.9.9' })).rejects.toThrow(/outside .*subnet/)
  })

  it('creates a macvlan network, or says in words that this host cannot', async () => {
    const name = vnName('macvlan')
    try {
      const created = await call(t.core, 'networks.create', { name, driver: 'macvlan', labels: labelsOf(t) })
      networks.push(created.id)
      expect(created.driver).toBe('macvlan')
    } catch (err) {
      // This test host's kernel has no macvlan: the engine answers "operation not supported".
      expect(err).toMatchObject({ code: 'UNSUPPORTED', message: expect.stringMatching(/^This host cannot make macvlan networks .*Use bridge instead\.$/) })
      expect((await t.docker.listNetworks()).map((n) => n.Name)).not.toContain(name)
    }
  })

  it('says what this engine offers', async () => {
    const { drivers } = await call(t.core, 'networks.drivers', {})
    expect(drivers.find((d) => d.name === 'bridge')).toEqual({ name: 'bridge', available: true })
    expect(drivers.find((d) => d.name === 'overlay')).toMatchObject({ available: false, note: expect.stringContaining('Swarm') })
  })
})

describe('validation before the engine', () => {
  it.each([
    ['a gateway outside the subnet', { ipam: [{ subnet: '10.240.0.0/24', gateway: '10.241.0.1' }] }, /gateway must be inside 10\.240\.0\.0\/24/],
    ['a subnet with host bits', { ipam: [{ subnet: '10.240.0.5/24' }] }, /did you mean 10\.240\.0\.0\/24/],
    ['a subnet that is not one', { ipam: [{ subnet: '10.240.0.0' }] }, /address and a prefix length/],
    ['an IP range outside the subnet', { ipam: [{ subnet: '10.240.0.0/24', ipRange: '10.240.1.0/25' }] }, /IP range must be inside/],
    ['a gateway that is the network address', { ipam: [{ subnet: '10.240.0.0/24', gateway: '10.240.0.0' }] }, /subnet's own address/],
    ['an IPv6 subnet without IPv6', { ipam: [{ subnet: 'fd00:240::/64' }] }, /needs IPv6 turned on/],
    ['a predefined name', { name: 'host' }, /Docker's own networks/],
    ['a name with a space', { name: 'my net' }, /only letters, digits/]
  ])('refuses %s', async (_what, fields, message) => {
    await expect(call(t.core, 'networks.create', { name: 'vn-valid', driver: 'bridge', ...fields } as never)).rejects.toThrow(message)
  })

  it.each([
    ['an alias with a space', { aliases: ['a b'] }, /not a host name/],
    ['an IPv6 address as IPv4', { ipv4: 'fd00::1' }, /must be an IPv4 address/],
    ['a malformed address', { ipv4: '10.0.0.256' }, /write an IP address/]
  ])('refuses connecting with %s', async (_what, fields, message) => {
    await expect(call(t.core, 'networks.connect', { network: 'vn-x', container: 'vn-y', ...fields } as never)).rejects.toThrow(message)
  })
})
