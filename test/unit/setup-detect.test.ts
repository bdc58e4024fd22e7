/**
 * Detection's pure parts as tables (os-release, package manager, daemon command lines, offers),
 * and detection itself over a described machine (a fake probe: files, programs, processes,
 * sockets), so distributions other than this one are covered too.
 */
import { describe, expect, it } from 'vitest'
import type { SocketState } from '../../shared/setup-models'
import { findDaemons } from '../../electron/core/setup/daemons'
import { detectHost } from '../../electron/core/setup/detect'
import { choosePackageManager, parseOsRelease } from '../../electron/core/setup/osRelease'
import type { HostProbe, ProcessInfo } from '../../electron/core/setup/probe'
import { ALPINE, DEBIAN, FEDORA, ROCKY, machine } from './support/setupMachines'

describe('parseOsRelease', () => {
  it.each([
    ['Debian 12', 'PRETTY_NAME="Debian GNU/Linux 12 (bookworm)"\nNAME="Debian GNU/Linux"\nVERSION_ID="12"\nID=debian\n', { id: 'debian', idLike: [], versionId: '12', name: 'Debian GNU/Linux 12 (bookworm)' }],
    ['Ubuntu', 'NAME="Ubuntu"\nVERSION_ID="24.04"\nID=ubuntu\nID_LIKE=debian\nPRETTY_NAME="Ubuntu 24.04 LTS"\n', { id: 'ubuntu', idLike: ['debian'], versionId: '24.04', name: 'Ubuntu 24.04 LTS' }],
    ['Rocky', 'ID="rocky"\nID_LIKE="rhel centos fedora"\nVERSION_ID="9.4"\nPRETTY_NAME="Rocky Linux 9.4 (Blue Onyx)"', { id: 'rocky', idLike: ['rhel', 'centos', 'fedora'], versionId: '9.4', name: 'Rocky Linux 9.4 (Blue Onyx)' }],
    ['Arch (no VERSION_ID)', 'NAME="Arch Linux"\nPRETTY_NAME="Arch Linux"\nID=arch\nBUILD_ID=rolling\n', { id: 'arch', idLike: [], name: 'Arch Linux' }],
    ["single quotes and escapes", "ID='alpine'\nPRETTY_NAME=\"Alpine \\\"edge\\\"\"\n# comment\n", { id: 'alpine', idLike: [], name: 'Alpine "edge"' }]
  ])('%s', (_name, text, expected) => {
    expect(parseOsRelease(text)).toEqual(expected)
  })

  it('gives null without an ID', () => {
    expect(parseOsRelease('NAME=Something\n')).toBeNull()
  })
})

describe('choosePackageManager', () => {
  const present = (...programs: string[]) => (program: string) => (programs.includes(program) ? `/usr/bin/${program}` : undefined)
  it.each([
    ['Debian → apt', DEBIAN, ['apt-get'], 'apt'],
    ['Rocky (ID_LIKE rhel) → dnf', ROCKY, ['dnf'], 'dnf'],
    ['openSUSE Leap (ID opensuse-leap) → zypper', { id: 'opensuse-leap', idLike: ['suse', 'opensuse'], name: 'openSUSE Leap' }, ['zypper'], 'zypper'],
    ['Manjaro (ID_LIKE arch) → pacman', { id: 'manjaro', idLike: ['arch'], name: 'Manjaro' }, ['pacman'], 'pacman'],
    ['Alpine → apk', ALPINE, ['apk'], 'apk'],
    ['the family first: Debian with pacman around → apt', DEBIAN, ['pacman', 'apt-get'], 'apt'],
    ['unknown distribution: whatever exists', { id: 'mystery', idLike: [], name: 'Mystery' }, ['zypper'], 'zypper']
  ])('%s', (_name, os, programs, expected) => {
    expect(choosePackageManager({ idLike: [], ...os }, present(...programs))?.name).toBe(expected)
  })

  it('says null when none exists', () => {
    expect(choosePackageManager({ id: 'gentoo', idLike: [], name: 'Gentoo' }, present('emerge'))).toBeNull()
  })
})

