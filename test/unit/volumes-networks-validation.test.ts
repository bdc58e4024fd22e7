/** The shared rules behind the volume and network forms and the RPC boundary: names, key=value lines, IPs and subnets. */
import { describe, expect, it } from 'vitest'
import { cidrContains, formatIp, parseCidr, parseIp, parseIPv6 } from '../../shared/networks-ip'
import { aliasProblem, ConnectInput, CreateNetworkInput, ipamProblems, networkNameProblem } from '../../shared/networks-models'
import { parseKeyValueLines, RestoreInput, volumeNameProblem } from '../../shared/volumes-models'

describe('volume names', () => {
  it.each(['ab', 'app-data', 'a.b_c-d', '0volume', 'X'.repeat(255)])('accepts %s', (name) => expect(volumeNameProblem(name)).toBeNull())
  it.each([
    ['', /required/],
    ['a', /at least 2/],
    ['-ab', /starts with a letter or digit/],
    ['a b', /only letters/],
    ['a/b', /only letters/],
    ['é', /at least 2/],
    ['X'.repeat(256), /at most 255/]
  ])('refuses %j', (name, message) => expect(volumeNameProblem(name)).toMatch(message))
})

describe('key=value lines', () => {
  it('parses pairs, ignores blank lines, keeps = inside values', () => {
    expect(parseKeyValueLines('a=1\n\n  o = addr=10.0.0.5,rw \nempty=', 'options')).toEqual({ pairs: { a: '1', o: 'addr=10.0.0.5,rw', empty: '' } })
  })
  it.each([
    ['novalue', /line 1: write labels as key=value/],
    ['a=1\n=2', /line 2: a key is required/],
    ['a b=1', /keys have no spaces/],
    ['a=1\na=2', /line 2: a is given twice/]
  ])('refuses %j', (text, message) => expect(parseKeyValueLines(text, 'labels')).toEqual({ problem: expect.stringMatching(message) }))
})

describe('IP addresses', () => {
  it.each([
    ['10.0.0.1', 4],
    ['255.255.255.255', 4],
    ['::', 6],
    ['::1', 6],
    ['fd00:1::5', 6],
    ['1:2:3:4:5:6:7:8', 6],
    ['1:2:3:4:5:6:7::', 6],
    ['::ffff:10.0.0.1', 6],
    ['64:ff9b::192.0.2.33', 6]
  ])('parses %s', (text, version) => expect(parseIp(text)?.version).toBe(version))
  it.each(['10.0.0', '10.0.0.256', '010.0.0.1', '1.2.3.4.5', '1::2::3', '12345::', ':1:2', '1:2:3:4:5:6:7:8:9', 'fe80::1%eth0', 'x'])('refuses %s', (text) =>
    expect(parseIp(text)).toBeNull()
  )
  it('reads IPv6 groups to the right value and prints them compressed', () => {
    expect(parseIPv6('::ffff:10.0.0.1')).toBe(0xffff0a000001n)
    expect(formatIp(6, parseIPv6('fd00:0:0:0:0:0:0:1') ?? 0n)).toBe('fd00::1')
    expect(formatIp(4, 0x0a140001n)).toBe('10.20.0.1')
  })
  it('knows what is inside a subnet', () => {
    const subnet = parseCidr('10.20.0.0/24')
    expect(subnet && cidrContains(subnet, { version: 4, value: 0x0a1400ffn })).toBe(true)
    expect(subnet && cidrContains(subnet, { version: 4, value: 0x0a140100n })).toBe(false)
    const v6 = parseCidr('fd00:20::/64')
    expect(v6 && cidrContains(v6, parseIp('fd00:20::1234')!)).toBe(true)
    expect(v6 && cidrContains(v6, parseIp('fd00:21::1')!)).toBe(false)
  })
})

describe('address pools', () => {
  it('accepts a subnet with its gateway and a range inside it', () => {
    expect(ipamProblems({ subnet: '10.20.0.0/16', gateway: '10.20.0.1', ipRange: '10.20.5.0/24' })).toEqual({})
    expect(ipamProblems({ subnet: 'fd00:20::/64', gateway: 'fd00:20::1', ipRange: '' }, 6)).toEqual({})
  })
  it('says what is wrong with each field', () => {
    expect(ipamProblems({ subnet: '10.20.0.0/24', gateway: '10.21.0.1', ipRange: '10.20.1.0/25' })).toEqual({
      gateway: 'the gateway must be inside 10.20.0.0/24',
      ipRange: 'the IP range must be inside 10.20.0.0/24'
    })
    expect(ipamProblems({ subnet: '10.20.0.9/24', gateway: '', ipRange: '' }).subnet).toBe('the subnet has host bits set: did you mean 10.20.0.0/24?')
    expect(ipamProblems({ subnet: '10.20.0.0/31', gateway: '', ipRange: '' }).subnet).toMatch(/too small/)
    expect(ipamProblems({ subnet: '', gateway: '10.0.0.1', ipRange: '' }).gateway).toBe('a gateway needs a subnet')
    expect(ipamProblems({ subnet: 'fd00::/64', gateway: '', ipRange: '' }, 4).subnet).toBe('this must be an IPv4 subnet')
    expect(ipamProblems({ subnet: '10.0.0.0/24', gateway: 'fd00::1', ipRange: '' }).gateway).toBe('this must be an IPv4 address')
  })
})

describe('network names and aliases', () => {
  it('refuses Docker’s own names and odd characters', () => {
    expect(networkNameProblem('backend')).toBeNull()
    expect(networkNameProblem('bridge')).toMatch(/Docker's own networks/)
    expect(networkNameProblem('my net')).toMatch(/only letters/)
    expect(aliasProblem('db.primary')).toBeNull()
    expect(aliasProblem('db-')).toMatch(/not a host name/)
  })
})

describe('RPC boundary', () => {
  it('refuses two subnets of one family and an IPv6 subnet without IPv6', () => {
    const twoV4 = CreateNetworkInput.safeParse({ name: 'n1', driver: 'bridge', ipam: [{ subnet: '10.0.0.0/24' }, { subnet: '10.1.0.0/24' }] })
    expect(twoV4.success).toBe(false)
    const v6 = CreateNetworkInput.safeParse({ name: 'n1', driver: 'bridge', ipam: [{ subnet: 'fd00::/64' }] })
    expect(v6.error?.issues[0].message).toBe('an IPv6 subnet needs IPv6 turned on')
  })
  it('refuses an unknown key (strict objects) and a bad address', () => {
    expect(ConnectInput.safeParse({ network: 'n', container: 'c', extra: 1 }).success).toBe(false)
    expect(ConnectInput.safeParse({ network: 'n', container: 'c', ipv4: 'fd00::1' }).error?.issues[0].message).toBe('this must be an IPv4 address')
  })
  it('checks a new volume’s name on restore, but not an existing one’s', () => {
    const upload = 'up-aaaaaaaaaaaa'
    expect(RestoreInput.safeParse({ uploadId: upload, name: 'a', create: {} }).error?.issues[0].message).toMatch(/at least 2/)
    expect(RestoreInput.safeParse({ uploadId: upload, name: 'existing-one' }).success).toBe(true)
  })
})
