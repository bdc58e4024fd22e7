/**
 * Files tab: browse a container's filesystem (running or stopped) through the engine's archive
 * API, download files (raw) and folders (.tar), upload by drag and drop or "Upload files".
 * It reads nothing until it is first shown, and keeps its place while hidden.
 */
import { useCallback, useEffect, useRef, useState, type DragEvent, type ReactElement } from 'react'
import type { DirListing, FileEntry } from '../../../../shared/files-models'
import { MAX_LIST_ENTRIES } from '../../../../shared/files-models'
import { ErrorAlerts, type ShownError } from '../../components/ErrorAlerts'
import { Icon } from '../../components/Icon'
import { Spinner } from '../../components/Spinner'
import { plural } from '../../lib/format'
import { useStores } from '../../stores/context'
import { describeError } from '../../stores/describeError'
import type { DetailsTabProps } from '../details/tabProps'
import { FileTable } from './FileTable'
import { TransferList } from './TransferList'
import { listingCostNote } from './listingNote'
import { breadcrumbs, parentPath, resolveLink } from './paths'
import { useTransfers } from './useTransfers'
import '../../styles/files.css'

export function FilesTab({ containerId, visible }: DetailsTabProps): ReactElement {
  const { client } = useStores()
  const [path, setPath] = useState('/')
  const [listing, setListing] = useState<DirListing | null>(null)
  const [loading, setLoading] = useState(false)
  const [listError, setListError] = useState<string | null>(null)
  const [errors, setErrors] = useState<ShownError[]>([])
  const [dragging, setDragging] = useState(false)
  const [shown, setShown] = useState(visible)
  const fileInput = useRef<HTMLInputElement>(null)
  const requestSeq = useRef(0)
  /** The folder most recently asked for (shown, or still loading). */
  const latestTarget = useRef('/')

  const addError = useCallback((message: string) => setErrors((list) => [...list, { key: Date.now() + Math.random(), message }]), [])
  const { transfers, download, upload } = useTransfers(client, addError)

  useEffect(() => {
    if (visible) setShown(true)
  }, [visible])

  const load = useCallback(
    async (target: string) => {
      const seq = ++requestSeq.current
      latestTarget.current = target
      setLoading(true)
      try {
        const next = await client.call('files.list', { id: containerId, path: target })
        if (seq !== requestSeq.current) return
        setListing(next)
        setPath(next.path)
        setListError(null)
      } catch (err) {
        if (seq !== requestSeq.current) return
        setListError(`Couldn't open ${target}: ${describeError(err)}`)
      } finally {
        if (seq === requestSeq.current) setLoading(false)
      }
    },
    [client, containerId]
  )

  useEffect(() => {
    if (shown) void load(path)
    // Only the first showing (and a new container) loads; navigation calls load itself.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [shown, containerId])

  function open(entry: FileEntry): void {
    void load(entry.type === 'symlink' && entry.linkTarget ? resolveLink(entry.path, entry.linkTarget) : entry.path)
  }

  async function uploadFiles(files: File[]): Promise<void> {
    if (files.length === 0) return
    const dir = path
    // Refresh the folder the files went to, unless the person has moved on to another one since:
    // re-listing `dir` then would cancel their navigation.
    if ((await upload(containerId, dir, files)) && latestTarget.current === dir) void load(dir)
  }

  function onDrop(event: DragEvent<HTMLDivElement>): void {
    event.preventDefault()
    setDragging(false)
    void uploadFiles([...event.dataTransfer.files])
  }

  const crumbs = breadcrumbs(path)
  return (
    <div className="files-tab">
      <div className="toolbar files-toolbar" role="toolbar" aria-label="Files">
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
                  aria-label={crumb.path === '/' ? 'Root folder /' : `Folder ${crumb.path}`}
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
        <button type="button" className="btn" onClick={() => fileInput.current?.click()}>
          Upload files
        </button>
        <input
          ref={fileInput}
          type="file"
          multiple
          className="visually-hidden"
          aria-label="Files to upload"
          tabIndex={-1}
          onChange={(event) => {
            const files = [...(event.currentTarget.files ?? [])]
            event.currentTarget.value = ''
            void uploadFiles(files)
          }}
        />
      </div>
      <ErrorAlerts errors={errors} onDismiss={(key) => setErrors((list) => list.filter((e) => e.key !== key))} />
      {listError ? (
        <div role="alert" className="alert alert-error">
          <span className="alert-text">{listError}</span>
        </div>
      ) : null}
      <div
        className={dragging ? 'file-drop is-dragging' : 'file-drop'}
        onDragOver={(event) => {
          event.preventDefault()
          setDragging(true)
        }}
        onDragLeave={(event) => {
          if (!event.currentTarget.contains(event.relatedTarget as Node | null)) setDragging(false)
        }}
        onDrop={onDrop}
      >
        {listing ? (
          listing.entries.length > 0 ? (
            <FileTable dir={listing.path} entries={listing.entries} onOpen={open} onDownload={(entry) => download(containerId, entry.path, entry.name)} />
          ) : (
            <p className="empty">This folder is empty.</p>
          )
        ) : (
          <p className="empty">{shown && !listError ? 'Reading the folder…' : null}</p>
        )}
        <p className="hint files-hint">
          {listing ? `${plural(listing.entries.length, 'item')}. ` : null}
          {listing?.truncated ? `Only the first ${MAX_LIST_ENTRIES.toLocaleString('en-US')} are shown. ` : null}
          {listing ? listingCostNote(listing) : null}
          Drop files here to upload them to {path}.
        </p>
        {dragging ? <div className="file-drop-overlay" aria-hidden="true">Drop to upload to {path}</div> : null}
      </div>
      <TransferList transfers={transfers} />
    </div>
  )
}

