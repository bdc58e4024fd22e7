/** Words for each kind of disk user, shared by the Disk page's cards and its clean-up dialog. */
import type { DiskKind } from '../../../../shared/disk-models'
import type { IconName } from '../../components/Icon'

export interface KindWords {
  title: string
  one: string
  many: string
  activeWord: string
  icon: IconName
  /** What the clean-up removes, in a phrase. */
  cleanup: string
}

export const KIND_WORDS: Record<DiskKind, KindWords> = {
  images: { title: 'Images', one: 'image', many: 'images', activeWord: 'in use', icon: 'layers', cleanup: 'every image no container uses' },
  containers: { title: 'Containers', one: 'container', many: 'containers', activeWord: 'running', icon: 'box', cleanup: 'stopped containers (their writable layers)' },
  volumes: { title: 'Local volumes', one: 'volume', many: 'volumes', activeWord: 'in use', icon: 'database', cleanup: 'local volumes no container mounts, with their data' },
  buildCache: { title: 'Build cache', one: 'record', many: 'records', activeWord: 'in use', icon: 'hammer', cleanup: 'build cache records no build is using' }
}

export const KIND_ORDER: readonly DiskKind[] = ['images', 'containers', 'volumes', 'buildCache']

export function percent(part: number, whole: number): number {
  return whole > 0 ? Math.round((part / whole) * 100) : 0
}
