/**
 * Pages of names from the v2 list endpoints (catalog, tags). The spec pages with `n` and `last`
 * and announces the next page in a Link header, but registries differ: some ignore `n` and send
 * everything (distribution 2.8's tags list, in directory order), some ignore `last`, and
 * distribution 2.x sends a Link even when the next page is empty. Whatever came back is put in
 * the spec's lexical order and cut here into the page that was asked for.
 */

export interface Page {
  names: string[]
  /** The `last` for the next page; null when this page is the last one. */
  next: string | null
}

/** The next page's `last` from a Link header such as `</v2/_catalog?last=b&n=2>; rel="next"`. */
export function nextFromLink(link: string | null): string | null | undefined {
  if (!link) return undefined
  for (const part of link.split(',')) {
    const match = /<([^>]*)>\s*;\s*rel="?next"?/i.exec(part.trim())
    if (!match) continue
    try {
      return new URL(match[1], 'http://registry.invalid').searchParams.get('last')
    } catch {
      return null
    }
  }
  return undefined
}

export function pageOf(received: string[], pageSize: number, last: string | undefined, link: string | null): Page {
  // Names at or before `last` mean the registry ignored it: drop what the previous pages showed.
  const sorted = [...received].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
  const fresh = last === undefined ? sorted : sorted.filter((name) => name > last)
  if (fresh.length > pageSize) {
    const names = fresh.slice(0, pageSize)
    return { names, next: names[names.length - 1] }
  }
  const linked = nextFromLink(link)
  if (linked === undefined || fresh.length === 0) return { names: fresh, next: null }
  return { names: fresh, next: linked ?? fresh[fresh.length - 1] }
}
