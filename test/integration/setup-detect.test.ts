/**
 * Detection on THIS machine, checked against what the system's own tools say (os-release read by
 * a shell, id, getent, command -v, dpkg-query, dockerd --version, pgrep, the docker CLI). Nothing
 * is assumed about the machine beyond what those tools report, so the test holds on a machine
 * with systemd or without, with Docker running or stopped.
 */
import { execFileSync, spawnSync } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { SetupDetection } from '../../shared/setup-models'
import { detectHost } from '../../electron/core/setup/detect'
import { nodeHostProbe } from '../../electron/core/setup/probe'
import { call, createTestCore, type TestCore } from './handlers-kit'

const SBIN_PATH = `${process.env.PATH ?? ''}:/usr/local/sbin:/usr/sbin:/sbin`

function sh(script: string): { code: number; out: string } {
  const result = spawnSync('sh', ['-c', script], { encoding: 'utf8', env: { ...process.env, PATH: SBIN_PATH, LC_ALL: 'C' } })
  return { code: result.status ?? -1, out: (result.stdout ?? '').trim() }
}

function commandPath(program: string): string | null {
  const found = sh(`command -v ${program}`)
  return found.code === 0 && found.out.startsWith('/') ? found.out : null
}

let detection: SetupDetection

beforeAll(async () => {
  detection = await detectHost({ probe: nodeHostProbe(process.env), active: null, profiles: [] })
})

