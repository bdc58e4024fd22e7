/**
 * /etc/os-release (or /usr/lib/os-release): KEY=value lines, values optionally quoted, as
 * os-release(5) describes. Only what setup needs: ID, ID_LIKE, VERSION_ID, PRETTY_NAME.
 */
import type { OsInfo, PackageManagerName } from '../../../shared/setup-models'

export const OS_RELEASE_PATHS = ['/etc/os-release', '/usr/lib/os-release']

function unquote(value: string): string {
  const trimmed = value.trim()
  const quote = trimmed[0]
  if ((quote === '"' || quote === "'") && trimmed.endsWith(quote) && trimmed.length >= 2) {
    const inner = trimmed.slice(1, -1)
    // Inside double quotes os-release allows shell escapes: \" \\ \$ \`.
    return quote === '"' ? inner.replace(/\\([\\"$`])/g, '$1') : inner
  }
  return trimmed
}

export function parseOsRelease(text: string): OsInfo | null {
  const fields = new Map<string, string>()
  for (const line of text.split('\n')) {
    const match = /^\s*([A-Z][A-Z0-9_]*)=(.*)$/.exec(line)
    if (match) fields.set(match[1], unquote(match[2]))
  }
  const id = fields.get('ID')?.toLowerCase()
  if (!id) return null
  const info: OsInfo = {
    id,
    idLike: (fields.get('ID_LIKE') ?? '').toLowerCase().split(/\s+/).filter(Boolean),
    name: fields.get('PRETTY_NAME') ?? fields.get('NAME') ?? id
  }
  const versionId = fields.get('VERSION_ID')
  if (versionId) info.versionId = versionId
  return info
}

/** Which package manager a distribution family uses, by ID then ID_LIKE. */
const FAMILY_MANAGERS: Array<[string, PackageManagerName]> = [
  ['debian', 'apt'],
  ['ubuntu', 'apt'],
  ['fedora', 'dnf'],
  ['rhel', 'dnf'],
  ['centos', 'dnf'],
  ['suse', 'zypper'],
  ['opensuse', 'zypper'],
  ['sles', 'zypper'],
  ['arch', 'pacman'],
  ['alpine', 'apk']
]

export const MANAGER_PROGRAMS: Record<PackageManagerName, string> = {
  apt: 'apt-get',
  dnf: 'dnf',
  zypper: 'zypper',
  pacman: 'pacman',
  apk: 'apk'
}

/**
 * The package manager for this distribution that is actually present: the family's own first
 * (so a Debian with pacman installed for some reason still uses apt), else whichever exists.
 */
export function choosePackageManager(
  os: OsInfo | null,
  which: (program: string) => string | undefined
): { name: PackageManagerName; path: string } | null {
  const families = os ? [os.id, ...os.idLike] : []
  const preferred = families
    .map((family) => FAMILY_MANAGERS.find(([name]) => family === name || family.startsWith(`${name}-`))?.[1])
    .filter((name): name is PackageManagerName => name !== undefined)
  const order = [...new Set([...preferred, ...(Object.keys(MANAGER_PROGRAMS) as PackageManagerName[])])]
  for (const name of order) {
    const path = which(MANAGER_PROGRAMS[name])
    if (path) return { name, path }
  }
  return null
}
