/**
 * What this machine has: distribution, package manager, what runs services, who the person is
 * (root, docker group, pkexec/sudo), whether Docker or Podman is installed and running, rootless
 * options, and which engine daemons run on which sockets. Read-only: it reads files, pings
 * sockets and runs `--version` / `systemctl is-active`, never anything that changes the machine.
 */
import { join } from 'node:path'
import type { EngineSummary } from '../../../shared/models'
import type { InitSystem, SetupDetection, SocketProbe } from '../../../shared/setup-models'
import { DOCKER_SYSTEM_SOCKET, PODMAN_SYSTEM_SOCKET, findDaemons } from './daemons'
import { chooseOffer } from './offer'
import { OS_RELEASE_PATHS, choosePackageManager, parseOsRelease } from './osRelease'
import type { HostProbe } from './probe'
import type { StartProfile } from './startProfiles'
import { profileFor } from './startProfiles'

export interface DetectInput {
  probe: HostProbe
  /** The engine Berth is set to use, as the registry sees it. */
  active: EngineSummary | null
  profiles: readonly StartProfile[]
  profilesProblem?: string
}

type WithoutOffer = Omit<SetupDetection, 'offer'>

/** Debian ships the rootless setup tool outside PATH. */
const ROOTLESS_TOOL_PATHS = ['/usr/share/docker.io/contrib/dockerd-rootless-setuptool.sh']

async function probeSocket(probe: HostProbe, path: string): Promise<SocketProbe> {
  return { path, state: (await probe.ping(path)).state }
}

function detectInit(probe: HostProbe): { system: InitSystem; pid1: string; userManager: boolean } {
  const pid1 = probe.readText('/proc/1/comm')?.trim() || 'unknown'
  const runtimeDir = probe.env.XDG_RUNTIME_DIR ?? `/run/user/${probe.uid}`
  // sd_booted(): systemd is PID 1 exactly when /run/systemd/system exists. A systemctl binary
  // alone proves nothing (this kind of machine has one and no systemd).
  if (probe.exists('/run/systemd/system')) {
    return { system: 'systemd', pid1, userManager: probe.uid !== 0 && probe.exists(join(runtimeDir, 'systemd')) }
  }
  if (probe.exists('/run/openrc') && probe.which('rc-service')) return { system: 'openrc', pid1, userManager: false }
  if (probe.which('service') && probe.exists('/etc/init.d')) return { system: 'sysv', pid1, userManager: false }
  return { system: 'none', pid1, userManager: false }
}

function groupEntry(groupText: string | undefined, name: string): { gid: number; members: string[] } | undefined {
  for (const line of (groupText ?? '').split('\n')) {
    const [group, , gid, members] = line.split(':')
    if (group === name && gid !== undefined) return { gid: Number(gid), members: (members ?? '').split(',').filter(Boolean) }
  }
  return undefined
}

function hasRange(text: string | undefined, userName: string, uid: number): boolean {
  return (text ?? '').split('\n').some((line) => line.startsWith(`${userName}:`) || line.startsWith(`${uid}:`))
}

function versionFrom(text: string | undefined, pattern: RegExp): string | undefined {
  return text ? pattern.exec(text)?.[1] : undefined
}

export async function detectHost(input: DetectInput): Promise<SetupDetection> {
  const base = await detectWithoutOffer(input)
  return { ...base, offer: chooseOffer(base) }
}

