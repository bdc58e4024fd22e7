/**
 * Installing an engine from the distribution's own packages, per package manager: the exact
 * argv, and which package carries Docker on which distribution (Debian/Ubuntu `docker.io`, Fedora
 * `moby-engine`, Amazon Linux `docker`, openSUSE/Arch/Alpine `docker`). RHEL and its rebuilds
 * ship no Docker engine (their `docker` is a Podman shim), so Docker is "not packaged" there.
 */
import type { OsInfo, PackageManagerName } from '../../../shared/setup-models'

export type Product = 'docker' | 'podman'

export interface InstallCommand {
  title: string
  argv: string[]
}

export type PackageChoice = { packages: string[] } | { unavailable: string }

/** Which packages install `product` here, or why none does. */
export function packagesFor(product: Product, manager: PackageManagerName, os: OsInfo | null, openrc: boolean): PackageChoice {
  if (product === 'podman') return { packages: ['podman'] }
  switch (manager) {
    case 'apt':
      return { packages: ['docker.io'] }
    case 'dnf':
      if (os?.id === 'fedora') return { packages: ['moby-engine'] }
      if (os?.id === 'amzn') return { packages: ['docker'] }
      return {
        unavailable: `${os?.name ?? 'This distribution'} doesn't package the Docker engine (its "docker" package is Podman in disguise). Set up Podman instead, or add Docker's own repository yourself.`
      }
    case 'zypper':
      return { packages: ['docker'] }
    case 'pacman':
      return { packages: ['docker'] }
    case 'apk':
      // Alpine splits the OpenRC service script into its own package.
      return { packages: openrc ? ['docker', 'docker-openrc'] : ['docker'] }
  }
}

/** The commands that install `packages` without asking questions. */
export function installCommands(manager: PackageManagerName, packages: string[], os: OsInfo | null): InstallCommand[] {
  const list = packages.join(' ')
  const from = os ? `${os.name}'s packages` : "the distribution's packages"
  switch (manager) {
    case 'apt':
      return [
        { title: 'Refresh the package lists', argv: ['apt-get', 'update'] },
        {
          title: `Install ${list} from ${from}`,
          // debconf would otherwise try to ask questions on a terminal nobody is looking at.
          argv: ['env', 'DEBIAN_FRONTEND=noninteractive', 'apt-get', 'install', '-y', ...packages]
        }
      ]
    case 'dnf':
      return [{ title: `Install ${list} from ${from}`, argv: ['dnf', 'install', '-y', ...packages] }]
    case 'zypper':
      return [{ title: `Install ${list} from ${from}`, argv: ['zypper', '--non-interactive', 'install', ...packages] }]
    case 'pacman':
      return [{ title: `Install ${list} from ${from}`, argv: ['pacman', '-S', '--needed', '--noconfirm', ...packages] }]
    case 'apk':
      return [
        { title: 'Refresh the package index', argv: ['apk', 'update'] },
        { title: `Install ${list} from ${from}`, argv: ['apk', 'add', ...packages] }
      ]
  }
}

/** Whether a fresh install brings an /etc/init.d/docker script (Debian and Ubuntu's docker.io do). */
export function installBringsInitScript(manager: PackageManagerName): boolean {
  return manager === 'apt'
}
