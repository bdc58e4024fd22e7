/** ~/.ssh/config resolution: first value wins, patterns, negation, tokens, Include, ProxyJump hops. */
import { describe, expect, it } from 'vitest'
import { expandTokens, hostPatternMatches, parseJumpHop, resolveSshTarget, splitConfigLine, type SshConfigFs } from '../../../electron/core/engine/ssh-config'

function memoryFs(files: Record<string, string>): SshConfigFs {
  return {
    readText: (path) => files[path],
    list: (dir) =>
      Object.keys(files)
        .filter((p) => p.startsWith(`${dir}/`) && !p.slice(dir.length + 1).includes('/'))
        .map((p) => p.slice(dir.length + 1))
  }
}

const context = (files: Record<string, string>) => ({ homeDir: '/home/me', localUser: 'me', localHostName: 'laptop.lan', uid: 1000, fs: memoryFs(files) })

describe('ssh config', () => {
  it('splits lines with = and quotes, and skips comments', () => {
    expect(splitConfigLine('  HostName=box.example  ')).toEqual({ keyword: 'hostname', args: ['box.example'] })
    expect(splitConfigLine('IdentityFile "~/my keys/id_ed25519"')).toEqual({ keyword: 'identityfile', args: ['~/my keys/id_ed25519'] })
    expect(splitConfigLine('# Host nope')).toBeUndefined()
    expect(splitConfigLine('Host a b # trailing comment')).toEqual({ keyword: 'host', args: ['a', 'b'] })
  })

  it('matches wildcards and lets a negated pattern veto', () => {
    expect(hostPatternMatches(['*.corp', '!bastion.corp'], 'db.corp')).toBe(true)
    expect(hostPatternMatches(['*.corp', '!bastion.corp'], 'bastion.corp')).toBe(false)
    expect(hostPatternMatches(['build-?'], 'build-1')).toBe(true)
    expect(hostPatternMatches(['build-?'], 'build-10')).toBe(false)
  })

  it('resolves an alias: first value wins, defaults from Host *, explicit values beat the file', () => {
    const files = {
      '/home/me/.ssh/config': [
        'Host builder',
        '  HostName 10.0.0.7',
        '  User ci',
        '  Port 2200',
        '  IdentityFile ~/.ssh/id_builder',
        '  IdentityFile %d/.ssh/id_%r@%h',
        '  IdentitiesOnly yes',
        '  HostKeyAlias builder-key',
        'Host *',
        '  User fallback',
        '  Port 22',
        '  HashKnownHosts yes',
        '  ProxyJump none'
      ].join('\n')
    }
    const target = resolveSshTarget({ alias: 'builder' }, context(files))
    expect(target).toMatchObject({
      hostName: '10.0.0.7',
      user: 'ci',
      port: 2200,
      identityFiles: ['/home/me/.ssh/id_builder', '/home/me/.ssh/id_ci@10.0.0.7'],
      identitiesExplicit: true,
      identitiesOnly: true,
      proxyJump: [],
      hostKeyName: 'builder-key',
      hashKnownHosts: true,
      userKnownHostsFiles: ['/home/me/.ssh/known_hosts', '/home/me/.ssh/known_hosts2'],
      globalKnownHostsFiles: ['/etc/ssh/ssh_known_hosts', '/etc/ssh/ssh_known_hosts2']
    })
    const explicit = resolveSshTarget({ alias: 'builder', port: 22, user: 'root', identityFile: '/keys/k' }, context(files))
    expect(explicit).toMatchObject({ port: 22, user: 'root', identityFiles: ['/keys/k'] })
    const other = resolveSshTarget({ alias: 'elsewhere' }, context(files))
    expect(other).toMatchObject({ hostName: 'elsewhere', user: 'fallback', port: 22, identitiesExplicit: false, hostKeyName: 'elsewhere' })
    expect(other.identityFiles).toEqual(['/home/me/.ssh/id_ed25519', '/home/me/.ssh/id_ecdsa', '/home/me/.ssh/id_rsa'])
  })

  it('follows Include (relative to ~/.ssh, with a glob) and ProxyJump chains', () => {
    const files = {
      '/home/me/.ssh/config': 'Include config.d/*\nHost *\n  User me2\n',
      '/home/me/.ssh/config.d/10-work': 'Host app\n  HostName app.internal\n  ProxyJump jumper@bastion:2022,ssh://second\n',
      '/home/me/.ssh/config.d/20-bastion': 'Host bastion\n  HostName 203.0.113.5\n'
    }
    const target = resolveSshTarget({ alias: 'app' }, context(files))
    expect(target).toMatchObject({ hostName: 'app.internal', user: 'me2', proxyJump: ['jumper@bastion:2022', 'ssh://second'] })
    expect(parseJumpHop(target.proxyJump[0])).toEqual({ alias: 'bastion', user: 'jumper', port: 2022 })
    expect(parseJumpHop(target.proxyJump[1])).toEqual({ alias: 'second', user: undefined, port: undefined })
    expect(parseJumpHop('[::1]:2200')).toEqual({ alias: '::1', user: undefined, port: 2200 })
    expect(resolveSshTarget(parseJumpHop(target.proxyJump[0]), context(files))).toMatchObject({ hostName: '203.0.113.5', user: 'jumper', port: 2022 })
  })

  it('skips Match blocks it cannot evaluate', () => {
    const files = { '/home/me/.ssh/config': 'Match exec "false"\n  User nobody\nHost *\n  User me3\n' }
    expect(resolveSshTarget({ alias: 'x' }, context(files)).user).toBe('me3')
  })

  it('expands %-tokens and leaves unknown ones', () => {
    const values = { hostName: 'h', alias: 'a', port: 22, user: 'r', localUser: 'u', localHostName: 'l.lan', homeDir: '/d', uid: 7 }
    expect(expandTokens('%d/%u/%r@%h:%p %n %l %L %i %% %Z', values)).toBe('/d/u/r@h:22 a l.lan l 7 % %Z')
  })
})
