/**
 * Browsing one v2 registry: its repositories (paged, searchable — the registry cannot filter,
 * so Berth reads the catalog until it has a page of matches) and the tags of the one chosen.
 */
import { useState, type ReactElement } from 'react'
import type { RegistryEntry } from '../../../../shared/registries-models'
import { SearchBox } from '../../components/SearchBox'
import { Spinner } from '../../components/Spinner'
import { useStores } from '../../stores/context'
import { RegistryHeader } from './RegistryHeader'
import { TagsPanel } from './TagsPanel'
import { useDebounced } from './useDebounced'
import { usePages } from './usePages'

const CATALOG_PAGE = 50

export function RegistryBrowser({ entry }: { entry: RegistryEntry }): ReactElement {
  const { client, views } = useStores()
  const [search, setSearch] = useState('')
  const filter = useDebounced(search.trim(), 250)
  const [repository, setRepository] = useState<string | null>(null)
  const catalog = usePages(`${entry.id}\n${filter}`, async (last) => {
    const page = await client.call('registries.catalog', { registry: entry.id, pageSize: CATALOG_PAGE, last, filter: filter || undefined })
    return { items: page.repositories, next: page.next }
  })

  const empty = catalog.loading ? null : filter ? `No repository names contain “${filter}”.` : 'This registry has no repositories yet. Push an image to it and it shows up here.'

  return (
    <div className="reg-browser">
      <RegistryHeader entry={entry} />
      <div className="reg-panes">
        <section className="reg-repos" aria-label="Repositories">
          <div className="reg-pane-head">
            <h3>Repositories</h3>
            <button type="button" className="btn btn-small btn-ghost" onClick={catalog.reload} aria-label="Reload repositories">
              Reload
            </button>
          </div>
          <SearchBox label="Search repositories" placeholder="Name contains…" value={search} onChange={setSearch} className="reg-search" />
          {catalog.error ? (
            <div role="alert" className="reg-note reg-note-bad">
              <p>{catalog.error.message}</p>
              {catalog.error.needsLogin ? (
                <button type="button" className="btn btn-primary btn-small" onClick={() => views.getState().openImageDialog({ kind: 'login', registry: entry.id })}>
                  Log in…
                </button>
              ) : (
                <button type="button" className="btn btn-small" onClick={catalog.reload}>
                  Try again
                </button>
              )}
            </div>
          ) : null}
          <ul className="reg-repo-list" aria-label={`Repositories in ${entry.name}`}>
            {catalog.items.map((name) => (
              <li key={name}>
                <button type="button" className="reg-repo" aria-current={name === repository ? 'true' : undefined} onClick={() => setRepository(name)}>
                  <span className="truncate">{name}</span>
                </button>
              </li>
            ))}
          </ul>
          {catalog.loading ? (
            <p className="muted reg-loading" role="status">
              <Spinner /> Reading the catalog…
            </p>
          ) : catalog.items.length === 0 && !catalog.error ? (
            <p className="muted">{empty}</p>
          ) : null}
          {catalog.hasMore && !catalog.loading ? (
            <button type="button" className="btn btn-small reg-more" onClick={catalog.loadMore}>
              Load more repositories
            </button>
          ) : null}
        </section>
        <section className="reg-tags" aria-label={repository ? `Tags of ${repository}` : 'Tags'}>
          {repository ? (
            <TagsPanel key={repository} entry={entry} repository={repository} />
          ) : (
            <p className="muted reg-pick">Choose a repository to see its tags.</p>
          )}
        </section>
      </div>
    </div>
  )
}
