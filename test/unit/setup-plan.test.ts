/**
 * Command composition, as tables: for every package manager and situation, the exact commands
 * (as a person would read them, escalation included) Berth composes. Nothing runs here.
 */
import { describe, expect, it } from 'vitest'
import type { PlanRequest } from '../../shared/setup-models'
import { composePlan } from '../../electron/core/setup/plan'
import type { StartProfile } from '../../electron/core/setup/startProfiles'
import { ALPINE, AMAZON, ARCH, DEBIAN, FEDORA, OPENSUSE, ROCKY, UBUNTU, machine, type MachineSpec } from './support/setupMachines'

const LOG_DIR = '/home/alice/.config/Berth/engine-logs'
const WAIT_DOCKER = 'wait for GET /_ping on unix:///var/run/docker.sock'

interface Row {
  name: string
  spec: MachineSpec
  request?: Partial<PlanRequest>
  commands: string[]
  escalation?: 'none' | 'pkexec' | 'sudo'
  title?: string
  blocked?: RegExp
}

function compose(spec: MachineSpec, request: Partial<PlanRequest> = {}, profile?: StartProfile): ReturnType<typeof composePlan> {
  return composePlan(machine(spec), { target: 'docker', addToDockerGroup: true, ...request }, { logDir: LOG_DIR, profile })
}

const ROOT_INSTALL: Row[] = [
  {
    name: 'Debian, apt, systemd: docker.io, enabled with systemctl',
    spec: { os: DEBIAN, manager: 'apt', init: 'systemd', who: 'root', docker: 'missing' },
    title: 'Install and start Docker',
    commands: ['apt-get update', 'env DEBIAN_FRONTEND=noninteractive apt-get install -y docker.io', 'systemctl enable --now docker', WAIT_DOCKER]
  },
  {
    name: 'Ubuntu, apt, no systemd: the package brings a service script',
    spec: { os: UBUNTU, manager: 'apt', init: 'sysv', who: 'root', docker: 'missing' },
    commands: ['apt-get update', 'env DEBIAN_FRONTEND=noninteractive apt-get install -y docker.io', 'service docker start', WAIT_DOCKER]
  },
  {
    name: 'Fedora, dnf: moby-engine',
    spec: { os: FEDORA, manager: 'dnf', init: 'systemd', who: 'root', docker: 'missing' },
    commands: ['dnf install -y moby-engine', 'systemctl enable --now docker', WAIT_DOCKER]
  },
  {
    name: 'Amazon Linux, dnf: docker',
    spec: { os: AMAZON, manager: 'dnf', init: 'systemd', who: 'root', docker: 'missing' },
    commands: ['dnf install -y docker', 'systemctl enable --now docker', WAIT_DOCKER]
  },
  {
    name: 'Rocky Linux, dnf: no Docker engine in the distribution',
    spec: { os: ROCKY, manager: 'dnf', init: 'systemd', who: 'root', docker: 'missing' },
    commands: [],
    blocked: /doesn't package the Docker engine.*Podman/
  },
  {
    name: 'openSUSE, zypper',
    spec: { os: OPENSUSE, manager: 'zypper', init: 'systemd', who: 'root', docker: 'missing' },
    commands: ['zypper --non-interactive install docker', 'systemctl enable --now docker', WAIT_DOCKER]
  },
  {
    name: 'Arch, pacman',
    spec: { os: ARCH, manager: 'pacman', init: 'systemd', who: 'root', docker: 'missing' },
    commands: ['pacman -S --needed --noconfirm docker', 'systemctl enable --now docker', WAIT_DOCKER]
  },
  {
    name: 'Alpine, apk, OpenRC: docker + docker-openrc, rc-update and rc-service',
    spec: { os: ALPINE, manager: 'apk', init: 'openrc', who: 'root', docker: 'missing' },
    commands: ['apk update', 'apk add docker docker-openrc', 'rc-update add docker default', 'rc-service docker start', WAIT_DOCKER]
  },
  {
    name: 'Alpine without OpenRC (a container): Berth starts dockerd itself',
    spec: { os: ALPINE, manager: 'apk', init: 'none', who: 'root', docker: 'missing' },
    commands: ['apk update', 'apk add docker', 'dockerd --host unix:///var/run/docker.sock --pidfile /var/run/docker.pid', WAIT_DOCKER]
  },
  {
    name: 'no package manager Berth knows',
    spec: { os: { id: 'gentoo', name: 'Gentoo Linux' }, manager: null, init: 'openrc', who: 'root', docker: 'missing' },
    commands: [],
    blocked: /no package manager it knows/
  }
]

