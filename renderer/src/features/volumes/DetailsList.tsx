/** A definition list of an object's properties; maps (labels, options) become key = value lines. */
import type { ReactElement, ReactNode } from 'react'

export interface DetailsItem {
  term: string
  value: ReactNode
}

export function DetailsList({ items, label }: { items: readonly DetailsItem[]; label: string }): ReactElement {
  return (
    <dl className="details-list" aria-label={label}>
      {items.map((item) => (
        <div key={item.term} className="details-item">
          <dt>{item.term}</dt>
          <dd>{item.value}</dd>
        </div>
      ))}
    </dl>
  )
}

export function KeyValues({ pairs, empty = 'none' }: { pairs: Readonly<Record<string, string>>; empty?: string }): ReactElement {
  const entries = Object.entries(pairs)
  if (entries.length === 0) return <span className="muted">{empty}</span>
  return (
    <ul className="kv-list">
      {entries.map(([key, value]) => (
        <li key={key}>
          <span className="mono kv-key">{key}</span>
          {value ? (
            <>
              {' = '}
              <span className="mono">{value}</span>
            </>
          ) : null}
        </li>
      ))}
    </ul>
  )
}
