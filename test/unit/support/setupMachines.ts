/**
 * Descriptions of machines for the setup composition tables: one distribution, its package
 * manager and service manager, who the person is, and what is installed and running. Built into
 * the same SetupDetection the real detection returns, offer included.
 */
import type { InitSystem, PackageManagerName, SetupDetection, SocketState } from '../../../shared/setup-models'
import { chooseOffer } from '../../../electron/core/setup/offer'

export interface MachineSpec {
  os: { id: string; idLike?: string[]; versionId?: string; name: string }
  manager: PackageManagerName | null
  init: InitSystem
  userManager?: boolean
  /** root; a person with pkexec, sudo, both, or neither. */
  who: 'root' | 'pkexec' | 'sudo' | 'both' | 'neither'
  docker: 'missing' | SocketState
  initScript?: boolean
  podman?: 'missing' | SocketState
  group?: { exists: boolean; member: boolean; active: boolean }
  setfacl?: boolean
  subordinateIds?: boolean
  configured?: { name: string; socket: string; command: string[]; asRoot: boolean; state: SocketState }
  activeSocket?: string
  platform?: string
}

export const DEBIAN = { id: 'debian', versionId: '12', name: 'Debian GNU/Linux 12 (bookworm)' }
export const UBUNTU = { id: 'ubuntu', idLike: ['debian'], versionId: '24.04', name: 'Ubuntu 24.04 LTS' }
export const FEDORA = { id: 'fedora', versionId: '40', name: 'Fedora Linux 40 (Workstation Edition)' }
export const AMAZON = { id: 'amzn', idLike: ['fedora'], versionId: '2023', name: 'Amazon Linux 2023' }
export const ROCKY = { id: 'rocky', idLike: ['rhel', 'centos', 'fedora'], versionId: '9.4', name: 'Rocky Linux 9.4 (Blue Onyx)' }
export const OPENSUSE = { id: 'opensuse-tumbleweed', idLike: ['opensuse', 'suse'], versionId: '20240601', name: 'openSUSE Tumbleweed' }
export const ARCH = { id: 'arch', name: 'Arch Linux' }
export const ALPINE = { id: 'alpine', versionId: '3.20.0', name: 'Alpine Linux v3.20' }

const USER = { uid: 1000, name: 'alice' }

export function machine(spec: MachineSpec): SetupDetection {
  const root = spec.who === 'root'
  const pkexec = spec.who === 'pkexec' || spec.who === 'both' ? '/usr/bin/pkexec' : null
  const sudo = spec.who === 'sudo' || spec.who === 'both' ? '/usr/bin/sudo' : null
  const group = spec.group ?? { exists: spec.docker !== 'missing', member: false, active: false }
  const podman = spec.podman ?? 'missing'
  const base: Omit<SetupDetection, 'offer'> = {
    platform: spec.platform ?? 'linux',
    supported: (spec.platform ?? 'linux') === 'linux',
    os: { id: spec.os.id, idLike: spec.os.idLike ?? [], name: spec.os.name, ...(spec.os.versionId ? { versionId: spec.os.versionId } : {}) },
    packageManager: spec.manager ? { name: spec.manager, path: `/usr/bin/${spec.manager === 'apt' ? 'apt-get' : spec.manager}` } : null,
    init: { system: spec.init, pid1: spec.init === 'systemd' ? 'systemd' : 'init', userManager: spec.userManager ?? false },
    user: {
      uid: root ? 0 : USER.uid,
      name: root ? 'root' : USER.name,
      isRoot: root,
      dockerGroup: { exists: group.exists, member: group.member, activeInSession: group.active },
      pkexec,
      sudo,
      setfacl: spec.setfacl ? '/usr/bin/setfacl' : null,
      subordinateIds: spec.subordinateIds ?? true
    },
    docker: {
      installed: spec.docker !== 'missing',
      containerdInstalled: spec.docker !== 'missing',
      initScript: spec.initScript ?? false,
      systemSocket: { path: '/var/run/docker.sock', state: spec.docker === 'missing' ? 'stopped' : spec.docker },
      rootless: { available: false },
      ...(spec.docker !== 'missing' ? { dockerdPath: '/usr/sbin/dockerd', version: '26.1.5' } : {})
    },
    podman: {
      installed: podman !== 'missing',
      systemSocket: { path: '/run/podman/podman.sock', state: podman === 'missing' || !root ? 'stopped' : podman },
      rootlessAvailable: podman !== 'missing' && !root,
      ...(podman !== 'missing' ? { path: '/usr/bin/podman', version: '4.9.4' } : {}),
      ...(!root ? { userSocket: { path: '/run/user/1000/podman/podman.sock', state: podman === 'missing' ? 'stopped' : podman } } : {})
    },
    processes: [],
    activeEngine: {
      id: 'socket:/var/run/docker.sock',
      name: 'Docker (default socket)',
      endpoint: spec.activeSocket ?? '/var/run/docker.sock',
      state: 'unavailable',
      socket: spec.activeSocket ?? '/var/run/docker.sock'
    },
    configured: spec.configured
      ? { name: spec.configured.name, socket: { path: spec.configured.socket, state: spec.configured.state }, command: spec.configured.command, asRoot: spec.configured.asRoot }
      : null,
    escalation: root ? 'none' : pkexec ? 'pkexec' : sudo ? 'sudo' : null
  }
  if (!base.supported) base.unsupportedReason = `Berth sets up engines on Linux only; this is ${base.platform}.`
  return { ...base, offer: chooseOffer(base) }
}