describe('findDaemons', () => {
  const proc = (pid: number, name: string, argv: string[]): ProcessInfo => ({ pid, name, argv })
  it('reads the sockets each daemon serves from its command line', () => {
    const configs: Record<string, string> = { '/etc/berth/ctd.toml': 'version = 2\n[grpc]\n  address = "/run/x/containerd.sock"\n[ttrpc]\n  address = "/run/x/t"\n' }
    const daemons = findDaemons(
      [
        proc(30, 'dockerd', ['dockerd', '-H', 'unix:///run/a.sock', '--host=unix:///run/b.sock', '-H', 'tcp://0.0.0.0:2375']),
        proc(10, 'dockerd', ['/usr/bin/dockerd', '--containerd=/run/containerd/containerd.sock']),
        proc(20, 'containerd', ['containerd', '--config', '/etc/berth/ctd.toml']),
        proc(21, 'containerd', ['containerd']),
        proc(40, 'podman', ['podman', 'system', 'service', '--time=0', 'unix:///run/user/1000/podman/podman.sock']),
        proc(41, 'podman', ['podman', 'ps']),
        proc(50, 'bash', ['bash'])
      ],
      (path) => configs[path]
    )
    expect(daemons).toEqual([
      { pid: 10, name: 'dockerd', sockets: ['/var/run/docker.sock'] },
      { pid: 20, name: 'containerd', sockets: ['/run/x/containerd.sock'] },
      { pid: 21, name: 'containerd', sockets: ['/run/containerd/containerd.sock'] },
      { pid: 30, name: 'dockerd', sockets: ['/run/a.sock', '/run/b.sock'] },
      { pid: 40, name: 'podman', sockets: ['/run/user/1000/podman/podman.sock'] }
    ])
  })
})

describe('chooseOffer', () => {
  it.each([
    ['Docker stopped → Start Docker', machine({ os: DEBIAN, manager: 'apt', init: 'sysv', who: 'root', docker: 'stopped' }), 'start', 'docker', 'Start Docker'],
    ['nothing installed → Set up Docker…', machine({ os: DEBIAN, manager: 'apt', init: 'systemd', who: 'pkexec', docker: 'missing' }), 'install', 'docker', 'Set up Docker…'],
    ['Rocky, nothing installed → Set up Podman…', machine({ os: ROCKY, manager: 'dnf', init: 'systemd', who: 'pkexec', docker: 'missing' }), 'install', 'podman', 'Set up Podman…'],
    ['Docker runs, socket closed to this session → access', machine({ os: FEDORA, manager: 'dnf', init: 'systemd', who: 'pkexec', docker: 'no-permission' }), 'access', 'docker', 'Fix Docker access…'],
    ['Docker runs elsewhere than the active engine → Use Docker', machine({ os: FEDORA, manager: 'dnf', init: 'systemd', who: 'root', docker: 'running', activeSocket: '/run/other.sock' }), 'use', 'docker', 'Use Docker'],
    ['only Podman, stopped → Start Podman', machine({ os: FEDORA, manager: 'dnf', init: 'systemd', who: 'root', docker: 'missing', podman: 'stopped' }), 'start', 'podman', 'Start Podman'],
    [
      'a configured engine, stopped → Start it',
      machine({ os: DEBIAN, manager: 'apt', init: 'sysv', who: 'root', docker: 'stopped', activeSocket: '/run/t.sock', configured: { name: 'Test engine', socket: '/run/t.sock', command: ['dockerd'], asRoot: true, state: 'stopped' } }),
      'start',
      'configured',
      'Start Test engine'
    ],
    ['no package manager → nothing', machine({ os: { id: 'gentoo', name: 'Gentoo' }, manager: null, init: 'openrc', who: 'root', docker: 'missing' }), 'none', 'docker', '']
  ])('%s', (_name, detection, action, target, label) => {
    expect(detection.offer).toMatchObject({ action, target, label })
    expect(detection.offer.summary.length).toBeGreaterThan(10)
  })
})

