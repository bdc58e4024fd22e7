/**
 * Browse a volume read-only, one folder at a time, through a short-lived helper container (see
 * useBrowseSession). Files download as they are; folders as a .tar. Closing the dialog ends the
 * session and the helper is removed. When no image with a shell is on the engine it says so,
 * and offers to pull one — Berth never pulls by itself.
 */
import { useCallback, useEffect, useRef, useState, type ReactElement } from 'react'
import type { FileEntry } from '../../../../shared/files-models'
import { MAX_LIST_ENTRIES } from '../../../../shared/files-models'
import type { VolumeListing } from '../../../../shared/volumes-models'
import { Dialog } from '../../components/Dialog'
import { Icon } from '../../components/Icon'
import { Spinner } from '../../components/Spinner'
import { plural } from '../../lib/format'
import { useStores } from '../../stores/context'
import { describeError } from '../../stores/describeError'
import { FileTable } from '../files/FileTable'
import { breadcrumbs, parentPath } from '../files/paths'
import { TransferList } from '../files/TransferList'
import { useVolumeDownloads } from './useVolumeDownloads'
import { useBrowseSession } from './useBrowseSession'

export function BrowseVolumeDialog({ name, onClose }: { name: string; onClose: () => void }): ReactElement {
  const { client, views } = useStores()
  const session = useBrowseSession(client, name)
  const sessionId = session.phase === 'ready' ? session.sessionId : null
  const [listing, setListing] = useState<VolumeListing | null>(null)
  const [loading, setLoading] = useState(false)
  const [problem, setProblem] = useState<string | null>(null)
  const seq = useRef(0)
  const { transfers, download } = useVolumeDownloads(client, sessionId, setProblem)

  const load = useCallback(
    async (path: string, fallback?: FileEntry) => {
      if (!sessionId) return
      const mine = ++seq.current
      setLoading(true)
      try {
        const next = await client.call('volumes.listDir', { sessionId, path })
        if (mine !== seq.current) return
        setListing(next)
        setProblem(null)
      } catch (err) {
        if (mine !== seq.current) return
        // A link to a file opens as a download rather than a folder.
        if (fallback && /not a folder/.test(describeError(err))) download(fallback.path, fallback.name)
        else setProblem(`Couldn't open ${path}: ${describeError(err)}`)
      } finally {
        if (mine === seq.current) setLoading(false)
      }
    },
    [client, download, sessionId]
  )

  useEffect(() => {
    if (sessionId) void load('/')
  }, [sessionId, load])

  const path = listing?.path ?? '/'
  // The folder button just pressed is gone with the old listing: keep the keyboard in the dialog.
  const crumbs = breadcrumbs(path)
  return (
    <Dialog
      title={`Browse volume ${name}`}
      onCancel={onClose}
      actions={
        <button type="button" className="btn btn-primary" data-autofocus onClick={onClose}>
          Close
        </button>
      }
    >
      <div className="vn-browse">
        {session.phase === 'starting' ? (
          <p role="status">
            <Spinner /> Starting a read-only helper container…
          </p>
        ) : session.phase === 'ended' ? (
          <div role="alert" className="hint-box hint-box-warn">
            <p>{session.error ?? 'The browse session ended.'}</p>
            {session.code === 'UNSUPPORTED' ? (
              <button
                type="button"
                className="btn"
                onClick={() => {
                  onClose()
                  views.getState().openImageDialog({ kind: 'pull', reference: 'busybox:latest' })
                }}
              >
                Pull busybox…
              </button>
            ) : null}
          </div>
        ) : (
          <>
            <div className="toolbar files-toolbar" role="toolbar" aria-label="Folder">
              <button type="button" className="btn" aria-label="Up to parent folder" disabled={path === '/' || loading} onClick={() => void load(parentPath(path))}>
                <Icon name="chevron" className="icon-up" />
                Up
              </button>
              <nav aria-label="Folder path" className="breadcrumbs">
                <ol>
                  {crumbs.map((crumb, i) => (
                    <li key={crumb.path}>
                      <button
                        type="button"
                        className="crumb"
                        aria-label={crumb.path === '/' ? `Volume root of ${name}` : `Folder ${crumb.path}`}
                        aria-current={i === crumbs.length - 1 ? 'location' : undefined}
                        onClick={() => void load(crumb.path)}
                      >
                        {crumb.label}
                      </button>
                    </li>
                  ))}
                </ol>
              </nav>
              <span className="toolbar-spacer" />
              <button type="button" className="btn" onClick={() => void load(path)} aria-busy={loading || undefined}>
                {loading ? <Spinner /> : <Icon name="refresh" />}
                Refresh
              </button>
            </div>
            {problem ? (
              <p role="alert" className="snap-problem">
                {problem}
              </p>
            ) : null}
            <div className="vn-browse-files">
              {listing ? (
                listing.entries.length > 0 ? (
                  <FileTable
                    dir={listing.path}
                    entries={listing.entries}
                    onOpen={(entry) => void load(entry.path, entry.type === 'symlink' ? entry : undefined)}
                    onDownload={(entry) => download(entry.path, entry.name)}
                  />
                ) : (
                  <p className="empty">This folder is empty.</p>
                )
              ) : (
                <p className="empty" role="status">
                  Reading the folder…
                </p>
              )}
            </div>
            <p className="hint files-hint">
              {listing ? `${plural(listing.entries.length, 'item')}. ` : null}
              {listing?.truncated ? `Only the first ${MAX_LIST_ENTRIES.toLocaleString('en-US')} are shown. ` : null}
              Read-only: Berth reads the volume through a helper container made from {session.image}, removed when you close this.
            </p>
            <TransferList transfers={transfers} />
          </>
        )}
      </div>
    </Dialog>
  )
}