describe('detection on this machine', () => {
  it('reads the distribution the way a shell sourcing os-release does', () => {
    const [id, versionId, pretty] = sh('. /etc/os-release; printf "%s\\n%s\\n%s" "$ID" "$VERSION_ID" "$PRETTY_NAME"').out.split('\n')
    expect(detection.os?.id).toBe(id)
    expect(detection.os?.versionId ?? '').toBe(versionId)
    expect(detection.os?.name).toBe(pretty)
    const idLike = sh('. /etc/os-release; printf "%s" "$ID_LIKE"').out
    expect(detection.os?.idLike).toEqual(idLike.split(/\s+/).filter(Boolean))
  })

  it('finds the package manager that exists here', () => {
    expect(detection.packageManager).not.toBeNull()
    const program = detection.packageManager?.path.split('/').pop() ?? ''
    expect(commandPath(program)).not.toBeNull()
    if (detection.os?.id === 'debian' || detection.os?.idLike.includes('debian')) {
      expect(detection.packageManager?.name).toBe('apt')
      expect(commandPath('apt-get')).not.toBeNull()
    }
  })

  it('knows whether systemd is PID 1 (not merely whether systemctl exists)', () => {
    const pid1 = sh('ps -o comm= -p 1').out
    expect(detection.init.pid1).toBe(pid1)
    const systemdRuns = sh('test -d /run/systemd/system').code === 0
    expect(detection.init.system === 'systemd').toBe(systemdRuns)
    if (!systemdRuns && commandPath('service') && existsSync('/etc/init.d')) expect(detection.init.system).toBe('sysv')
    if (commandPath('systemctl') && !systemdRuns) {
      // The case this machine has: a systemctl binary that can't work.
      expect(sh('systemctl is-active docker').code).not.toBe(0)
      expect(detection.docker.serviceState).toBeUndefined()
    }
  })

  it('knows who runs Berth and how it could get administrator rights', () => {
    const uid = Number(sh('id -u').out)
    expect(detection.user.uid).toBe(uid)
    expect(detection.user.name).toBe(sh('id -un').out)
    expect(detection.user.isRoot).toBe(uid === 0)
    expect(detection.user.pkexec).toBe(commandPath('pkexec'))
    expect(detection.user.sudo).toBe(commandPath('sudo'))
    const expected = uid === 0 ? 'none' : commandPath('pkexec') ? 'pkexec' : commandPath('sudo') ? 'sudo' : null
    expect(detection.escalation).toBe(expected)
  })

  it('reads the docker group from the group database and this session', () => {
    const entry = sh('getent group docker')
    expect(detection.user.dockerGroup.exists).toBe(entry.code === 0)
    if (entry.code === 0) {
      const [, , gid, members] = entry.out.split(':')
      const sessionGids = sh('id -G').out.split(/\s+/)
      expect(detection.user.dockerGroup.activeInSession).toBe(sessionGids.includes(gid))
      const listed = (members ?? '').split(',').includes(sh('id -un').out)
      expect(detection.user.dockerGroup.member).toBe(listed || sessionGids.includes(gid))
    }
  })

  it('knows whether Docker is installed, its version, and whether the system socket answers', () => {
    const dockerd = commandPath('dockerd')
    expect(detection.docker.installed).toBe(dockerd !== null)
    if (dockerd) {
      const version = /version ([0-9][^\s,+]*)/.exec(execFileSync(dockerd, ['--version'], { encoding: 'utf8' }))?.[1]
      expect(detection.docker.version).toBe(version)
    }
    if (commandPath('dpkg-query')) {
      const status = sh("dpkg-query -W -f='${Status}' docker.io 2>/dev/null").out
      expect(detection.docker.installed).toBe(status === 'install ok installed' || dockerd !== null)
    }
    expect(detection.docker.initScript).toBe(existsSync('/etc/init.d/docker'))
    // The system socket, asked by curl (no socket file → stopped).
    const socketFile = sh('test -S /var/run/docker.sock').code === 0
    const answers = socketFile && sh('curl -s --max-time 2 --unix-socket /var/run/docker.sock http://d/_ping').out === 'OK'
    expect(detection.docker.systemSocket.state === 'running').toBe(answers)
    if (!socketFile) expect(detection.docker.systemSocket.state).toBe('stopped')
  })

  it('lists the dockerd processes with the sockets they serve, the test engine among them', () => {
    const pids = sh('pgrep -x dockerd').out.split('\n').filter(Boolean).map(Number)
    const listed = detection.processes.filter((p) => p.name === 'dockerd').map((p) => p.pid)
    // Processes come and go (other suites start private engines): every listed one was seen by
    // pgrep or has exited since; the long-running test engine is in both.
    const testPid = Number(readFileSync('/run/berth-test/docker.pid', 'utf8').trim())
    expect(pids).toContain(testPid)
    expect(listed).toContain(testPid)
    const testEngine = detection.processes.find((p) => p.pid === testPid)
    expect(testEngine?.sockets).toEqual(['/run/berth-test/docker.sock'])
    const systemDockerd = detection.processes.some((p) => p.name === 'dockerd' && p.sockets.includes('/var/run/docker.sock'))
    const cmdlines = pids.map((pid) => sh(`tr '\\0' ' ' < /proc/${pid}/cmdline`).out)
    expect(systemDockerd).toBe(cmdlines.some((line) => !/\s(-H|--host)[\s=]/.test(line)))
  })

  it('knows whether Podman is installed', () => {
    expect(detection.podman.installed).toBe(commandPath('podman') !== null)
  })

  it('suggests starting Docker when it is installed and its socket is silent', () => {
    if (detection.docker.installed && detection.docker.systemSocket.state === 'stopped') {
      expect(detection.offer).toMatchObject({ action: 'start', target: 'docker', label: 'Start Docker' })
    }
  })
})

describe('setup.detect through the handler table', () => {
  let t: TestCore
  beforeAll(async () => {
    t = await createTestCore()
  })
  afterAll(async () => {
    await t.dispose()
  })

  it('reports the active engine as the registry sees it and suggests nothing while it is connected', async () => {
    await t.core.engines.whenActive()
    const d = await call(t.core, 'setup.detect', {})
    expect(d.activeEngine).toMatchObject({ id: 'env', state: 'connected', socket: t.host.dockerSocket })
    expect(d.offer.action).toBe('none')
    expect(d.configured).toBeNull()
  })
})
