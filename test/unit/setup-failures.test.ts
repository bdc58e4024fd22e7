/** Failed setup commands in words (per package manager and escalation), and output batching. */
import { describe, expect, it, vi } from 'vitest'
import { explainDaemonExit, explainFailure } from '../../electron/core/setup/failures'
import { OutputLines } from '../../electron/core/setup/output'

describe('explainFailure', () => {
  it.each([
    ['apt: unknown package', ['apt-get', 'install', '-y', 'docker.io'], 100, 'E: Unable to locate package docker.io', /package docker\.io isn't in this distribution's package lists/],
    ['apt: no candidate', ['apt-get', 'install', '-y', 'docker.io'], 100, "E: Package 'docker.io' has no installation candidate", /package docker\.io isn't/],
    ['dnf: no match', ['dnf', 'install', '-y', 'moby-engine'], 1, 'No match for argument: moby-engine\nError: Unable to find a match: moby-engine', /package moby-engine isn't/],
    ['zypper: no provider', ['zypper', '--non-interactive', 'install', 'docker'], 104, "No provider of 'docker' found.", /package docker isn't/],
    ['pacman: target not found', ['pacman', '-S', 'docker'], 1, 'error: target not found: docker', /package docker isn't/],
    ['apk: no such package', ['apk', 'add', 'docker'], 1, 'ERROR: unable to select packages:\n  docker (no such package):', /package docker isn't/],
    ['apt: offline', ['apt-get', 'update'], 100, "Err:1 http://deb.debian.org/debian bookworm InRelease\n  Temporary failure resolving 'deb.debian.org'", /couldn't reach the distribution's package servers/],
    ['dnf: offline', ['dnf', 'install', '-y', 'podman'], 1, "Error: Failed to download metadata for repo 'fedora': Cannot download repomd.xml: Curl error (6)", /couldn't reach/],
    ['apt: lock', ['apt-get', 'install', '-y', 'docker.io'], 100, 'E: Could not get lock /var/lib/dpkg/lock-frontend. It is held by process 4242 (unattended-upgr)', /package database is locked/],
    ['pacman: lock', ['pacman', '-S', 'docker'], 1, 'error: failed to init transaction (unable to lock database)', /locked/],
    ['systemd: unknown unit', ['systemctl', 'enable', '--now', 'docker'], 5, 'Failed to enable unit: Unit file docker.service does not exist.', /systemd doesn't know/],
    ['no systemd after all', ['systemctl', 'enable', '--now', 'docker'], 1, 'System has not been booted with systemd as init system (PID 1). Can\'t operate.', /systemd isn't running/],
    ['disk full', ['apt-get', 'install', '-y', 'docker.io'], 100, 'E: You don\'t have enough free space in /var/cache/apt/archives/.', /disk is full/]
  ])('%s', (_name, argv, exitCode, output, expected) => {
    expect(explainFailure({ argv, exitCode, output: output.split('\n'), escalation: 'none' })).toMatch(expected)
  })

  it.each([
    ['pkexec dismissed', ['pkexec', 'apt-get', 'update'], 126, 'Error executing command as another user: Not authorized', 'pkexec', /dismissed, or polkit did not allow/],
    ['pkexec without an agent', ['pkexec', 'apt-get', 'update'], 127, 'Error executing command as another user: No authentication agent found.', 'pkexec', /no polkit authentication agent.*sudo/],
    ['sudo wrong password', ['sudo', '-S', '-k', '-p', '', '--', 'apt-get', 'update'], 1, 'Sorry, try again.\nsudo: no password was provided\nsudo: 1 incorrect password attempt', 'sudo', /didn't accept the password/],
    ['sudo not allowed', ['sudo', '-S', '-k', '-p', '', '--', 'apt-get', 'update'], 1, 'alice is not in the sudoers file.  This incident will be reported.', 'sudo', /may not use sudo/]
  ] as const)('%s', (_name, argv, exitCode, output, escalation, expected) => {
    expect(explainFailure({ argv, exitCode, output: output.split('\n'), escalation })).toMatch(expected)
  })

  it('says which program is missing, and falls back to the status and last line', () => {
    expect(explainFailure({ argv: ['rc-service', 'docker', 'start'], exitCode: null, output: [], escalation: 'none', spawnError: 'ENOENT' })).toBe(
      "rc-service is not installed (or not on PATH), so Berth couldn't run it."
    )
    expect(explainFailure({ argv: ['service', 'docker', 'start'], exitCode: 3, output: ['Starting Docker: docker', 'failed!', ''], escalation: 'none' })).toBe(
      'service docker start ended with exit status 3. It said: failed!'
    )
  })
})

describe('explainDaemonExit', () => {
  it('names the reason found in the log', () => {
    expect(explainDaemonExit(1, ['unknown flag: --berth-no-such-flag', 'See dockerd --help.'])).toMatch(/doesn't know the option --berth-no-such-flag/)
    expect(explainDaemonExit(1, ['failed to start daemon: pid file found, ensure docker is not running or delete /var/run/docker.pid'])).toMatch(/pid file/)
    expect(explainDaemonExit(null, ['something'])).toBe('The daemon stopped right after it started. Its last log lines are shown with this step.')
  })
})

describe('OutputLines', () => {
  it('batches lines, keeps the last state of \\r-redrawn lines, and a tail', () => {
    vi.useFakeTimers()
    try {
      const sent: string[] = []
      const out = new OutputLines((text) => sent.push(text))
      out.write('one\ntw')
      out.write('o\r\nprogress 10%\rprogress 100%\nlast')
      expect(sent).toEqual([])
      vi.advanceTimersByTime(150)
      expect(sent).toEqual(['one\ntwo\nprogress 100%'])
      out.end()
      expect(sent).toEqual(['one\ntwo\nprogress 100%', 'last'])
      expect(out.tail).toEqual(['one', 'two', 'progress 100%', 'last'])
    } finally {
      vi.useRealTimers()
    }
  })

  it('caps what it sends at a megabyte but keeps counting the tail', () => {
    const sent: string[] = []
    const out = new OutputLines((text) => sent.push(text))
    const line = 'x'.repeat(1023)
    for (let i = 0; i < 1500; i++) out.write(`${line}\n`)
    out.write('the end\n')
    out.end()
    const total = sent.join('\n').length
    expect(total).toBeLessThanOrEqual(1024 * 1024 + 200)
    expect(sent.join('\n')).toMatch(/more output/)
    expect(out.tail[out.tail.length - 1]).toBe('the end')
  })
})