const START_STOPPED: Row[] = [
  {
    name: 'systemd',
    spec: { os: DEBIAN, manager: 'apt', init: 'systemd', who: 'root', docker: 'stopped' },
    title: 'Start Docker',
    commands: ['systemctl enable --now docker', WAIT_DOCKER]
  },
  {
    name: 'OpenRC',
    spec: { os: ALPINE, manager: 'apk', init: 'openrc', who: 'root', docker: 'stopped' },
    commands: ['rc-update add docker default', 'rc-service docker start', WAIT_DOCKER]
  },
  {
    name: 'SysV script present (this machine: Debian 12, no systemd)',
    spec: { os: DEBIAN, manager: 'apt', init: 'sysv', who: 'root', docker: 'stopped', initScript: true },
    commands: ['service docker start', WAIT_DOCKER]
  },
  {
    name: 'service exists but no docker script: the daemon directly',
    spec: { os: FEDORA, manager: 'dnf', init: 'sysv', who: 'root', docker: 'stopped', initScript: false },
    commands: ['/usr/sbin/dockerd --host unix:///var/run/docker.sock --pidfile /var/run/docker.pid', WAIT_DOCKER]
  },
  {
    name: 'nothing manages services: the daemon directly',
    spec: { os: ARCH, manager: 'pacman', init: 'none', who: 'root', docker: 'stopped' },
    commands: ['/usr/sbin/dockerd --host unix:///var/run/docker.sock --pidfile /var/run/docker.pid', WAIT_DOCKER]
  },
  {
    name: 'already running and reachable: nothing to run',
    spec: { os: DEBIAN, manager: 'apt', init: 'systemd', who: 'root', docker: 'running' },
    title: 'Use Docker',
    commands: []
  }
]

const PERSON: Row[] = [
  {
    name: 'pkexec: every privileged command through polkit, then the docker group',
    spec: { os: DEBIAN, manager: 'apt', init: 'systemd', who: 'pkexec', docker: 'missing' },
    escalation: 'pkexec',
    commands: [
      'pkexec apt-get update',
      'pkexec env DEBIAN_FRONTEND=noninteractive apt-get install -y docker.io',
      'pkexec systemctl enable --now docker',
      WAIT_DOCKER,
      'pkexec usermod --append --groups docker alice'
    ]
  },
  {
    name: 'sudo only: sudo -S -k with an empty prompt',
    spec: { os: FEDORA, manager: 'dnf', init: 'systemd', who: 'sudo', docker: 'stopped', setfacl: true },
    escalation: 'sudo',
    commands: [
      "sudo -S -k -p '' -- systemctl enable --now docker",
      WAIT_DOCKER,
      "sudo -S -k -p '' -- usermod --append --groups docker alice",
      "sudo -S -k -p '' -- setfacl --modify user:alice:rw /var/run/docker.sock"
    ]
  },
  {
    name: 'both: sudo when the person asks for it',
    spec: { os: ARCH, manager: 'pacman', init: 'systemd', who: 'both', docker: 'stopped', group: { exists: true, member: true, active: true } },
    request: { escalation: 'sudo' },
    escalation: 'sudo',
    commands: ["sudo -S -k -p '' -- systemctl enable --now docker", WAIT_DOCKER]
  },
  {
    name: 'running, but the session lacks the group: group + setfacl, no start',
    spec: { os: UBUNTU, manager: 'apt', init: 'systemd', who: 'pkexec', docker: 'no-permission', setfacl: true },
    title: 'Give you access to Docker',
    commands: ['pkexec usermod --append --groups docker alice', 'pkexec setfacl --modify user:alice:rw /var/run/docker.sock']
  },
  {
    name: 'in the group already, this session not yet: only setfacl',
    spec: { os: UBUNTU, manager: 'apt', init: 'systemd', who: 'pkexec', docker: 'no-permission', setfacl: true, group: { exists: true, member: true, active: false } },
    commands: ['pkexec setfacl --modify user:alice:rw /var/run/docker.sock']
  },
  {
    name: 'group declined: no usermod',
    spec: { os: DEBIAN, manager: 'apt', init: 'systemd', who: 'pkexec', docker: 'stopped' },
    request: { addToDockerGroup: false },
    commands: ['pkexec systemctl enable --now docker', WAIT_DOCKER]
  },
  {
    name: 'installed but no docker group yet: groupadd first',
    spec: { os: ARCH, manager: 'pacman', init: 'systemd', who: 'pkexec', docker: 'stopped', group: { exists: false, member: false, active: false } },
    commands: ['pkexec systemctl enable --now docker', WAIT_DOCKER, 'pkexec groupadd --system docker', 'pkexec usermod --append --groups docker alice']
  },
  {
    name: 'neither pkexec nor sudo: shown but blocked',
    spec: { os: DEBIAN, manager: 'apt', init: 'systemd', who: 'neither', docker: 'stopped' },
    commands: ['systemctl enable --now docker', WAIT_DOCKER, 'usermod --append --groups docker alice'],
    blocked: /neither pkexec nor sudo/
  },
  {
    name: 'not Linux',
    spec: { os: DEBIAN, manager: 'apt', init: 'systemd', who: 'root', docker: 'missing', platform: 'darwin' },
    commands: ['apt-get update', 'env DEBIAN_FRONTEND=noninteractive apt-get install -y docker.io', 'systemctl enable --now docker', WAIT_DOCKER],
    blocked: /Linux only/
  }
]

