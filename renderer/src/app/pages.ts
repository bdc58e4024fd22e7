/**
 * Berth's pages and what the address says about them. Dependency-free: the boot entry reads the
 * page from the address before the app's code has loaded (see boot.ts).
 */
import type { PrefetchableList } from '../../../shared/prefetch'

export type Page = 'containers' | 'images' | 'builds' | 'registries' | 'volumes' | 'networks' | 'disk' | 'engines'
export const PAGES: readonly Page[] = ['containers', 'images', 'builds', 'registries', 'volumes', 'networks', 'disk', 'engines']

export function pageFromHash(hash: string): Page | null {
  const name = hash.replace(/^#\/?/, '')
  return (PAGES as readonly string[]).includes(name) ? (name as Page) : null
}

export type ListName = 'containers' | 'images' | 'volumes' | 'networks'
const LIST_PAGES: readonly string[] = ['containers', 'images', 'volumes', 'networks'] satisfies ListName[]

/** The list a full re-read starts with on this page (its own, else containers). */
export function firstListFor(page: string): ListName {
  return LIST_PAGES.includes(page) ? (page as ListName) : 'containers'
}

/** The method of that list, which browser mode asks the server to start while its socket opens. */
export function firstListMethodFor(hash: string): PrefetchableList {
  return `${firstListFor(pageFromHash(hash) ?? 'containers')}.list`
}
