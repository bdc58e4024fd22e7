/**
 * The raw steps (before escalation) that install, start and open up each kind of engine, for
 * each way this machine runs services: systemd (`systemctl enable --now`), OpenRC (`rc-update` +
 * `rc-service`), SysV scripts (`service … start`), or nothing, in which case Berth starts the
 * daemon itself in the background with a log file and a pidfile it keeps.
 */
import type { SetupDetection, SocketProbe } from '../../../shared/setup-models'
import { DOCKER_SYSTEM_SOCKET, PODMAN_SYSTEM_SOCKET } from './daemons'
import { podmanSocketFor } from './offer'
import { installBringsInitScript, installCommands, packagesFor, type Product } from './packages'
import type { StartProfile } from './profileSchema'

export interface RawStep {
  kind: 'command' | 'daemon' | 'wait'
  title: string
  argv: string[]
  privileged: boolean
  logFile?: string
}

export interface EngineSteps {
  steps: RawStep[]
  /** The plan starts the engine (as opposed to only opening access to one that runs). */
  starts: boolean
  socket: string
  notes: string[]
  blocked?: string
}

export interface StepOptions {
  logDir: string
  addToDockerGroup: boolean
}

export function waitStep(name: string, socket: string): RawStep {
  return { kind: 'wait', title: `Wait for ${name} to answer on ${socket}`, argv: [], privileged: false }
}

function daemonNote(logFile: string): string {
  return `Nothing here manages services, so Berth starts the daemon itself in the background. It keeps running after Berth quits; its output goes to ${logFile}.`
}

/** Install steps when `product` is missing, or why it can't be installed. */
function install(d: SetupDetection, product: Product): { steps: RawStep[]; blocked?: string } {
  if (product === 'docker' ? d.docker.installed : d.podman.installed) return { steps: [] }
  const name = product === 'docker' ? 'Docker' : 'Podman'
  if (!d.packageManager) {
    return { steps: [], blocked: `${name} is not installed, and Berth found no package manager it knows (apt, dnf, zypper, pacman, apk). Install it the way your distribution does.` }
  }
  const choice = packagesFor(product, d.packageManager.name, d.os, d.init.system === 'openrc')
  if ('unavailable' in choice) return { steps: [], blocked: choice.unavailable }
  return { steps: installCommands(d.packageManager.name, choice.packages, d.os).map((command) => ({ kind: 'command', ...command, privileged: true })) }
}

function startDocker(d: SetupDetection, logDir: string, notes: string[]): RawStep[] {
  switch (d.init.system) {
    case 'systemd':
      return [{ kind: 'command', title: 'Start Docker now and at every boot (systemd)', argv: ['systemctl', 'enable', '--now', 'docker'], privileged: true }]
    case 'openrc':
      return [
        { kind: 'command', title: 'Start Docker at every boot (OpenRC)', argv: ['rc-update', 'add', 'docker', 'default'], privileged: true },
        { kind: 'command', title: 'Start Docker now (OpenRC)', argv: ['rc-service', 'docker', 'start'], privileged: true }
      ]
    case 'sysv':
      if (d.docker.initScript || (!d.docker.installed && d.packageManager && installBringsInitScript(d.packageManager.name))) {
        return [{ kind: 'command', title: "Start Docker with its service script", argv: ['service', 'docker', 'start'], privileged: true }]
      }
      break
    case 'none':
      break
  }
  const logFile = `${logDir}/dockerd.log`
  notes.push(daemonNote(logFile))
  return [
    {
      kind: 'daemon',
      title: 'Start the Docker daemon in the background',
      argv: [d.docker.dockerdPath ?? 'dockerd', '--host', `unix://${DOCKER_SYSTEM_SOCKET}`, '--pidfile', '/var/run/docker.pid'],
      privileged: true,
      logFile
    }
  ]
}