const PODMAN: Row[] = [
  {
    name: 'root, systemd: podman.socket',
    spec: { os: FEDORA, manager: 'dnf', init: 'systemd', who: 'root', docker: 'missing', podman: 'stopped' },
    request: { target: 'podman' },
    title: 'Start Podman',
    commands: ['systemctl enable --now podman.socket', 'wait for GET /_ping on unix:///run/podman/podman.sock']
  },
  {
    name: 'root, no systemd: podman system service in the background',
    spec: { os: DEBIAN, manager: 'apt', init: 'sysv', who: 'root', docker: 'missing', podman: 'stopped' },
    request: { target: 'podman' },
    commands: ['/usr/bin/podman system service --time=0 unix:///run/podman/podman.sock', 'wait for GET /_ping on unix:///run/podman/podman.sock']
  },
  {
    name: 'a person with a systemd user manager: systemctl --user, no escalation',
    spec: { os: FEDORA, manager: 'dnf', init: 'systemd', userManager: true, who: 'pkexec', docker: 'missing', podman: 'stopped' },
    request: { target: 'podman' },
    escalation: 'none',
    commands: ['systemctl --user enable --now podman.socket', 'wait for GET /_ping on unix:///run/user/1000/podman/podman.sock']
  },
  {
    name: 'a person without systemd: rootless podman service, no escalation',
    spec: { os: ALPINE, manager: 'apk', init: 'openrc', who: 'sudo', docker: 'missing', podman: 'stopped' },
    request: { target: 'podman' },
    escalation: 'none',
    commands: ['/usr/bin/podman system service --time=0 unix:///run/user/1000/podman/podman.sock', 'wait for GET /_ping on unix:///run/user/1000/podman/podman.sock']
  },
  {
    name: 'Rocky, not installed: install podman with pkexec, then the user socket',
    spec: { os: ROCKY, manager: 'dnf', init: 'systemd', userManager: true, who: 'pkexec', docker: 'missing' },
    request: { target: 'podman' },
    title: 'Install and start Podman',
    commands: ['pkexec dnf install -y podman', 'systemctl --user enable --now podman.socket', 'wait for GET /_ping on unix:///run/user/1000/podman/podman.sock']
  },
  {
    name: 'Arch, not installed, root',
    spec: { os: ARCH, manager: 'pacman', init: 'systemd', who: 'root', docker: 'missing' },
    request: { target: 'podman' },
    commands: ['pacman -S --needed --noconfirm podman', 'systemctl enable --now podman.socket', 'wait for GET /_ping on unix:///run/podman/podman.sock']
  },
  {
    name: 'openSUSE, not installed, root',
    spec: { os: OPENSUSE, manager: 'zypper', init: 'systemd', who: 'root', docker: 'missing' },
    request: { target: 'podman' },
    commands: ['zypper --non-interactive install podman', 'systemctl enable --now podman.socket', 'wait for GET /_ping on unix:///run/podman/podman.sock']
  },
  {
    name: 'Debian, not installed, root, no systemd',
    spec: { os: DEBIAN, manager: 'apt', init: 'sysv', who: 'root', docker: 'missing' },
    request: { target: 'podman' },
    commands: [
      'apt-get update',
      'env DEBIAN_FRONTEND=noninteractive apt-get install -y podman',
      'podman system service --time=0 unix:///run/podman/podman.sock',
      'wait for GET /_ping on unix:///run/podman/podman.sock'
    ]
  }
]

function check(row: Row): void {
  const plan = compose(row.spec, row.request)
  expect(plan.steps.map((step) => step.display)).toEqual(row.commands)
  expect(plan.steps.map((step) => step.index)).toEqual(row.commands.map((_, i) => i + 1))
  if (row.escalation) expect(plan.escalation).toBe(row.escalation)
  if (row.title) expect(plan.title).toBe(row.title)
  if (row.blocked) expect(plan.blocked).toMatch(row.blocked)
  else expect(plan.blocked).toBeUndefined()
  // What is shown is what runs: the display is the argv, quoted only where a shell would need it.
  for (const step of plan.steps.filter((s) => s.kind !== 'wait')) {
    expect(step.display.replace(/''/g, '').split(/\s+/).filter(Boolean)).toEqual(step.argv.filter((arg) => arg !== ''))
  }
}

