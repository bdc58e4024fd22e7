/**
 * Small stroke icons drawn inline (no icon font, no external files: the CSP allows neither
 * remote fonts nor inline styles). Always decorative: the button around them carries the name.
 */
import type { ReactElement } from 'react'

export type IconName =
  | 'play'
  | 'stop'
  | 'restart'
  | 'pause'
  | 'kill'
  | 'trash'
  | 'refresh'
  | 'chevron'
  | 'box'
  | 'layers'
  | 'database'
  | 'network'
  | 'server'
  | 'search'
  | 'close'
  | 'external'
  | 'hammer'
  | 'cloud'
  | 'disk'
  | 'more'
  | 'download'
  | 'upload'
  | 'tag'

const PATHS: Record<IconName, ReactElement> = {
  play: <path d="M7 5v14l11-7z" />,
  stop: <rect x="6.5" y="6.5" width="11" height="11" rx="1.5" />,
  restart: (
    <>
      <path d="M4 12a8 8 0 1 0 2.3-5.7" />
      <path d="M4 4v4.5h4.5" />
    </>
  ),
  pause: (
    <>
      <path d="M9 6v12" />
      <path d="M15 6v12" />
    </>
  ),
  kill: <path d="M13 3 5 14h6l-1 7 8-11h-6z" />,
  trash: (
    <>
      <path d="M4 7h16" />
      <path d="M9 7V4.5h6V7" />
      <path d="M6.5 7l1 13h9l1-13" />
    </>
  ),
  refresh: (
    <>
      <path d="M20 12a8 8 0 1 1-2.3-5.7" />
      <path d="M20 4v4.5h-4.5" />
    </>
  ),
  chevron: <path d="M9 6l6 6-6 6" />,
  box: (
    <>
      <path d="M12 3 4 7.5v9L12 21l8-4.5v-9z" />
      <path d="M4 7.5 12 12l8-4.5" />
      <path d="M12 12v9" />
    </>
  ),
  layers: (
    <>
      <path d="M12 4 3 9l9 5 9-5z" />
      <path d="M3 14l9 5 9-5" />
    </>
  ),
  database: (
    <>
      <ellipse cx="12" cy="6" rx="7" ry="3" />
      <path d="M5 6v12c0 1.7 3.1 3 7 3s7-1.3 7-3V6" />
      <path d="M5 12c0 1.7 3.1 3 7 3s7-1.3 7-3" />
    </>
  ),
  network: (
    <>
      <circle cx="12" cy="5" r="2.2" />
      <circle cx="5" cy="19" r="2.2" />
      <circle cx="19" cy="19" r="2.2" />
      <path d="M12 7.2v4.8M12 12l-6 5.2M12 12l6 5.2" />
    </>
  ),
  server: (
    <>
      <rect x="4" y="4" width="16" height="7" rx="1.5" />
      <rect x="4" y="13" width="16" height="7" rx="1.5" />
      <path d="M8 7.5h.01M8 16.5h.01" />
    </>
  ),
  search: (
    <>
      <circle cx="11" cy="11" r="6" />
      <path d="m20 20-4.5-4.5" />
    </>
  ),
  close: <path d="M6 6l12 12M18 6 6 18" />,
  external: (
    <>
      <path d="M14 4h6v6" />
      <path d="M20 4l-9 9" />
      <path d="M18 14v5a1 1 0 0 1-1 1H5a1 1 0 0 1-1-1V7a1 1 0 0 1 1-1h5" />
    </>
  ),
  hammer: (
    <>
      <path d="M14 6 9 11l4 4 5-5" />
      <path d="M11 13 4 20" />
      <path d="m14 6 2-2 4 4-2 2" />
    </>
  ),
  cloud: <path d="M7 18h10a4 4 0 0 0 .6-7.95A6 6 0 0 0 6.1 9.5 4.3 4.3 0 0 0 7 18z" />,
  disk: (
    <>
      <rect x="3" y="13" width="18" height="7" rx="1.5" />
      <path d="M5 13 7.5 5h9L19 13" />
      <path d="M16.5 16.5h.01" />
    </>
  ),
  more: (
    <>
      <path d="M12 5.5h.01" />
      <path d="M12 12h.01" />
      <path d="M12 18.5h.01" />
    </>
  ),
  download: (
    <>
      <path d="M12 4v11" />
      <path d="m7 10 5 5 5-5" />
      <path d="M5 20h14" />
    </>
  ),
  upload: (
    <>
      <path d="M12 15V4" />
      <path d="m7 9 5-5 5 5" />
      <path d="M5 20h14" />
    </>
  ),
  tag: (
    <>
      <path d="M3 12V4h8l9 9-8 8z" />
      <path d="M7.5 8h.01" />
    </>
  )
}

export function Icon({ name, className }: { name: IconName; className?: string }): ReactElement {
  return (
    <svg
      className={className ? `icon ${className}` : 'icon'}
      viewBox="0 0 24 24"
      fill="none"
      stroke="currentColor"
      strokeWidth="2"
      strokeLinecap="round"
      strokeLinejoin="round"
      aria-hidden="true"
      focusable="false"
    >
      {PATHS[name]}
    </svg>
  )
}
