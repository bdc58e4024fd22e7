/**
 * The tags of one repository: digest (short, copyable), size, created, platform(s), with Pull
 * (the pull dialog, filled in) and Delete tag (after a confirmation that names it).
 */
import { useState, type ReactElement } from 'react'
import type { RegistryEntry, TagDetails } from '../../../../shared/registries-models'
import { Icon } from '../../components/Icon'
import { Spinner } from '../../components/Spinner'
import { formatBytes, formatRelative } from '../../lib/format'
import { useStores } from '../../stores/context'
import { copyText } from '../details/InspectTab'
import { DeleteTagDialog } from './DeleteTagDialog'
import { usePages } from './usePages'

const TAGS_PAGE = 25
// Tags are rows of a real <table>: pages of 25 stay small, so no virtualization is needed.

export function shortDigest(digest: string): string {
  const [algorithm, hex] = digest.split(':')
  return hex ? `${algorithm}:${hex.slice(0, 12)}` : digest
}

function platformText(tag: TagDetails): string {
  if (tag.kind === 'index') return tag.platforms.length ? `Multi-platform: ${tag.platforms.join(', ')}` : 'Multi-platform'
  return tag.platform ?? '—'
}

export function TagsPanel({ entry, repository }: { entry: RegistryEntry; repository: string }): ReactElement {
  const { client, views } = useStores()
  const [deleting, setDeleting] = useState<TagDetails | null>(null)
  const [note, setNote] = useState<string | null>(null)
  const tags = usePages(`${entry.id}\n${repository}`, async (last) => {
    const page = await client.call('registries.tags', { registry: entry.id, repository, pageSize: TAGS_PAGE, last })
    return { items: page.tags, next: page.next }
  })
  const reference = (tag: string) => `${entry.id}/${repository}:${tag}`

  async function copyDigest(tag: TagDetails): Promise<void> {
    if (!tag.digest) return
    const ok = await copyText(tag.digest)
    setNote(ok ? `Copied the digest of ${tag.tag}: ${tag.digest}` : `Couldn't reach the clipboard. The digest of ${tag.tag} is ${tag.digest}`)
  }

  return (
    <div className="reg-tags-inner">
      <div className="reg-pane-head">
        <h3 className="truncate">{repository}</h3>
        <button type="button" className="btn btn-small btn-ghost" onClick={tags.reload} aria-label="Reload tags">
          Reload
        </button>
      </div>
      {tags.error ? (
        <div role="alert" className="reg-note reg-note-bad">
          <p>{tags.error.message}</p>
        </div>
      ) : null}
      {/* Always present (empty when quiet) so screen readers announce what goes in. */}
      <p className="reg-copied muted" role="status">
        {note ?? ''}
      </p>
      <div className="reg-table-wrap">
        <table className="reg-table" aria-label={`Tags of ${repository}`}>
          <thead>
            <tr>
              <th scope="col">Tag</th>
              <th scope="col">Digest</th>
              <th scope="col" className="num">Size</th>
              <th scope="col">Created</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {tags.items.map((tag) => (
              <tr key={tag.tag} aria-label={tag.tag}>
                <th scope="row" className="reg-tag-name">
                  <span className="reg-tag-label">{tag.tag}</span>
                  <span className="reg-platform">{platformText(tag)}</span>
                  {tag.problem ? <span className="reg-tag-problem">{tag.problem}</span> : null}
                </th>
                <td>
                  {tag.digest ? (
                    <button type="button" className="reg-digest" aria-label={`Copy digest of ${tag.tag}`} title={`${tag.digest}\nClick to copy`} onClick={() => void copyDigest(tag)}>
                      <code>{shortDigest(tag.digest)}</code>
                    </button>
                  ) : (
                    '—'
                  )}
                </td>
                <td className="num">{tag.size === null ? '—' : formatBytes(tag.size)}</td>
                <td className="reg-nowrap" title={tag.created ? new Date(tag.created).toLocaleString() : undefined}>
                  {tag.created ? formatRelative(Date.parse(tag.created) / 1000) : '—'}
                </td>
                <td className="reg-row-actions">
                  <button type="button" className="icon-btn" aria-label={`Pull ${reference(tag.tag)}`} title={`Pull ${reference(tag.tag)}`} onClick={() => views.getState().openImageDialog({ kind: 'pull', reference: reference(tag.tag) })}>
                    <Icon name="download" />
                  </button>
                  <button type="button" className="icon-btn reg-delete" aria-label={`Delete tag ${tag.tag}`} title={`Delete tag ${tag.tag}`} disabled={!tag.digest} onClick={() => setDeleting(tag)}>
                    <Icon name="trash" />
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {tags.loading ? (
        <p className="muted reg-loading" role="status">
          <Spinner /> Reading tags…
        </p>
      ) : tags.items.length === 0 && !tags.error ? (
        <p className="muted">This repository has no tags (they were all deleted).</p>
      ) : null}
      {tags.hasMore && !tags.loading ? (
        <button type="button" className="btn btn-small reg-more" onClick={tags.loadMore}>
          Load more tags
        </button>
      ) : null}
      {deleting ? (
        <DeleteTagDialog
          entry={entry}
          repository={repository}
          tag={deleting}
          sameDigest={tags.items.filter((other) => other.tag !== deleting.tag && other.digest === deleting.digest).map((other) => other.tag)}
          onClose={() => setDeleting(null)}
          onDeleted={() => {
            setDeleting(null)
            setNote(`Deleted ${repository}:${deleting.tag}.`)
            tags.reload()
          }}
        />
      ) : null}
    </div>
  )
}