describe('composePlan: installing Docker as root, per package manager', () => {
  it.each(ROOT_INSTALL.map((row) => [row.name, row] as const))('%s', (_name, row) => check(row))
})

describe('composePlan: starting an installed, stopped Docker, per service manager', () => {
  it.each(START_STOPPED.map((row) => [row.name, row] as const))('%s', (_name, row) => check(row))
})

describe('composePlan: a person who is not root (escalation, docker group)', () => {
  it.each(PERSON.map((row) => [row.name, row] as const))('%s', (_name, row) => check(row))
})

describe('composePlan: Podman', () => {
  it.each(PODMAN.map((row) => [row.name, row] as const))('%s', (_name, row) => check(row))
})

describe('composePlan: details', () => {
  it('marks which steps need rights and asks for a password only with sudo', () => {
    const sudo = compose({ os: DEBIAN, manager: 'apt', init: 'systemd', who: 'sudo', docker: 'stopped' })
    expect(sudo.needsPassword).toBe(true)
    expect(sudo.steps.map((s) => s.privileged)).toEqual([true, false, true])
    expect(sudo.notes.join(' ')).toMatch(/standard input.*not stored or logged/)
    const pkexec = compose({ os: DEBIAN, manager: 'apt', init: 'systemd', who: 'pkexec', docker: 'stopped' })
    expect(pkexec.needsPassword).toBe(false)
    expect(pkexec.notes.join(' ')).toMatch(/polkit/)
    const root = compose({ os: DEBIAN, manager: 'apt', init: 'systemd', who: 'root', docker: 'stopped' })
    expect(root.steps.every((s) => !s.privileged)).toBe(true)
  })

  it('explains the log-out when it adds the person to the docker group', () => {
    const plan = compose({ os: DEBIAN, manager: 'apt', init: 'systemd', who: 'pkexec', docker: 'stopped' })
    expect(plan.notes.join(' ')).toMatch(/log out and back in/)
    const root = compose({ os: DEBIAN, manager: 'apt', init: 'systemd', who: 'root', docker: 'stopped' })
    expect(root.notes.join(' ')).not.toMatch(/docker group/)
  })

  it('gives a daemon Berth starts a log file in its config folder and says so', () => {
    const plan = compose({ os: ARCH, manager: 'pacman', init: 'none', who: 'pkexec', docker: 'stopped' })
    const daemon = plan.steps.find((step) => step.kind === 'daemon')
    expect(daemon?.logFile).toBe(`${LOG_DIR}/dockerd.log`)
    expect(daemon?.argv[0]).toBe('pkexec')
    expect(plan.notes.join(' ')).toContain(`${LOG_DIR}/dockerd.log`)
  })

  it('keeps argv elements whole: a name with spaces or quotes is one argument, quoted only for display', () => {
    const profile: StartProfile = { name: "Bob's engine", socket: '/run/bob.sock', command: ['dockerd', '--data-root', "/srv/it's here"], asRoot: true }
    const spec: MachineSpec = {
      os: DEBIAN,
      manager: 'apt',
      init: 'systemd',
      who: 'pkexec',
      docker: 'missing',
      configured: { ...profile, state: 'stopped' },
      activeSocket: '/run/bob.sock'
    }
    const plan = compose(spec, { target: 'configured' }, profile)
    expect(plan.steps[0].argv).toEqual(['pkexec', 'dockerd', '--data-root', "/srv/it's here"])
    expect(plan.steps[0].display).toBe(`pkexec dockerd --data-root '/srv/it'\\''s here'`)
    expect(plan.steps[0].logFile).toBe(`${LOG_DIR}/bob-s-engine.log`)
    expect(plan.title).toBe("Start Bob's engine")
  })

  it('runs a configured engine as it is for root, and has nothing to do when it runs', () => {
    const profile: StartProfile = { name: 'Test engine', socket: '/run/t/docker.sock', command: ['unshare', '--net', '--', 'dockerd', '-H', 'unix:///run/t/docker.sock'], asRoot: true }
    const spec = (state: 'stopped' | 'running'): MachineSpec => ({
      os: DEBIAN,
      manager: 'apt',
      init: 'sysv',
      who: 'root',
      docker: 'stopped',
      configured: { ...profile, state },
      activeSocket: profile.socket
    })
    const stopped = compose(spec('stopped'), { target: 'configured' }, profile)
    expect(stopped.steps.map((s) => s.display)).toEqual(['unshare --net -- dockerd -H unix:///run/t/docker.sock', 'wait for GET /_ping on unix:///run/t/docker.sock'])
    expect(stopped.socket).toBe('/run/t/docker.sock')
    expect(compose(spec('running'), { target: 'configured' }, profile).steps).toEqual([])
    expect(compose({ ...spec('stopped'), configured: undefined }, { target: 'configured' }).blocked).toMatch(/engine-start\.json/)
  })
})
