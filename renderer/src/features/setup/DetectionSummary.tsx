/**
 * What Berth found on this machine, in a few lines a person can check: distribution and package
 * manager, what runs services, who they are and how Berth would get administrator rights, and
 * the state of Docker, Podman and any engine Berth was told how to start.
 */
import type { ReactElement } from 'react'
import type { InitSystem, SetupDetection, SocketProbe } from '../../../../shared/setup-models'

const INIT_WORDS: Record<InitSystem, string> = {
  systemd: 'systemd',
  openrc: 'OpenRC',
  sysv: 'service scripts (no systemd)',
  none: 'nothing manages services'
}

export function socketWords(socket: SocketProbe): string {
  if (socket.state === 'running') return `running at ${socket.path}`
  if (socket.state === 'no-permission') return `running at ${socket.path}, but not open to you`
  return `not running (nothing at ${socket.path})`
}

function userWords(d: SetupDetection): string {
  const { user } = d
  if (user.isRoot) return 'root'
  const group = user.dockerGroup
  if (group.activeInSession) return `${user.name}, in the docker group`
  if (group.member) return `${user.name}, in the docker group from your next log-in`
  return `${user.name}, not in the docker group`
}

function rightsWords(d: SetupDetection): string {
  switch (d.escalation) {
    case 'none':
      return 'Berth runs as root'
    case 'pkexec':
      return `pkexec (the system asks for your password)${d.user.sudo ? '; sudo also available' : ''}`
    case 'sudo':
      return 'sudo (you type your password in Berth)'
    default:
      return 'none: neither pkexec nor sudo is installed'
  }
}

function dockerWords(d: SetupDetection): string {
  if (!d.docker.installed) return 'not installed'
  const version = d.docker.version ? `${d.docker.version}, ` : ''
  const service = d.docker.serviceState ? ` (service ${d.docker.serviceState})` : ''
  const rootless = d.docker.rootless.available ? '; rootless mode possible' : ''
  return `${version}${socketWords(d.docker.systemSocket)}${service}${rootless}`
}

function podmanWords(d: SetupDetection): string {
  if (!d.podman.installed) return 'not installed'
  const socket = d.user.isRoot ? d.podman.systemSocket : (d.podman.userSocket ?? d.podman.systemSocket)
  return `${d.podman.version ? `${d.podman.version}, ` : ''}API ${socketWords(socket)}${d.podman.rootlessAvailable ? '; rootless' : ''}`
}

export function DetectionSummary({ detection: d }: { detection: SetupDetection }): ReactElement {
  const daemons = d.processes.filter((p) => p.name !== 'containerd')
  return (
    <div className="setup-found">
      <dl className="setup-facts" aria-label="What Berth found on this machine">
        <dt>System</dt>
        <dd>
          {d.os?.name ?? `Unknown ${d.platform}`}
          {d.packageManager ? ` · packages with ${d.packageManager.name}` : ' · no known package manager'}
        </dd>
        <dt>Services</dt>
        <dd>
          {INIT_WORDS[d.init.system]} <span className="setup-muted">(PID 1 is {d.init.pid1})</span>
        </dd>
        <dt>You</dt>
        <dd>{userWords(d)}</dd>
        <dt>Admin rights</dt>
        <dd>{rightsWords(d)}</dd>
        <dt>Docker</dt>
        <dd>{dockerWords(d)}</dd>
        <dt>Podman</dt>
        <dd>{podmanWords(d)}</dd>
        {d.configured ? (
          <>
            <dt>{d.configured.name}</dt>
            <dd>{socketWords(d.configured.socket)} (from engine-start.json)</dd>
          </>
        ) : null}
        {daemons.length > 0 ? (
          <>
            <dt>Engines running</dt>
            <dd>
              {daemons.map((p) => (
                <span key={p.pid} className="setup-daemon mono">
                  {p.name} (pid {p.pid}){p.sockets.length > 0 ? ` on ${p.sockets.join(', ')}` : ''}
                </span>
              ))}
            </dd>
          </>
        ) : null}
      </dl>
      {d.configuredProblem ? <p className="hint hint-warn">{d.configuredProblem}</p> : null}
    </div>
  )
}
