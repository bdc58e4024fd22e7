/**
 * Docker Hub: log in / out, and search (Hub does not list its repositories). On a machine
 * without internet the search answers that Docker Hub can't be reached — shown as a plain
 * notice, since it is a fact about this machine rather than a mistake.
 */
import { useState, type ReactElement } from 'react'
import type { HubSearchResult, RegistryEntry } from '../../../../shared/registries-models'
import { Icon } from '../../components/Icon'
import { SearchBox } from '../../components/SearchBox'
import { Spinner } from '../../components/Spinner'
import { useStores } from '../../stores/context'
import { describeError } from '../../stores/describeError'
import { RegistryHeader } from './RegistryHeader'

/** What `docker pull` takes for a Hub result: official images without "library/". */
function pullReference(name: string): string {
  return name.startsWith('library/') ? name.slice('library/'.length) : name
}

export function HubPane({ entry }: { entry: RegistryEntry }): ReactElement {
  const { client, views } = useStores()
  const [query, setQuery] = useState('')
  const [busy, setBusy] = useState(false)
  const [result, setResult] = useState<HubSearchResult | null>(null)
  const [failure, setFailure] = useState<string | null>(null)
  const [searched, setSearched] = useState('')

  async function search(): Promise<void> {
    const text = query.trim()
    if (!text) {
      setFailure('Type what to search for, e.g. nginx or postgres.')
      return
    }
    setBusy(true)
    setFailure(null)
    try {
      setResult(await client.call('registries.hubSearch', { query: text }))
      setSearched(text)
    } catch (err) {
      setFailure(describeError(err))
    } finally {
      setBusy(false)
    }
  }

  return (
    <div className="reg-browser">
      <RegistryHeader entry={entry} />
      <form
        className="reg-hub-search"
        role="search"
        aria-label="Search Docker Hub"
        onSubmit={(event) => {
          event.preventDefault()
          void search()
        }}
      >
        <SearchBox label="Search Docker Hub" placeholder="Image name, e.g. nginx" value={query} onChange={setQuery} className="reg-search" />
        <button type="submit" className="btn btn-primary" disabled={busy} aria-busy={busy || undefined}>
          {busy ? <Spinner /> : <Icon name="search" />} Search
        </button>
      </form>
      {failure ? (
        <p role="alert" className="reg-problem">
          {failure}
        </p>
      ) : null}
      {result && !result.reachable ? (
        <div role="status" className="reg-note reg-note-warn">
          <Icon name="cloud" />
          <p>{result.message}</p>
        </div>
      ) : null}
      {result && result.reachable ? (
        <section className="reg-hub-results" aria-label="Docker Hub results">
          <p className="muted" role="status">
            {result.results.length === 0 ? `Nothing on Docker Hub matches “${searched}”.` : `${result.total} results for “${searched}”.`}
          </p>
          <ul className="reg-hub-list">
            {result.results.map((hit) => (
              <li key={hit.name} className="reg-hub-hit">
                <div className="reg-hub-text">
                  <span className="reg-hub-name">
                    {hit.name}
                    {hit.official ? <span className="badge badge-ok">Official</span> : null}
                  </span>
                  <span className="muted truncate">{hit.description || 'No description'}</span>
                </div>
                <span className="muted reg-stars">★ {hit.stars}</span>
                <button
                  type="button"
                  className="btn btn-small"
                  aria-label={`Pull ${pullReference(hit.name)}`}
                  onClick={() => views.getState().openImageDialog({ kind: 'pull', reference: pullReference(hit.name) })}
                >
                  <Icon name="download" /> Pull
                </button>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {!result && !failure ? <p className="muted">Docker Hub does not list its repositories: search it by name.</p> : null}
    </div>
  )
}
