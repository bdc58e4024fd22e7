/**
 * The toolbar search field: a magnifier and a search input inside one bordered box (`.search`
 * in controls.css). The input's accessible name is `label`; the placeholder only hints at what
 * the search matches.
 */
import type { KeyboardEvent, ReactElement } from 'react'
import { Icon } from './Icon'

export interface SearchBoxProps {
  label: string
  placeholder: string
  value: string
  onChange: (text: string) => void
  onKeyDown?: (event: KeyboardEvent<HTMLInputElement>) => void
  /** Extra class on the box, for a page that sizes it differently. */
  className?: string
}

export function SearchBox({ label, placeholder, value, onChange, onKeyDown, className }: SearchBoxProps): ReactElement {
  return (
    <label className={className ? `search ${className}` : 'search'}>
      <Icon name="search" />
      <input
        type="search"
        aria-label={label}
        placeholder={placeholder}
        value={value}
        onChange={(event) => onChange(event.currentTarget.value)}
        onKeyDown={onKeyDown}
      />
    </label>
  )
}
