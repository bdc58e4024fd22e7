/** The entries of one folder: folders (and links) open on click, files download. */
import type { ReactElement } from 'react'
import type { FileEntry } from '../../../../shared/files-models'
import { formatBytes, formatFullDate } from '../../lib/format'
import { FileIcon } from './FileIcon'
import { modeText } from './paths'

export interface FileTableProps {
  dir: string
  entries: readonly FileEntry[]
  onOpen: (entry: FileEntry) => void
  onDownload: (entry: FileEntry) => void
}

export function FileTable({ dir, entries, onOpen, onDownload }: FileTableProps): ReactElement {
  return (
    <table className="file-table" aria-label={`Files in ${dir}`}>
      <thead>
        <tr>
          <th scope="col">Name</th>
          <th scope="col" className="num">
            Size
          </th>
          <th scope="col">Modified</th>
          <th scope="col">Mode</th>
          <th scope="col">
            <span className="visually-hidden">Actions</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {entries.map((entry) => {
          const opens = entry.type === 'dir' || entry.type === 'symlink'
          return (
            <tr key={entry.name}>
              <td>
                <div className="file-name-cell">
                  <FileIcon type={entry.type} />
                  {opens ? (
                    <button
                      type="button"
                      className="file-open"
                      aria-label={entry.type === 'dir' ? `Open folder ${entry.name}` : `Follow link ${entry.name}`}
                      onClick={() => onOpen(entry)}
                    >
                      {entry.name}
                    </button>
                  ) : (
                    <span className="file-name">{entry.name}</span>
                  )}
                  {entry.linkTarget !== undefined ? <span className="file-link-target">→ {entry.linkTarget}</span> : null}
                </div>
              </td>
              <td className="num">{entry.type === 'file' ? formatBytes(entry.size) : <span className="muted">—</span>}</td>
              <td>
                <time dateTime={new Date(entry.mtime * 1000).toISOString()} title={formatFullDate(entry.mtime)}>
                  {new Date(entry.mtime * 1000).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' })}
                </time>
              </td>
              <td className="mono">{modeText(entry.mode)}</td>
              <td className="file-actions">
                {entry.type === 'file' || entry.type === 'dir' ? (
                  <button
                    type="button"
                    className="btn btn-small btn-ghost"
                    aria-label={`Download ${entry.name}${entry.type === 'dir' ? ' as a tar archive' : ''}`}
                    title={entry.type === 'dir' ? 'Download as .tar' : 'Download'}
                    onClick={() => onDownload(entry)}
                  >
                    <DownloadGlyph />
                    {entry.type === 'dir' ? '.tar' : null}
                  </button>
                ) : null}
              </td>
            </tr>
          )
        })}
      </tbody>
    </table>
  )
}

function DownloadGlyph(): ReactElement {
  return (
    <svg className="icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
      <path d="M12 4v11" />
      <path d="M7 10.5 12 15.5l5-5" />
      <path d="M5 19.5h14" />
    </svg>
  )
}