/** The docker group (and, until a log-out applies it, an ACL on the socket for this session). */
function dockerAccess(d: SetupDetection, options: StepOptions, notes: string[]): RawStep[] {
  const { user } = d
  if (user.isRoot) return []
  const steps: RawStep[] = []
  const groupReady = user.dockerGroup.activeInSession
  if (!user.dockerGroup.member && options.addToDockerGroup) {
    if (d.docker.installed && !user.dockerGroup.exists) {
      steps.push({ kind: 'command', title: 'Create the docker group', argv: ['groupadd', '--system', 'docker'], privileged: true })
    }
    steps.push({ kind: 'command', title: `Add ${user.name} to the docker group`, argv: ['usermod', '--append', '--groups', 'docker', user.name], privileged: true })
    notes.push(
      `The docker group lets ${user.name} use Docker without administrator rights. It applies to sessions that start after it: log out and back in (or restart). Members of this group can get root through Docker, the same trust as sudo.`
    )
  } else if (user.dockerGroup.member && !groupReady) {
    notes.push(`${user.name} is in the docker group, but this session started before that: log out and back in to use Docker without help.`)
  }
  const willBeMember = user.dockerGroup.member || options.addToDockerGroup
  if (!groupReady && willBeMember && user.setfacl) {
    steps.push({
      kind: 'command',
      title: 'Let this session use the Docker socket until you log out',
      argv: ['setfacl', '--modify', `user:${user.name}:rw`, DOCKER_SYSTEM_SOCKET],
      privileged: true
    })
    notes.push(`Until the log-out, Berth gives this session access to ${DOCKER_SYSTEM_SOCKET} with setfacl; that lasts until Docker restarts.`)
  } else if (!groupReady && !willBeMember) {
    notes.push(`Without the docker group, ${user.name} can't open ${DOCKER_SYSTEM_SOCKET}, so Berth won't reach Docker as you.`)
  }
  return steps
}

export function dockerSteps(d: SetupDetection, options: StepOptions): EngineSteps {
  const notes: string[] = []
  const installed = install(d, 'docker')
  if (installed.blocked) return { steps: [], starts: false, socket: DOCKER_SYSTEM_SOCKET, notes, blocked: installed.blocked }
  const steps = [...installed.steps]
  const starts = !d.docker.installed || d.docker.systemSocket.state === 'stopped'
  if (starts) steps.push(...startDocker(d, options.logDir, notes), waitStep('Docker', DOCKER_SYSTEM_SOCKET))
  steps.push(...dockerAccess(d, options, notes))
  return { steps, starts, socket: DOCKER_SYSTEM_SOCKET, notes }
}

function startPodman(d: SetupDetection, socket: SocketProbe, logDir: string, notes: string[]): RawStep[] {
  const rootful = d.user.isRoot
  if (d.init.system === 'systemd' && (rootful || d.init.userManager)) {
    return rootful
      ? [{ kind: 'command', title: "Start Podman's API socket now and at every boot", argv: ['systemctl', 'enable', '--now', 'podman.socket'], privileged: true }]
      : [{ kind: 'command', title: "Start your Podman API socket now and at every log-in", argv: ['systemctl', '--user', 'enable', '--now', 'podman.socket'], privileged: false }]
  }
  const logFile = `${logDir}/podman.log`
  notes.push(daemonNote(logFile))
  return [
    {
      kind: 'daemon',
      title: "Serve Podman's Docker-compatible API in the background",
      argv: [d.podman.path ?? 'podman', 'system', 'service', '--time=0', `unix://${socket.path}`],
      privileged: false,
      logFile
    }
  ]
}

export function podmanSteps(d: SetupDetection, options: StepOptions): EngineSteps {
  const notes: string[] = []
  const socket = d.user.isRoot ? { path: PODMAN_SYSTEM_SOCKET, state: d.podman.systemSocket.state } : podmanSocketFor(d)
  const installed = install(d, 'podman')
  if (installed.blocked) return { steps: [], starts: false, socket: socket.path, notes, blocked: installed.blocked }
  const steps = [...installed.steps]
  const starts = socket.state !== 'running'
  if (starts) steps.push(...startPodman(d, socket, options.logDir, notes), waitStep('Podman', socket.path))
  if (!d.user.isRoot && !d.user.subordinateIds) {
    notes.push(
      `Podman without root needs ranges of ids for ${d.user.name} in /etc/subuid and /etc/subgid; there are none. Images with several users fail to unpack until an administrator adds them (usermod --add-subuids … --add-subgids …).`
    )
  }
  return { steps, starts, socket: socket.path, notes }
}

function slug(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '') || 'engine'
}

export function configuredSteps(d: SetupDetection, profile: StartProfile | undefined, options: StepOptions): EngineSteps {
  if (!d.configured || !profile) {
    return { steps: [], starts: false, socket: '', notes: [], blocked: d.configuredProblem ?? 'Berth has no engine-start.json entry that says how to start this engine.' }
  }
  const notes: string[] = []
  const steps: RawStep[] = []
  const starts = d.configured.socket.state !== 'running'
  if (starts) {
    const logFile = `${options.logDir}/${slug(profile.name)}.log`
    steps.push(
      { kind: 'daemon', title: `Start ${profile.name} in the background`, argv: profile.command, privileged: profile.asRoot, logFile },
      waitStep(profile.name, profile.socket)
    )
    notes.push(`The command comes from engine-start.json in Berth's config folder. It keeps running after Berth quits; its output goes to ${logFile}.`)
  }
  return { steps, starts, socket: profile.socket, notes }
}
