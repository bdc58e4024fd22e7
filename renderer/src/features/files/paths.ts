/** Container path helpers for the files tab (pure, unit-tested). */

export interface Crumb {
  /** What the button shows: "/" for the root, else the segment. */
  label: string
  path: string
}

export function breadcrumbs(path: string): Crumb[] {
  const segments = path.split('/').filter(Boolean)
  return [{ label: '/', path: '/' }, ...segments.map((segment, i) => ({ label: segment, path: `/${segments.slice(0, i + 1).join('/')}` }))]
}

export function parentPath(path: string): string {
  const segments = path.split('/').filter(Boolean)
  return segments.length <= 1 ? '/' : `/${segments.slice(0, -1).join('/')}`
}

/** Where a symlink points, as an absolute path (relative targets resolve from the link's folder). */
export function resolveLink(linkPath: string, target: string): string {
  const base = target.startsWith('/') ? [] : parentPath(linkPath).split('/').filter(Boolean)
  for (const segment of target.split('/')) {
    if (segment === '' || segment === '.') continue
    if (segment === '..') base.pop()
    else base.push(segment)
  }
  return `/${base.join('/')}`
}

/** "rwxr-xr-x" from permission bits. */
export function modeText(mode: number): string {
  const letters = 'rwxrwxrwx'
  let text = ''
  for (let bit = 8; bit >= 0; bit--) text += mode & (1 << bit) ? letters[8 - bit] : '-'
  return text
}
