/** Small icons for entry types, drawn inline (the CSP allows no icon fonts). Decorative. */
import type { ReactElement } from 'react'
import type { FileType } from '../../../../shared/files-models'

const PATHS: Record<FileType, ReactElement> = {
  dir: <path d="M3 6.5A1.5 1.5 0 0 1 4.5 5H9l2 2h8.5A1.5 1.5 0 0 1 21 8.5v9a1.5 1.5 0 0 1-1.5 1.5h-15A1.5 1.5 0 0 1 3 17.5z" />,
  file: (
    <>
      <path d="M6 3h8l4 4v14H6z" />
      <path d="M14 3v4h4" />
    </>
  ),
  symlink: (
    <>
      <path d="M10 14a4 4 0 0 0 5.7 0l3-3a4 4 0 0 0-5.7-5.7l-1 1" />
      <path d="M14 10a4 4 0 0 0-5.7 0l-3 3a4 4 0 0 0 5.7 5.7l1-1" />
    </>
  ),
  other: <circle cx="12" cy="12" r="7" />
}

export function FileIcon({ type }: { type: FileType }): ReactElement {
  return (
    <svg className={`file-icon file-icon-${type}`} viewBox="0 0 24 24" aria-hidden="true" focusable="false">
      {PATHS[type]}
    </svg>
  )
}
