/** Icons this area needs that the shared set lacks (decorative: the buttons carry the names). */
import type { ReactElement, SVGProps } from 'react'

/** The shared icons' look (components/Icon.tsx): 2px round strokes in the text colour. */
const STROKE: SVGProps<SVGSVGElement> = {
  viewBox: '0 0 24 24',
  fill: 'none',
  stroke: 'currentColor',
  strokeWidth: 2,
  strokeLinecap: 'round',
  strokeLinejoin: 'round',
  'aria-hidden': true,
  focusable: false
}

export function FolderGlyph(): ReactElement {
  return (
    <svg className="icon" {...STROKE}>
      <path d="M3.5 6.5a1.5 1.5 0 0 1 1.5-1.5h4l2 2.5h8a1.5 1.5 0 0 1 1.5 1.5v8.5a1.5 1.5 0 0 1-1.5 1.5H5a1.5 1.5 0 0 1-1.5-1.5z" />
    </svg>
  )
}

export function PlugGlyph(): ReactElement {
  return (
    <svg className="icon" {...STROKE}>
      <path d="M9 3v5M15 3v5" />
      <path d="M6.5 8h11v3a5.5 5.5 0 0 1-11 0z" />
      <path d="M12 16.5V21" />
    </svg>
  )
}

export function ArchiveGlyph(): ReactElement {
  return (
    <svg className="icon" {...STROKE}>
      <rect x="3.5" y="4" width="17" height="4.5" rx="1" />
      <path d="M5 8.5v10a1.5 1.5 0 0 0 1.5 1.5h11a1.5 1.5 0 0 0 1.5-1.5v-10" />
      <path d="M12 11.5v5.5M9.5 14.5 12 17l2.5-2.5" />
    </svg>
  )
}