interface FakeMachine {
  files: Record<string, string>
  dirs?: string[]
  programs: string[]
  sockets?: Record<string, SocketState>
  processes?: ProcessInfo[]
  uid: number
  user: string
  groups: number[]
  env?: NodeJS.ProcessEnv
  outputs?: Record<string, string>
}

function fakeProbe(m: FakeMachine): HostProbe {
  return {
    platform: 'linux',
    env: m.env ?? {},
    uid: m.uid,
    userName: m.user,
    sessionGroups: m.groups,
    readText: (path) => m.files[path],
    exists: (path) => path in m.files || (m.dirs ?? []).includes(path),
    which: (program) => (m.programs.includes(program) ? `/usr/bin/${program}` : undefined),
    processes: () => m.processes ?? [],
    ping: async (path) => ({ state: m.sockets?.[path] ?? 'stopped' }),
    output: async (argv) => {
      const out = m.outputs?.[argv.join(' ')]
      return out === undefined ? undefined : { code: 0, stdout: out }
    }
  }
}

describe('detectHost over a described machine', () => {
  it('Fedora desktop with systemd, a person in the docker group not yet active, Docker running', async () => {
    const d = await detectHost({
      probe: fakeProbe({
        files: {
          '/etc/os-release': 'ID=fedora\nVERSION_ID=40\nPRETTY_NAME="Fedora Linux 40"\n',
          '/proc/1/comm': 'systemd\n',
          '/etc/group': 'wheel:x:10:alice\ndocker:x:973:alice\n',
          '/etc/subuid': 'alice:524288:65536\n',
          '/etc/subgid': 'alice:524288:65536\n'
        },
        dirs: ['/run/systemd/system', '/run/user/1000/systemd'],
        programs: ['dnf', 'dockerd', 'containerd', 'pkexec', 'sudo', 'setfacl', 'newuidmap', 'systemctl', 'dockerd-rootless-setuptool.sh'],
        sockets: { '/var/run/docker.sock': 'no-permission' },
        uid: 1000,
        user: 'alice',
        groups: [1000, 10],
        env: { XDG_RUNTIME_DIR: '/run/user/1000' },
        outputs: { '/usr/bin/dockerd --version': 'Docker version 26.1.5, build 411e817\n', 'systemctl is-active docker': 'active\n' }
      }),
      active: null,
      profiles: []
    })
    expect(d.os?.id).toBe('fedora')
    expect(d.packageManager?.name).toBe('dnf')
    expect(d.init).toEqual({ system: 'systemd', pid1: 'systemd', userManager: true })
    expect(d.user).toMatchObject({ isRoot: false, dockerGroup: { exists: true, member: true, activeInSession: false }, pkexec: '/usr/bin/pkexec', subordinateIds: true })
    expect(d.docker).toMatchObject({ installed: true, version: '26.1.5', serviceState: 'active', systemSocket: { state: 'no-permission' } })
    expect(d.docker.rootless).toMatchObject({ available: true, socket: { path: '/run/user/1000/docker.sock', state: 'stopped' } })
    expect(d.escalation).toBe('pkexec')
    expect(d.offer.action).toBe('access')
  })

  it('Alpine in a container: no init, root, nothing installed', async () => {
    const d = await detectHost({
      probe: fakeProbe({
        files: { '/etc/os-release': 'NAME="Alpine Linux"\nID=alpine\nVERSION_ID=3.20.0\nPRETTY_NAME="Alpine Linux v3.20"\n', '/proc/1/comm': 'sh\n' },
        programs: ['apk'],
        uid: 0,
        user: 'root',
        groups: [0]
      }),
      active: null,
      profiles: []
    })
    expect(d.init.system).toBe('none')
    expect(d.packageManager?.name).toBe('apk')
    expect(d.user.isRoot).toBe(true)
    expect(d.escalation).toBe('none')
    expect(d.docker.installed).toBe(false)
    expect(d.offer).toMatchObject({ action: 'install', target: 'docker' })
  })
})