async function detectWithoutOffer({ probe, active, profiles, profilesProblem }: DetectInput): Promise<WithoutOffer> {
  const osText = OS_RELEASE_PATHS.map((path) => probe.readText(path)).find((text) => text !== undefined)
  const os = osText ? parseOsRelease(osText) : null
  const isRoot = probe.uid === 0
  const group = groupEntry(probe.readText('/etc/group'), 'docker')
  const runtimeDir = probe.env.XDG_RUNTIME_DIR
  const init = detectInit(probe)
  const activeSocket = active?.kind === 'unix' ? active.endpoint : undefined

  const dockerdPath = probe.which('dockerd')
  const podmanPath = probe.which('podman')
  const rootlessTool = probe.which('dockerd-rootless-setuptool.sh') ?? ROOTLESS_TOOL_PATHS.find((path) => probe.exists(path))
  const subordinateIds =
    hasRange(probe.readText('/etc/subuid'), probe.userName, probe.uid) && hasRange(probe.readText('/etc/subgid'), probe.userName, probe.uid)
  const canMapIds = probe.which('newuidmap') !== undefined && subordinateIds && !isRoot

  const [dockerVersion, podmanVersion, serviceState, systemSocket, podmanSocket, rootlessSocket, podmanUserSocket] = await Promise.all([
    dockerdPath ? probe.output([dockerdPath, '--version']) : undefined,
    podmanPath ? probe.output([podmanPath, '--version']) : undefined,
    init.system === 'systemd' ? probe.output(['systemctl', 'is-active', 'docker']) : undefined,
    probeSocket(probe, DOCKER_SYSTEM_SOCKET),
    probeSocket(probe, PODMAN_SYSTEM_SOCKET),
    runtimeDir && !isRoot ? probeSocket(probe, join(runtimeDir, 'docker.sock')) : undefined,
    runtimeDir && !isRoot ? probeSocket(probe, join(runtimeDir, 'podman', 'podman.sock')) : undefined
  ])

  const profile = profileFor(profiles, activeSocket)
  const pkexec = probe.which('pkexec') ?? null
  const sudo = probe.which('sudo') ?? null
  const detection: WithoutOffer = {
    platform: probe.platform,
    supported: probe.platform === 'linux',
    os,
    packageManager: choosePackageManager(os, (program) => probe.which(program)),
    init,
    user: {
      uid: probe.uid,
      name: probe.userName,
      isRoot,
      dockerGroup: {
        exists: group !== undefined,
        member: group !== undefined && (group.members.includes(probe.userName) || probe.sessionGroups.includes(group.gid)),
        activeInSession: group !== undefined && probe.sessionGroups.includes(group.gid)
      },
      pkexec,
      sudo,
      setfacl: probe.which('setfacl') ?? null,
      subordinateIds
    },
    docker: {
      installed: dockerdPath !== undefined,
      containerdInstalled: probe.which('containerd') !== undefined,
      initScript: probe.exists('/etc/init.d/docker'),
      systemSocket,
      rootless: { available: rootlessTool !== undefined && canMapIds }
    },
    podman: {
      installed: podmanPath !== undefined,
      systemSocket: podmanSocket,
      rootlessAvailable: podmanPath !== undefined && canMapIds
    },
    processes: findDaemons(probe.processes(), (path) => probe.readText(path)),
    activeEngine: active
      ? { id: active.id, name: active.name, endpoint: active.endpoint, state: active.state, ...(activeSocket ? { socket: activeSocket } : {}) }
      : null,
    configured: profile
      ? { name: profile.name, socket: await probeSocket(probe, profile.socket), command: profile.command, asRoot: profile.asRoot }
      : null,
    escalation: isRoot ? 'none' : pkexec ? 'pkexec' : sudo ? 'sudo' : null
  }
  if (!detection.supported) detection.unsupportedReason = `Berth sets up engines on Linux only; this is ${probe.platform}.`
  if (profilesProblem) detection.configuredProblem = profilesProblem
  if (dockerdPath) detection.docker.dockerdPath = dockerdPath
  const dockerVersionText = versionFrom(dockerVersion?.stdout, /version\s+([0-9][^\s,]*)/i)
  if (dockerVersionText) detection.docker.version = dockerVersionText.replace(/\+dfsg.*$/, '')
  if (serviceState?.stdout.trim()) detection.docker.serviceState = serviceState.stdout.trim()
  if (rootlessTool) detection.docker.rootless.setupTool = rootlessTool
  if (rootlessSocket) detection.docker.rootless.socket = rootlessSocket
  if (podmanPath) detection.podman.path = podmanPath
  const podmanVersionText = versionFrom(podmanVersion?.stdout, /version\s+([0-9][^\s,]*)/i)
  if (podmanVersionText) detection.podman.version = podmanVersionText
  if (podmanUserSocket) detection.podman.userSocket = podmanUserSocket
  return detection
}
